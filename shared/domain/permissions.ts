import { DomainError, refusalLine } from './errors';
import { STAFF_GROUPS, roleOfGroup, type StaffGroup, type StaffRole } from './staff-roles';
import type { Role } from './status';
import { CATEGORIES, type Category } from './taxonomy';

/** Staff groups (Cognito groups in AWS): the roles of the table in staff-roles.ts. */
export { STAFF_GROUPS, type StaffGroup };

export interface StaffMember {
  username: string;
  groups: StaffGroup[];
  /** The sign-in session the request belongs to (stable across token refreshes), when the token says. */
  session?: string;
}

/**
 * What staff do in the console. Every action is either done on intakes of a category (allowed to
 * the roles that work that category) or needs what a role of staff-roles.ts may see: the metrics
 * or the audit trails (supervisors').
 */
export const RULES = {
  list_queue: 'category',
  view_intake: 'category',
  view_contact: 'category',
  claim: 'category',
  release: 'category',
  add_note: 'category',
  change_status: 'category',
  reply: 'category',
  // Moving a misrouted intake to another queue: its category's staff, who found it misrouted.
  transfer: 'category',
  // Giving an intake to a named colleague is a supervisor's decision.
  assign: 'oversight',
  // Victim notification: on the victim category.
  view_registrations: 'category',
  register_victim: 'category',
  withdraw_registration: 'category',
  record_custody_event: 'category',
  view_audit: 'audit',
  view_metrics: 'metrics',
} as const satisfies Record<string, 'category' | keyof Pick<StaffRole, 'audit' | 'metrics' | 'oversight'>>;
export type Action = keyof typeof RULES;

const rolesOf = (staff: StaffMember): StaffRole[] => staff.groups.map(roleOfGroup);

/** Supervising (the status rules' supervisor role; any claim): a role of the table that oversees. */
export function isSupervisor(staff: StaffMember): boolean {
  return rolesOf(staff).some((role) => role.oversight);
}

/** The categories whose intakes a staff member sees: those of their roles. */
export function visibleCategories(staff: StaffMember): Category[] {
  const roles = rolesOf(staff);
  return CATEGORIES.filter((category) => roles.some((role) => role.categories.includes(category)));
}

/** Whether a staff member may do an action (on an intake of `category`, for category actions). */
export function allowed(staff: StaffMember, action: Action, category?: Category): boolean {
  const rule = RULES[action];
  const roles = rolesOf(staff);
  if (rule === 'category') return category !== undefined && roles.some((role) => role.categories.includes(category));
  return roles.some((role) => role[rule]);
}

export class NotAllowedError extends DomainError {
  readonly code = 'not_allowed';
  constructor(staff: StaffMember, action: Action, category?: Category) {
    // Said in staff words from the catalog ("carmen cannot open detainee intakes"), by refusal-words.ts.
    const refusal = { code: `not_allowed.${action}`, facts: { staff: staff.username, ...(category ? { category } : {}) } };
    super(refusalLine(refusal));
    this.name = 'NotAllowedError';
    this.refuse(refusal);
  }
}

export function assertAllowed(staff: StaffMember, action: Action, category?: Category): void {
  if (!allowed(staff, action, category)) throw new NotAllowedError(staff, action, category);
}

/** The role that status rules know. */
export function roleOf(staff: StaffMember): Role {
  return isSupervisor(staff) ? 'supervisor' : 'staff';
}
