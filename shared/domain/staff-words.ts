import type { Action } from './permissions';
import type { Category } from './taxonomy';

/**
 * What each console action is called when a staff member may not do it: "carmen cannot open
 * detainee intakes", never an action code. `{category}` is the category the refusal is about.
 * Keyed by action (permissions.ts), so a new action without its words does not compile.
 */
export const REFUSED_ACTION_WORDS = {
  list_queue: 'list {category} intakes',
  view_intake: 'open {category} intakes',
  view_contact: 'see the phone numbers of {category} intakes',
  claim: 'claim {category} intakes',
  release: 'release {category} intakes',
  add_note: 'add notes to {category} intakes',
  change_status: 'change the status of {category} intakes',
  reply: 'text the contacts of {category} intakes',
  view_registrations: 'open victim notification cases',
  register_victim: 'register victims for notices',
  withdraw_registration: 'withdraw notice registrations',
  record_custody_event: 'record custody events',
  view_audit: 'read audit trails (supervisors do)',
  view_metrics: 'see the metrics (supervisors do)',
} as const satisfies Record<Action, string>;

export const CATEGORY_WORDS: Record<Category, string> = { detainee: 'detainee', tip: 'tip', victim: 'victim' };
