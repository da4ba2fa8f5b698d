import { CATEGORIES, LANGUAGES, type Category, type Language } from './taxonomy';

/**
 * Who sees what: the one table the staff console's permission checks (permissions.ts), the
 * Cognito groups and the Amazon Connect routing and security profiles are all generated from.
 * A staff member holds one or more roles (Cognito groups) in the console; in Connect a user has
 * one routing profile and one security profile of a role.
 */
export interface StaffRole {
  /** The Cognito group, and the role's name in code. Cognito group names have no spaces. */
  readonly group: string;
  /** What the role is called in Connect's profiles and in Cognito's group description. */
  readonly title: string;
  /** The intakes the role works: their queues, calls and tasks, and their records in the console. */
  readonly categories: readonly Category[];
  /**
   * The languages of each Connect routing profile the role gets: one profile per set, holding the
   * queues of the role's categories in those languages, so a Spanish-only agent is offered no
   * English calls. The console does not split by language.
   */
  readonly languageSets: readonly (readonly Language[])[];
  /** The queue metrics: the console's Metrics, Connect's real-time metrics and listening in. */
  readonly metrics: boolean;
  /** Intakes' audit trails. */
  readonly audit: boolean;
  /** Supervising: the supervisor role of the status rules (reopening) and of claims (any claim). */
  readonly oversight: boolean;
}

/** English, Spanish, and both: the routing profiles of staff who work a category. */
const EACH_LANGUAGE_AND_BOTH: readonly (readonly Language[])[] = [...LANGUAGES.map((language) => [language]), LANGUAGES];

const categoryStaff = <G extends Category>(group: G, title: string): StaffRole & { group: G } => ({
  group,
  title,
  categories: [group],
  languageSets: EACH_LANGUAGE_AND_BOTH,
  metrics: false,
  audit: false,
  oversight: false,
});

export const STAFF_ROLES = [
  categoryStaff('detainee', 'Detainee inquiries staff'),
  categoryStaff('tip', 'Tips staff'),
  categoryStaff('victim', 'Victim services staff'),
  // One routing profile with every queue: supervisors step in where a line is long.
  { group: 'supervisor', title: 'Supervisors', categories: CATEGORIES, languageSets: [LANGUAGES], metrics: true, audit: true, oversight: true },
] as const satisfies readonly StaffRole[];

export type StaffGroup = (typeof STAFF_ROLES)[number]['group'];
export const STAFF_GROUPS: readonly StaffGroup[] = STAFF_ROLES.map((role) => role.group);

export function roleOfGroup(group: StaffGroup): StaffRole {
  return STAFF_ROLES.find((role) => role.group === group)!;
}

/** Every language a role works, in the hotline's order. */
export function languagesOf(role: StaffRole): Language[] {
  return LANGUAGES.filter((language) => role.languageSets.some((set) => set.includes(language)));
}
