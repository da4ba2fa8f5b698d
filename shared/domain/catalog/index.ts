import type { Language } from '../taxonomy';
import { en } from './en';
import { es } from './es';

export type MessageKey = keyof typeof en;

/** The `{name}` placeholders of a sentence, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

export type MessageParams<K extends MessageKey, V = string> = Record<Placeholders<(typeof en)[K]>, V>;

// Compile-time check: every Spanish sentence has exactly the placeholders of its English one.
// A mismatch turns `PlaceholderMismatch` into the offending keys and this line fails to compile.
type PlaceholderMismatch = {
  [K in MessageKey]: [Placeholders<(typeof en)[K]>] extends [Placeholders<(typeof es)[K]>]
    ? [Placeholders<(typeof es)[K]>] extends [Placeholders<(typeof en)[K]>]
      ? never
      : K
    : K;
}[MessageKey];
const placeholdersMatch: [PlaceholderMismatch] extends [never] ? true : PlaceholderMismatch = true;
void placeholdersMatch;

export const CATALOG: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, es };

// Marked pure so that a bundle that never says a sentence does not keep the catalog for this line (issue 18).
export const MESSAGE_KEYS = /* @__PURE__ */ Object.keys(en) as MessageKey[];

/** The names of the placeholders in a sentence, in order of appearance. */
export function placeholdersOf(sentence: string): string[] {
  return [...sentence.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]!);
}

/** A sentence in a language with its placeholders filled in. */
export function message<K extends MessageKey>(language: Language, key: K, ...[params]: ParamsArgument<K>): string {
  return fill(CATALOG[language][key], (params ?? {}) as Record<string, string>, key);
}

/** No argument for a sentence without placeholders, the values for one with them. */
export type ParamsArgument<K extends MessageKey, V = string> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: MessageParams<K, V>];

/** Replaces `{name}` with `values[name]`; a missing value is a programming error. */
export function fill(sentence: string, values: Record<string, string>, key = 'sentence'): string {
  return sentence.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${key}: no value for {${name}}`);
    return value;
  });
}
