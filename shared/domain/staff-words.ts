import type { CustodyEventType } from './notifications';
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

/** Custody events as staff read them (the case page, and the domain's refusals). */
export const CUSTODY_EVENT_WORDS: Record<CustodyEventType, string> = {
  release_scheduled: 'Release scheduled',
  released: 'Released',
  removed: 'Removed from the United States',
  transferred: 'Transferred to another facility',
  escaped: 'Escaped from custody',
  returned: 'Returned to custody',
};

/** What the domain tells victim staff about a case it refuses or already has. `{name}` are the values. */
export const CASE_WORDS = {
  caseNumber: 'a case number is 6 to 12 digits, for example 20261123',
  eventNotYet: '“{event}” is recorded once it has happened, and {date} has not come yet. A release still to come is “Release scheduled”.',
  eventTooOld: '{date} is more than {days} days ago: check the date (notices about something that old would mislead).',
  contactBusy: 'Someone is registering this contact for this case right now: reload the case in a minute.',
  alreadyRegistered: 'This {contact} is already registered for this case: nothing was added.',
  /** The case page: how many registrations are in each state. */
  counts: '{active} active, {pending} waiting for YES by text, {withdrawn} withdrawn.',
  /** The confirm step before a custody event is recorded: who will get its notice. */
  confirmEvent: 'Record “{event}” on {date}?',
  willNotify: 'A notice goes to {count} active registration(s): {contacts}.',
  nobodyToNotify: 'Nobody will get a notice: no registration of this case is active.',
  pendingNotNotified: '{pending} registration(s) waiting for YES by text get no notice.',
  confirmRecord: 'Yes, record and notify',
  goBack: 'Go back',
} as const;

/** Fills a sentence's `{name}` values. */
export function fill(sentence: string, values: Record<string, string | number>): string {
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
