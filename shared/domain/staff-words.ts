import type { CustodyEventType } from './notifications';
import type { Action } from './permissions';
import { parseQueueKey, type QueueKey } from './queues';
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
  transfer: 'move {category} intakes to another queue',
  assign: 'assign intakes to colleagues (supervisors do)',
  view_registrations: 'open victim notification cases',
  register_victim: 'register victims for notices',
  withdraw_registration: 'withdraw notice registrations',
  record_custody_event: 'record custody events',
  view_audit: 'read audit trails (supervisors do)',
  view_metrics: 'see the metrics (supervisors do)',
} as const satisfies Record<Action, string>;

export const CATEGORY_WORDS: Record<Category, string> = { detainee: 'detainee', tip: 'tip', victim: 'victim' };

export const LANGUAGE_WORDS: Record<Language, string> = { en: 'English', es: 'Spanish' };

/** A queue in a sentence: "tip intakes in Spanish". */
export function queueWords(key: QueueKey): string {
  const { category, language } = parseQueueKey(key);
  return `${CATEGORY_WORDS[category]} intakes in ${LANGUAGE_WORDS[language]}`;
}

/** What staff of an intake's old queue read when they open it after it moved out of their reach. */
export function movedAwayWords(id: string, move: { to: QueueKey; actor: string; at: string; reason: string }): string {
  return `Intake ${id} was moved to ${queueWords(move.to)} by ${move.actor} on ${move.at.slice(0, 10)} (${move.reason}); only that queue's staff can open it now.`;
}

/** The refusals of assignment and transfer, in staff words. */
export const ASSIGNMENT_WORDS = {
  notColleague: (assignee: string, category: Category) => `${assignee} does not work ${CATEGORY_WORDS[category]} intakes`,
  alreadyAssigned: (id: string, assignee: string) => `Intake ${id} is already with ${assignee}`,
  anonymousStaysTip: 'An anonymous tip stays a tip: only tips can be anonymous. It can move to the other language.',
} as const;

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
  waitAnswered: 'Waited {wait} in the queue, answered.',
  // A caller who takes the queue's callback offer leaves the queue too: the contact event does not tell the two apart.
  waitAbandoned: 'Left the queue unanswered after {wait} (hung up, or took the offered callback).',
} as const;

/** A wait in staff words: `45 s`, `2 min 10 s`, `4 min`, `1 h 5 min`. */
export function durationWords(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return whole % 60 ? `${minutes} min ${whole % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}

/** Victim notice registrations on an intake (its summary and timeline), for the API's English; the console says them from the staff catalog. */
export const REGISTRATION_WORDS = {
  /** The summary of an intake a registration by phone or text made. */
  summaryVoice: 'Call in {language}: registered for victim notices on case {caseNumber}.',
  summarySms: 'Texts in {language}: registered for victim notices on case {caseNumber}.',
  entry: 'Registered for notices on case {caseNumber} {by}, {contact}: {status}.',
  alreadyRegistered: '{contact} was registered for case {caseNumber} already: {status}.',
  statusChanged: 'Registration for case {caseNumber}: {status}.',
  by: { voice: 'by phone', sms: 'by text', console: 'by staff' },
  status: { pending: 'waiting for YES by text', active: 'active', withdrawn: 'withdrawn' },
} as const;

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
} as const;

/** Fills a sentence's `{name}` values. */
export function fill(sentence: string, values: Record<string, string | number>): string {
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
