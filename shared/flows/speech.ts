import { CATALOG, fill, type MessageKey, type ParamsArgument } from '../domain/catalog';
import type { Language } from '../domain/taxonomy';

/** What fills a placeholder in a prompt: fixed text, or a contact attribute Connect substitutes. */
export type SpeechValue = string | { attribute: string; digits?: boolean };

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
  // Connect replaces the JSONPath with the attribute's value before Polly reads the SSML.
  return value.digits ? `<say-as interpret-as="digits">${value.attribute}</say-as>` : value.attribute;
}

/** Catalog sentences in one language as an SSML prompt. */
export function ssml(language: Language, ...sentences: Sentence[]): { SSML: string } {
  const body = sentences
    .map((s) => {
      const values = Object.fromEntries(Object.entries(s.params).map(([name, value]) => [name, renderValue(value)]));
      return fill(escapeXml(CATALOG[language][s.key]), values, s.key);
    })
    .join(' ');
  return { SSML: `<speak>${body}</speak>` };
}
