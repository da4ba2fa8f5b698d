import type { StaffMember } from '../shared/domain/permissions';

/**
 * The staff the local sign-in screen offers: one per group, a bilingual pair, a supervisor. Only
 * their names: the console says their groups in the staff member's language.
 */
export const SAMPLE_STAFF: (StaffMember & { name: string })[] = [
  { username: 'ana', name: 'Ana Torres', groups: ['tip'] },
  { username: 'beto', name: 'Beto Ruiz', groups: ['detainee'] },
  { username: 'carmen', name: 'Carmen Díaz', groups: ['victim'] },
  { username: 'dani', name: 'Dani Park', groups: ['detainee', 'victim'] },
  { username: 'sam', name: 'Sam Ortiz', groups: ['supervisor'] },
];
