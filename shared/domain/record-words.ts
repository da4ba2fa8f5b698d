import type { StaffRecordKey } from './catalog/staff-records';
import { maskPhone } from './mask';
import type { TimelineEntry } from './timeline';

/**
 * What staff read about a call and a notice registration on an intake, said in one language by
 * `say` (a sentence of catalog/staff-records.ts with its values): the console says them in the
 * staff member's language, call-intake and the registrations store them in English. One way of
 * saying them for both, so the two never drift.
 */
export type SayRecord = (key: StaffRecordKey, values?: Record<string, string>) => string;

/** A `SayRecord` over one language's record sentences; a value the sentence needs and did not get is a programming error. */
export function sayFrom(sentences: Readonly<Record<StaffRecordKey, string>>): SayRecord {
  return (key, values = {}) =>
    sentences[key].replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`${key}: no value for {${name}}`);
      return value;
    });
}

export type CallRecord = Extract<TimelineEntry, { type: 'call' }>;
type RegistrationEntry = Extract<TimelineEntry, { type: 'registration' }>;
type RegistrationStatusEntry = Extract<TimelineEntry, { type: 'registration_status' }>;

/** A wait in staff words: `45 s`, `2 min 10 s`, `4 min`, `1 h 5 min` (the units are the same in Spanish). */
export function durationWords(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return whole % 60 ? `${minutes} min ${whole % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}

/** A call's path through the line, nothing invented: the call, its route, a tip's anonymity, the callback or the queue, the wait. */
export function callWords(say: SayRecord, call: CallRecord): string {
  const [category, language] = call.queueKey.split('-') as ['detainee' | 'tip' | 'victim', 'en' | 'es'];
  const values = { category: say(`call.category.${category}`), language: say(`call.language.${language}`) };
  const sentences = [say(call.callback ? 'call.callback' : 'call.call', values)];
  sentences.push(say(call.route === 'general' ? 'call.byGeneralRoute' : 'call.byMenu'));
  if (call.anonymity) sentences.push(say(call.anonymity === 'anonymous' ? 'call.anonymous' : 'call.leftNumber'));
  if (call.callback) {
    sentences.push(say(call.callback.keyed ? 'call.callbackNumberKeyed' : 'call.callbackNumberOwn', { number: maskPhone(call.callback.numberLast4) }));
  } else {
    sentences.push(say('call.queued', { queue: `${values.category} (${values.language})` }));
  }
  if (call.wait) sentences.push(say(call.wait.outcome === 'answered' ? 'call.waitAnswered' : 'call.waitAbandoned', { wait: durationWords(call.wait.seconds) }));
  return sentences.join(' ');
}

/** A registration entry of an intake's timeline: the registration it led to, or its change of status. */
export function registrationWords(say: SayRecord, entry: RegistrationEntry | RegistrationStatusEntry): string {
  const status = say(`registration.status.${entry.status}`);
  if (entry.type === 'registration_status') return say('registration.statusChanged', { caseNumber: entry.caseNumber, status });
  const contact = [entry.phoneLast4 ? maskPhone(entry.phoneLast4) : undefined, entry.emailMasked].filter(Boolean).join(` ${say('registration.and')} `);
  if (entry.alreadyRegistered) return say('registration.already', { contact, caseNumber: entry.caseNumber, status });
  return say('registration.entry', { caseNumber: entry.caseNumber, by: say(`registration.by.${entry.channel}`), contact, status });
}
