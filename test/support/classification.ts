import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classify } from '../../shared/domain/sms/classifier';
import { detectLanguage } from '../../shared/domain/sms/language';
import { CATEGORIES, type Category, type Language } from '../../shared/domain/taxonomy';

export interface Labelled {
  text: string;
  language: Language;
  category: Category | null;
}

export function labelledSet(name: 'dev' | 'holdout'): Labelled[] {
  const file = path.resolve(import.meta.dirname, `../fixtures/sms/first-messages.${name}.jsonl`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Labelled);
}

export interface LabelledOptOut {
  text: string;
  language: Language;
  optOut: boolean;
}

export function optOutSet(): LabelledOptOut[] {
  const file = path.resolve(import.meta.dirname, '../fixtures/sms/opt-outs.holdout.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledOptOut);
}

export interface ClassificationReport {
  messages: number;
  /** Detected language right / all (unsure counts as wrong). */
  languageAccuracy: number;
  /** How often the hotline asks which language. */
  languageAskRate: number;
  /** A language detected that is not the labelled one (the target: never). */
  languageWrongRate: number;
  /** Of the messages given a category, how many were right, per category. */
  precision: Record<Category, number>;
  /** Of the messages with a category, how many got it (rather than the menu). */
  recall: Record<Category, number>;
  /** How often the hotline shows the menu instead of choosing. */
  askRate: number;
  /** Of the messages labelled with a category (clear ones), how many got the menu. */
  clearAskRate: number;
  /** A category chosen that is not the labelled one (including for messages labelled unclear). */
  misrouteRate: number;
  misrouted: { text: string; expected: Category | null; got: Category }[];
}

export function evaluate(set: Labelled[]): ClassificationReport {
  let languageRight = 0;
  let languageAsked = 0;
  let languageWrong = 0;
  let asked = 0;
  let clearAsked = 0;
  const chosen = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const right = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const labelled = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const misrouted: ClassificationReport['misrouted'] = [];
  for (const item of set) {
    const language = detectLanguage(item.text).language;
    if (language === item.language) languageRight++;
    if (!language) languageAsked++;
    else if (language !== item.language) languageWrong++;
    if (item.category) labelled[item.category]++;
    const { category } = classify(item.text);
    if (!category) {
      asked++;
      if (item.category) clearAsked++;
      continue;
    }
    chosen[category]++;
    if (category === item.category) right[category]++;
    else misrouted.push({ text: item.text, expected: item.category, got: category });
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    messages: set.length,
    languageAccuracy: ratio(languageRight, set.length),
    languageAskRate: ratio(languageAsked, set.length),
    languageWrongRate: ratio(languageWrong, set.length),
    precision: Object.fromEntries(CATEGORIES.map((c) => [c, ratio(right[c], chosen[c])])) as Record<Category, number>,
    recall: Object.fromEntries(CATEGORIES.map((c) => [c, ratio(right[c], labelled[c])])) as Record<Category, number>,
    askRate: ratio(asked, set.length),
    clearAskRate: ratio(clearAsked, set.length - set.filter((item) => !item.category).length),
    misrouteRate: ratio(misrouted.length, set.length),
    misrouted,
  };
}
