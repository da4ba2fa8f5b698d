import { spawnSync } from 'node:child_process';
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

  // A second opinion from Debian's hunspell dictionaries (packages hunspell, hunspell-en-us,
  // hunspell-es; .ci/run installs them), which know words nspell's do not and the other way round.
  const HUNSPELL: Record<'en' | 'es', string> = { en: 'en_US', es: 'es_US' };
  const hunspellMisses = (language: 'en' | 'es', text: string): string[] => {
    const run = spawnSync('hunspell', ['-d', HUNSPELL[language], '-i', 'UTF-8', '-l'], { input: text, encoding: 'utf8' });
    if (run.error || run.status !== 0) throw new Error(`hunspell -d ${HUNSPELL[language]} failed: ${run.error?.message ?? run.stderr}`);
    return run.stdout.split('\n').filter((word) => word.trim());
  };

  it.each(['en', 'es'] as const)('is spelled correctly in %s by hunspell too', (language) => {
    // One run for every distinct word (hunspell starts slowly), then each miss named by its keys.
    const distinct = [...new Set(MESSAGE_KEYS.flatMap((key) => words(CATALOG[language][key])))];
    const misses = new Set(hunspellMisses(language, distinct.join('\n')).filter((word) => !ALLOWED[language].has(word.toLowerCase())));
    const misspelled = MESSAGE_KEYS.flatMap((key) =>
      words(CATALOG[language][key])
        .filter((word) => misses.has(word))
        .map((word) => `${key}: ${word}`),
    );
    expect(misspelled).toEqual([]);
  });

  it('has a hunspell check that catches a misspelling in each language', () => {
    expect(hunspellMisses('es', 'telefono\nteléfono\nanonimato')).toEqual(['telefono']);
    expect(hunspellMisses('en', 'anonymous\nanonimous')).toEqual(['anonimous']);
  });

  it('has a spelling check that catches a misspelling', () => {
    const es = nspell({ aff: Buffer.from(dictionaryEs.aff), dic: Buffer.from(dictionaryEs.dic) });
    expect(es.correct('telefono')).toBe(false);
    expect(es.correct('teléfono')).toBe(true);
  });
});
