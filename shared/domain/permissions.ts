import { DomainError } from './errors';
import { CATEGORY_WORDS, REFUSED_ACTION_WORDS } from './staff-words';
import type { Role } from './status';
import { CATEGORIES, type Category } from './taxonomy';

/** Staff groups (Cognito groups in AWS): one per category, and supervisors. */
export const STAFF_GROUPS = ['detainee', 'tip', 'victim', 'supervisor'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

export interface StaffMember {
  username: string;
  groups: StaffGroup[];
  /** The sign-in session the request belongs to (stable across token refreshes), when the token says. */
  session?: string;
}

/**
 * What staff do in the console. Every action is either done on intakes of a category (allowed to
 * staff of that category and to supervisors) or is a supervisor's alone.
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
  assign: 'supervisor',
  // Victim notification: on the victim category.
  view_registrations: 'category',
  register_victim: 'category',
  withdraw_registration: 'category',
  record_custody_event: 'category',
  view_audit: 'supervisor',
  view_metrics: 'supervisor',
} as const satisfies Record<string, 'category' | 'supervisor'>;
export type Action = keyof typeof RULES;

export function isSupervisor(staff: StaffMember): boolean {
  return staff.groups.includes('supervisor');
}

/** The categories whose intakes a staff member sees. */
export function visibleCategories(staff: StaffMember): Category[] {
  return isSupervisor(staff) ? [...CATEGORIES] : CATEGORIES.filter((category) => staff.groups.includes(category));
}

/** Whether a staff member may do an action (on an intake of `category`, for category actions). */
export function allowed(staff: StaffMember, action: Action, category?: Category): boolean {
  if (isSupervisor(staff)) return true;
  if (RULES[action] === 'supervisor') return false;
  return category !== undefined && staff.groups.includes(category);
}

export class NotAllowedError extends DomainError {
  readonly code = 'not_allowed';
  constructor(staff: StaffMember, action: Action, category?: Category) {
    // In staff words: "carmen cannot open detainee intakes".
    const words: string = REFUSED_ACTION_WORDS[action];
    super(`${staff.username} cannot ${words.replace('{category}', category ? CATEGORY_WORDS[category] : 'these')}`);
    this.name = 'NotAllowedError';
  }
}

export function assertAllowed(staff: StaffMember, action: Action, category?: Category): void {
  if (!allowed(staff, action, category)) throw new NotAllowedError(staff, action, category);
}

/** The role that status rules know. */
export function roleOf(staff: StaffMember): Role {
  return isSupervisor(staff) ? 'supervisor' : 'staff';
}
