import { spawnSync } from 'node:child_process';
import dictionaryEn from 'dictionary-en';
import dictionaryEs from 'dictionary-es';
import nspell from 'nspell';
import { describe, expect, it } from 'vitest';
import { STAFF_CATALOG, STAFF_KEYS, staffMessage } from '../../../shared/domain/catalog/staff';
import { placeholdersOf } from '../../../shared/domain/catalog';
import { RULES } from '../../../shared/domain/permissions';
import { INTAKE_STATUSES } from '../../../shared/domain/status';
import { CATEGORIES, LANGUAGES } from '../../../shared/domain/taxonomy';
import { CUSTODY_EVENT_TYPES } from '../../../shared/domain/notifications';

/**
 * Words the dictionaries do not know that are right: product names, acronyms, the keywords
 * texters send. Every entry is reviewed; keep it short.
 */
const ALLOWED: Record<'en' | 'es', Set<string>> = {
  // The product's name, Amazon Connect and Cognito, UTC, the unit h; "hotline" is English but not
  // in dictionary-en, nor "misrouted" and "mistyped" (hunspell knows them); "texter", the timeline's name for whoever texts the line.
  en: new Set(['enlace', 'connect', 'cognito', 'utc', 'json', 'hotline', 'misrouted', 'mistyped', 'h', 'texter']),
  // The product names, UTC, a token (as staff call it), the units min and h, and START, the keyword a texter sends (it stays English).
  es: new Set(['enlace', 'connect', 'cognito', 'utc', 'json', 'token', 'min', 'h', 'start']),
};

function words(sentence: string): string[] {
  return sentence
    .replace(/\{[A-Za-z]+\}/g, ' ')
    .replace(/\bconfig\.json\b/g, ' ')
    // "intake(s)", "registro(s) activo(s)": the plural ending is not a word.
    .replace(/\((e?s)\)/g, '')
    .split(/[^\p{L}'’]+/u)
    .map((word) => word.replace(/^['’-]+|['’-]+$/g, ''))
    .filter((word) => word.length > 0 && !/^\d+$/.test(word));
}

describe('the staff catalog', () => {
  it('has every sentence in both languages, none empty', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(STAFF_CATALOG[language]).sort()).toEqual([...STAFF_KEYS].sort());
      for (const key of STAFF_KEYS) expect(STAFF_CATALOG[language][key].trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('gives each Spanish sentence the placeholders of its English one', () => {
    for (const key of STAFF_KEYS) {
      expect([...new Set(placeholdersOf(STAFF_CATALOG.es[key]))].sort(), key).toEqual([...new Set(placeholdersOf(STAFF_CATALOG.en[key]))].sort());
    }
  });

  it("has the words for each of the domain's values and each refusal of an action", () => {
    const missing = [
      ...INTAKE_STATUSES.flatMap((status) => [`status.${status}`, `statusPlural.${status}`]),
      ...CATEGORIES.flatMap((category) => [`category.${category}`, `refusedCategory.${category}`, `call.category.${category}`]),
      ...LANGUAGES.flatMap((language) => [`languageName.${language}`, `call.language.${language}`]),
      ...Object.keys(RULES).map((action) => `error.not_allowed.${action}`),
      ...CUSTODY_EVENT_TYPES.map((type) => `event.${type}`),
    ].filter((key) => !(STAFF_KEYS as string[]).includes(key));
    expect(missing).toEqual([]);
  });

  it('fills placeholders, and refuses to leave one empty', () => {
    expect(staffMessage('es', 'error.not_allowed.view_intake', { staff: 'carmen', category: 'sobre personas detenidas' })).toBe(
      'carmen no puede abrir solicitudes sobre personas detenidas',
    );
    expect(() => (staffMessage as (...args: unknown[]) => string)('en', 'intake.title', {})).toThrow('intake.title: no value for {id}');
  });

  it.each([
    ['en', dictionaryEn],
    ['es', dictionaryEs],
  ] as const)('is spelled correctly in %s', (language, dictionary) => {
    const spell = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
    const misspelled = STAFF_KEYS.flatMap((key) =>
      words(STAFF_CATALOG[language][key])
        .filter((word) => !ALLOWED[language].has(word.toLowerCase()) && !spell.correct(word))
        .map((word) => `${key}: ${word}`),
    );
    expect(misspelled).toEqual([]);
  });

  // A second opinion from Debian's hunspell dictionaries, as test/shared/domain/catalog.test.ts does.
  const HUNSPELL: Record<'en' | 'es', string> = { en: 'en_US', es: 'es_US' };
  it.each(['en', 'es'] as const)('is spelled correctly in %s by hunspell too', (language) => {
    const distinct = [...new Set(STAFF_KEYS.flatMap((key) => words(STAFF_CATALOG[language][key])))];
    const run = spawnSync('hunspell', ['-d', HUNSPELL[language], '-i', 'UTF-8', '-l'], { input: distinct.join('\n'), encoding: 'utf8' });
    if (run.error || run.status !== 0) throw new Error(`hunspell -d ${HUNSPELL[language]} failed: ${run.error?.message ?? run.stderr}`);
    const misses = new Set(run.stdout.split('\n').filter((word) => word.trim() && !ALLOWED[language].has(word.toLowerCase())));
    const misspelled = STAFF_KEYS.flatMap((key) =>
      words(STAFF_CATALOG[language][key])
        .filter((word) => misses.has(word))
        .map((word) => `${key}: ${word}`),
    );
    expect(misspelled).toEqual([]);
  });
});
