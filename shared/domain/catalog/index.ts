import type { Language } from '../taxonomy';
import { en } from './en';
import { es } from './es';
import { smsEn } from './sms-en';
import { smsEs } from './sms-es';
import { fill, type ParamsFor, type Placeholders } from './texts';
import { voiceEn } from './voice-en';
import { voiceEs } from './voice-es';

export { fill } from './texts';

/** Every sentence: what callers hear (the flows say it) and what texters and notices read (the functions). */
type Sentences = typeof voiceEn & typeof smsEn & typeof en;
type SpanishSentences = typeof voiceEs & typeof smsEs & typeof es;

export type MessageKey = keyof Sentences;

export type MessageParams<K extends MessageKey, V = string> = Record<Placeholders<Sentences[K]>, V>;

// Compile-time check: every Spanish sentence has exactly the placeholders of its English one.
// A mismatch turns `PlaceholderMismatch` into the offending keys and this line fails to compile.
type PlaceholderMismatch = {
  [K in MessageKey]: [Placeholders<Sentences[K]>] extends [Placeholders<SpanishSentences[K]>]
    ? [Placeholders<SpanishSentences[K]>] extends [Placeholders<Sentences[K]>]
      ? never
      : K
    : K;
}[MessageKey];
const placeholdersMatch: [PlaceholderMismatch] extends [never] ? true : PlaceholderMismatch = true;
void placeholdersMatch;

/** The whole catalog, for the flows, the tests and the bench; functions use ./texts.ts. */
export const CATALOG: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  en: { ...voiceEn, ...smsEn, ...en },
  es: { ...voiceEs, ...smsEs, ...es },
};

export const MESSAGE_KEYS = Object.keys(CATALOG.en) as MessageKey[];

/** The names of the placeholders in a sentence, in order of appearance. */
export function placeholdersOf(sentence: string): string[] {
  return [...sentence.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]!);
}

/** A sentence in a language with its placeholders filled in. */
export function message<K extends MessageKey>(language: Language, key: K, ...[params]: ParamsArgument<K>): string {
  return fill(CATALOG[language][key], (params ?? {}) as Record<string, string>, key);
}

/** No argument for a sentence without placeholders, the values for one with them. */
export type ParamsArgument<K extends MessageKey, V = string> = ParamsFor<Sentences[K], V>;
