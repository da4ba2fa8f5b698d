import { maskPhone } from './phone';
import { LANGUAGE_WORDS, REGISTRATION_WORDS, fill } from './staff-words';
import type { Registration } from './notifications';
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

/** The summary of the intake a registration by phone or text made. */
export function registrationSummary(channel: 'voice' | 'sms', language: Language, caseNumber: string): string {
  return fill(channel === 'voice' ? REGISTRATION_WORDS.summaryVoice : REGISTRATION_WORDS.summarySms, { language: LANGUAGE_WORDS[language], caseNumber });
}

/** The timeline's registration entries in staff words. */
export function registrationWords(entry: RegistrationEntry | StatusEntry): string {
  const status = REGISTRATION_WORDS.status[entry.status];
  if (entry.type === 'registration_status') return fill(REGISTRATION_WORDS.statusChanged, { caseNumber: entry.caseNumber, status });
  const contact = [entry.phoneLast4 ? maskPhone(entry.phoneLast4) : undefined, entry.emailMasked].filter(Boolean).join(' and ');
  if (entry.alreadyRegistered) return fill(REGISTRATION_WORDS.alreadyRegistered, { contact, caseNumber: entry.caseNumber, status });
  return fill(REGISTRATION_WORDS.entry, { caseNumber: entry.caseNumber, by: REGISTRATION_WORDS.by[entry.channel], contact, status });
}
