import type { Action } from './permissions';
import type { Category, Language } from './taxonomy';

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

export const LANGUAGE_WORDS: Record<Language, string> = { en: 'English', es: 'Spanish' };

/**
 * What staff read about a call: its summary and its timeline entry, made from what the call flow
 * passed to call-intake. Placeholders in braces.
 */
export const CALL_WORDS = {
  call: 'Call in {language} about a {category} matter.',
  callback: 'After-hours call in {language} about a {category} matter: a callback when the line opens.',
  byMenu: 'The caller chose it at the main menu.',
  byGeneralRoute: 'No choice after three tries at the main menu: put through to the general line.',
  anonymous: 'Anonymous tip: no number kept (the caller pressed 1, or did not answer).',
  leftNumber: 'The caller chose to leave their number.',
  callbackNumberKeyed: 'Call back at {number}, the number the caller keyed in.',
  callbackNumberOwn: 'Call back at {number}, the number the caller called from.',
  queued: 'Put through to the {queue} queue.',
} as const;

/** What staff read about what is new on the queue and intake pages. */
export const NEW_WORK_WORDS = {
  unread: 'New since you last looked',
  unreadCount: '{count} new since you last looked',
  refreshed: 'Updated: {what}.',
  newIntakes: 'the list changed',
  newEvents: 'new on the timeline',
} as const;

/** Fills a staff sentence's {placeholders}. */
export function fillWords(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
