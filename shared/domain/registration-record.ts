import { sayRecordInEnglish } from './call-record';
import type { Registration } from './notifications';
import { registrationWords as wordsOf } from './record-words';
import type { Language } from './taxonomy';
import type { TimelineEntry } from './timeline';

type RegistrationEntry = Extract<TimelineEntry, { type: 'registration' }>;
type StatusEntry = Extract<TimelineEntry, { type: 'registration_status' }>;

/** A registration as its intake's timeline keeps it: the contact masked, as on the Cases page. */
export function registrationEntry(registration: Registration, alreadyRegistered = false): RegistrationEntry {
  return {
    type: 'registration',
    registrationId: registration.id,
    caseNumber: registration.caseNumber,
    channel: registration.source,
    ...(registration.phoneLast4 ? { phoneLast4: registration.phoneLast4 } : {}),
    ...(registration.emailMasked ? { emailMasked: registration.emailMasked } : {}),
    status: registration.status,
    ...(alreadyRegistered ? { alreadyRegistered: true } : {}),
  };
}

/**
 * The summary of the intake a registration by phone or text made, stored in English like a call's
 * (only here: the console shows the intake's registration entry in the staff language instead).
 */
export function registrationSummary(channel: 'voice' | 'sms', language: Language, caseNumber: string): string {
  const words = sayRecordInEnglish(`call.language.${language}`);
  return channel === 'voice'
    ? `Call in ${words}: registered for victim notices on case ${caseNumber}.`
    : `Texts in ${words}: registered for victim notices on case ${caseNumber}.`;
}

/** The timeline's registration entries in English. */
export function registrationWords(entry: RegistrationEntry | StatusEntry): string {
  return wordsOf(sayRecordInEnglish, entry);
}
