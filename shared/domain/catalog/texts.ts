import type { Language } from '../taxonomy';
import { en } from './en';
import { es } from './es';
import { smsEn } from './sms-en';
import { smsEs } from './sms-es';

/**
 * The sentences the functions say, and `message` and `reply` over them alone: a function bundles
 * this module, never ./index.ts, whose catalog also holds every sentence of the contact flows,
 * about half of it. The SMS conversation's replies are apart from the rest (notices, opening
 * hours, names), so that a function that never converses does not bundle them (issue 18;
 * test/architecture/bundle-contents.test.ts).
 */
export type TextKey = keyof typeof en;
export type ReplyKey = keyof typeof smsEn;

/** The `{name}` placeholders of a sentence, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** No argument for a sentence without placeholders, the values for one with them. */
export type ParamsFor<S extends string, V = string> = [Placeholders<S>] extends [never] ? [] : [params: Record<Placeholders<S>, V>];

export const TEXT_CATALOG: Readonly<Record<Language, Readonly<Record<TextKey, string>>>> = { en, es };

export const REPLY_CATALOG: Readonly<Record<Language, Readonly<Record<ReplyKey, string>>>> = { en: smsEn, es: smsEs };

/** A sentence of a notice, of opening hours or a name, in a language with its placeholders filled in. */
export function message<K extends TextKey>(language: Language, key: K, ...[params]: ParamsFor<(typeof en)[K]>): string {
  return fill(TEXT_CATALOG[language][key], (params ?? {}) as Record<string, string>, key);
}

/** A sentence of the SMS conversation's replies, in a language with its placeholders filled in. */
export function reply<K extends ReplyKey>(language: Language, key: K, ...[params]: ParamsFor<(typeof smsEn)[K]>): string {
  return fill(REPLY_CATALOG[language][key], (params ?? {}) as Record<string, string>, key);
}

/** Replaces `{name}` with `values[name]`; a missing value is a programming error. */
export function fill(sentence: string, values: Record<string, string>, key = 'sentence'): string {
  return sentence.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${key}: no value for {${name}}`);
    return value;
  });
}
