import { staffRefusalsEn } from './catalog/staff-refusals';
import type { FieldIssue, RefusalFacts } from './errors';

/**
 * How refusals are said in one language: the staff catalog's sentences, and how the language
 * writes a date and a number. The console says them in the staff member's language, in the
 * hotline's zone (console/src/refusal.ts); the staff API gives the same sentence in English as
 * its answer's `message` (functions/staff-api/create-handler.ts). One wording, two languages.
 */
export interface Wording {
  /** The sentence of `key` with `values` filled in; undefined when the catalog has no such key. Throws if a value is missing. */
  say(key: string, values?: Record<string, string>): string | undefined;
  /** A calendar day (`2026-12-01`) or a moment (an ISO time). */
  date(value: string): string;
  number(value: number): string;
  /** The language's own capital letters, for an issue said without its field. */
  locale: string;
}

/** A wording over one language's sentences (a catalog as a plain record of `{name}` sentences). */
export function wordingOf(sentences: Readonly<Record<string, string>>, formats: Omit<Wording, 'say'>): Wording {
  return {
    ...formats,
    say(key, values = {}) {
      if (!Object.hasOwn(sentences, key)) return undefined;
      return sentences[key]!.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`${key}: no value for {${name}}`);
        return value;
      });
    },
  };
}

/**
 * The staff API's English: a calendar day as "November 23, 2026", a moment as its ISO time (an API
 * client formats it in its own zone).
 */
export const ENGLISH_REFUSALS = wordingOf(staffRefusalsEn, {
  date: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' }) : value),
  number: String,
  locale: 'en-US',
});

/** A value of the domain by its word (`status.in_progress` is "In progress"); an unknown one as it is. */
function valueWord(wording: Wording, prefix: string, value: string): string {
  return wording.say(`${prefix}.${value}`) ?? value;
}

/** A queue key as its name: "Tips · Spanish". */
export function queueWords(wording: Wording, key: string): string {
  const [category = '', language = ''] = key.split('-');
  return wording.say('queue.label', { category: valueWord(wording, 'category', category), language: valueWord(wording, 'languageName', language) }) ?? key;
}

/**
 * The value of one fact as the sentence says it: the API's facts are machine values
 * (`in_progress`, `tip`, `tip-es`, an ISO time), said here in the wording's language.
 */
function factWords(wording: Wording, name: string, value: string | number | string[], code: string): string {
  if (Array.isArray(value)) return value.map((item) => factWords(wording, name, item, code)).join(', ');
  if (typeof value === 'number') return wording.number(value);
  switch (name) {
    case 'category':
      // "cannot open detainee intakes": the category as it is said inside a refusal.
      return valueWord(wording, code.startsWith('not_allowed.') || code === 'assign.notColleague' ? 'refusedCategory' : 'category', value);
    case 'status':
    case 'from':
    case 'to':
    case 'allowed':
      return valueWord(wording, 'status', value);
    case 'queue':
      return queueWords(wording, value);
    case 'role':
      return valueWord(wording, 'role', value);
    case 'date':
      return wording.date(value);
    case 'event':
      return valueWord(wording, 'event', value);
    default:
      return value;
  }
}

/**
 * A refusal's sentence, `error.<code>` filled with its facts; undefined when the catalog has no
 * sentence for the code or a fact it needs is missing (the caller says something more general).
 */
export function refusalWords(wording: Wording, code: string, facts: RefusalFacts = {}, issues: readonly FieldIssue[] = []): string | undefined {
  if (code === 'invalid_input') return [wording.say('error.invalid_input'), ...issues.map((issue) => issueWords(wording, issue))].join(' ');
  const given: RefusalFacts = code.startsWith('not_allowed.') && facts.category === undefined ? { ...facts, category: 'none' } : facts;
  const values = Object.fromEntries(Object.entries(given).map(([name, value]) => [name, factWords(wording, name, value, code)]));
  try {
    return wording.say(`error.${code}`, values);
  } catch {
    return undefined;
  }
}

/**
 * One field's issue: "Reason: at most 300 characters". An issue the catalog has no sentence for
 * is said as "not valid", never in zod's English.
 */
export function issueWords(wording: Wording, issue: Pick<FieldIssue, 'field' | 'code' | 'facts'>): string {
  const values = Object.fromEntries(Object.entries(issue.facts ?? {}).map(([name, value]) => [name, typeof value === 'number' ? wording.number(value) : String(value)]));
  const words = wording.say(`issue.${issue.code ?? 'invalid'}`, values) ?? wording.say('issue.invalid')!;
  const field = wording.say(`field.${issue.field}`);
  if (field) return wording.say('issue.withField', { field, issue: words })!;
  return `${words.charAt(0).toLocaleUpperCase(wording.locale)}${words.slice(1)}.`;
}
