import type { StaffMember } from '../shared/domain/permissions';

/** The staff the local sign-in screen offers: one per group, a bilingual pair, a supervisor. */
export const SAMPLE_STAFF: (StaffMember & { name: string })[] = [
  { username: 'ana', name: 'Ana Torres (tips)', groups: ['tip'] },
  { username: 'beto', name: 'Beto Ruiz (detainee inquiries)', groups: ['detainee'] },
  { username: 'carmen', name: 'Carmen Díaz (victim services)', groups: ['victim'] },
  { username: 'dani', name: 'Dani Park (detainee inquiries and victim services)', groups: ['detainee', 'victim'] },
  { username: 'sam', name: 'Sam Ortiz (supervisor)', groups: ['supervisor'] },
];
