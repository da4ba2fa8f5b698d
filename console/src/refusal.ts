import { STAFF_CATALOG } from '../../shared/domain/catalog/staff';
import { refusalWords, wordingOf, type Wording } from '../../shared/domain/refusal-words';
import type { ApiError } from './api';
import { calendarDate, dateTime, language, locale, number } from './i18n';

/** The staff member's language, dates in the hotline's zone: a calendar day as a day, a moment with its zone. */
function wording(): Wording {
  return wordingOf(STAFF_CATALOG[language()], { date: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? calendarDate(value) : dateTime(value)), number, locale: locale() });
}

/**
 * What an API refusal says to staff, in their language: the catalog's sentence for its code,
 * filled with its facts (shared/domain/refusal-words.ts, which the API's English is said by too).
 * An answer with no code (a network failure) shows its own message.
 */
export function refusal(error: Error): string {
  const api = error as Partial<ApiError>;
  if (!api.refusalCode) return error.message;
  return refusalWords(wording(), api.refusalCode, api.facts, api.issues) ?? error.message;
}

/** A refusal the console finds itself before sending, by the domain rule the API applies: in the API's words for that code. */
export function refusalFor(code: string, facts: Record<string, string | number | string[]>): string {
  return refusalWords(wording(), code, facts) ?? code;
}
