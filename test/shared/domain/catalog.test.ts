import dictionaryEn from 'dictionary-en';
import dictionaryEs from 'dictionary-es';
import nspell from 'nspell';
import { describe, expect, it } from 'vitest';
import { CATALOG, MESSAGE_KEYS, message, placeholdersOf } from '../../../shared/domain/catalog';
import { LANGUAGES } from '../../../shared/domain/taxonomy';

/**
 * Words the dictionaries do not know that are right: names, acronyms, keywords. Every entry is
 * reviewed; keep it short.
 */
const ALLOWED: Record<'en' | 'es', Set<string>> = {
  // "hotline" is English, but not in dictionary-en.
  en: new Set(['hotline']),
  // START is the opt-in keyword carriers recognize, shown as is to Spanish texters.
  es: new Set(['arizona', 'start']),
};

function words(sentence: string): string[] {
  return sentence
    .replace(/\{[A-Za-z]+\}/g, ' ')
    .split(/[^\p{L}'’-]+/u)
    .map((word) => word.replace(/^['’-]+|['’-]+$/g, ''))
    .filter((word) => word.length > 0 && !/^\d+$/.test(word));
}

describe('the message catalog', () => {
  it('has every sentence in both languages, none empty', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(CATALOG[language]).sort()).toEqual([...MESSAGE_KEYS].sort());
      for (const key of MESSAGE_KEYS) expect(CATALOG[language][key].trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('gives each Spanish sentence the placeholders of its English one', () => {
    for (const key of MESSAGE_KEYS) {
      expect(placeholdersOf(CATALOG.es[key]).sort(), key).toEqual(placeholdersOf(CATALOG.en[key]).sort());
    }
  });

  it('fills placeholders, and refuses to leave one empty', () => {
    expect(message('es', 'voice.menu.tip', { key: '2' })).toBe('Para denunciar un delito o una actividad sospechosa, oprima 2.');
    expect(() => (message as (...args: unknown[]) => string)('en', 'voice.menu.tip', {})).toThrow('voice.menu.tip: no value for {key}');
  });

  it.each([
    ['en', dictionaryEn],
    ['es', dictionaryEs],
  ] as const)('is spelled correctly in %s', (language, dictionary) => {
    const spell = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
    const misspelled = MESSAGE_KEYS.flatMap((key) =>
      words(CATALOG[language][key])
        .filter((word) => !ALLOWED[language].has(word.toLowerCase()) && !spell.correct(word))
        .map((word) => `${key}: ${word}`),
    );
    expect(misspelled).toEqual([]);
  });

  it('has a spelling check that catches a misspelling', () => {
    const es = nspell({ aff: Buffer.from(dictionaryEs.aff), dic: Buffer.from(dictionaryEs.dic) });
    expect(es.correct('telefono')).toBe(false);
    expect(es.correct('teléfono')).toBe(true);
  });
});
