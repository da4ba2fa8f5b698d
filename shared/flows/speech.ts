import { CATALOG, fill, type MessageKey, type ParamsArgument } from '../domain/catalog';
import type { Language } from '../domain/taxonomy';

/** What fills a placeholder in a prompt: fixed text, or a contact attribute Connect substitutes. */
export type SpeechValue = string | { attribute: string; digits?: boolean } | { telephone: string };

export interface Sentence {
  key: MessageKey;
  params: Record<string, SpeechValue>;
}

/** One catalog sentence for a prompt, with its placeholders. */
export function sentence<K extends MessageKey>(key: K, ...[params]: ParamsArgument<K, SpeechValue>): Sentence {
  return { key, params: (params ?? {}) as Record<string, SpeechValue> };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function renderValue(value: SpeechValue): string {
  if (typeof value === 'string') return escapeXml(value);
  // Polly reads a 10-digit number as a phone number in en-US and es-US (among others).
  // https://docs.aws.amazon.com/polly/latest/dg/say-as-tag.html
  if ('telephone' in value) return `<say-as interpret-as="telephone">${value.telephone}</say-as>`;
  // Connect replaces the JSONPath with the attribute's value before Polly reads the SSML.
  return value.digits ? `<say-as interpret-as="digits">${value.attribute}</say-as>` : value.attribute;
}

function body(language: Language, sentences: Sentence[]): string {
  return sentences
    .map((s) => {
      const values = Object.fromEntries(Object.entries(s.params).map(([name, value]) => [name, renderValue(value)]));
      return fill(escapeXml(CATALOG[language][s.key]), values, s.key);
    })
    .join(' ');
}

/** Catalog sentences in one language as an SSML prompt. */
export function ssml(language: Language, ...sentences: Sentence[]): { SSML: string } {
  return { SSML: `<speak>${body(language, sentences)}</speak>` };
}

/** The language tag of each language, as SSML's xml:lang wants it. */
export const LANGUAGE_TAGS: Record<Language, 'en-US' | 'es-US'> = { en: 'en-US', es: 'es-US' };

/**
 * One prompt in several languages, each part marked with <lang xml:lang>, so that a single input
 * block can say every language's instruction and listen while it does: Connect captures keys
 * only during Get customer input, never during Play prompt.
 * https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html#lang-tag
 */
export function bilingualSsml(...parts: { language: Language; sentences: Sentence[] }[]): { SSML: string } {
  const tagged = parts.map(({ language, sentences }) => `<lang xml:lang="${LANGUAGE_TAGS[language]}">${body(language, sentences)}</lang>`);
  return { SSML: `<speak>${tagged.join(' ')}</speak>` };
}

/** The prompt followed by silence: SSML breaks of at most 10 seconds each (Polly's limit). */
export function followedByPause(prompt: { SSML: string }, seconds: number): { SSML: string } {
  const breaks: string[] = [];
  for (let left = seconds; left > 0; left -= 10) breaks.push(`<break time="${Math.min(left, 10)}s"/>`);
  return { SSML: prompt.SSML.replace(/<\/speak>$/, `${breaks.join('')}</speak>`) };
}
