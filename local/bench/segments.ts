import { CATALOG, MESSAGE_KEYS, placeholdersOf } from '../../shared/domain/catalog';
import type { ReplyKey } from '../../shared/domain/catalog/texts';
import { CUSTODY_EVENT_TYPES, noticeText } from '../../shared/domain/notifications';
import { renderReply } from '../../shared/domain/sms/conversation';
import { countSegments, type SegmentCount } from '../../shared/domain/sms/segments';
import { LANGUAGES, type Language } from '../../shared/domain/taxonomy';
import { mean, round } from './stats';
import { LOCAL_HOTLINE } from '../sms-events';

export interface Rendering {
  /** The catalog key, or `notice.<event>` for a custody notice. */
  key: string;
  text: string;
  count: SegmentCount;
}

export interface LanguageSegments {
  texts: number;
  max: number;
  mean: number;
  /** The rendering that takes the most segments (then units). */
  worst: { key: string; segments: number; encoding: string; units: number };
}

export interface SegmentResult {
  perLanguage: Record<Language, LanguageSegments>;
  /** The one reply in two languages: the language question of a first text nobody can place. */
  bilingual: { key: string; segments: number };
  max: number;
}

/**
 * The values a placeholder of an SMS can take, in a language: every one the code can put there,
 * or the longest. A summary is the texter's own words, up to 2,000 characters: one with an
 * accent that GSM-7 lacks (the reply then goes in UCS-2) and one without; the conversation
 * shortens it to fit.
 */
function candidates(language: Language): Record<string, string[]> {
  const catalog = CATALOG[language];
  const of = (prefix: string) => MESSAGE_KEYS.filter((key) => key.startsWith(prefix)).map((key) => catalog[key]);
  return {
    ref: ['9999999999'], // reference numbers are 10 digits
    caseNumber: ['999999999999'], // case numbers are 6 to 12 digits
    category: of('category.'),
    channel: of('channel.'),
    summary: ['á'.repeat(2000), 'a'.repeat(2000)],
  };
}

/** Every combination of the candidate values of a sentence's placeholders. */
function combinations(names: string[], values: Record<string, string[]>): Record<string, string>[] {
  return names.reduce<Record<string, string>[]>(
    (partial, name) => {
      const options = values[name];
      if (!options) throw new Error(`No candidate values for the placeholder {${name}}: add them to local/bench/segments.ts`);
      return partial.flatMap((filled) => options.map((value) => ({ ...filled, [name]: value })));
    },
    [{}],
  );
}

const worse = (a: SegmentCount, b: SegmentCount) => a.segments > b.segments || (a.segments === b.segments && a.units > b.units);

/** Every `sms.` sentence at its longest rendering, as the conversation renders replies. */
export function smsReplies(language: Language): Rendering[] {
  const values = candidates(language);
  return MESSAGE_KEYS.filter((key) => key.startsWith('sms.')).map((key) => {
    let worst: Rendering | undefined;
    for (const params of combinations([...new Set(placeholdersOf(CATALOG[language][key]))], values)) {
      const text = renderReply([{ language, key: key as ReplyKey, params }]);
      const count = countSegments(text);
      if (!worst || worse(count, worst.count)) worst = { key, text, count };
    }
    return worst!;
  });
}

/** Every custody notice by text, for the longest case number and every date of a year (the month names differ in length). */
export function noticeTexts(language: Language): Rendering[] {
  const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
  return CUSTODY_EVENT_TYPES.map((type) => {
    let worst: Rendering | undefined;
    for (const date of days) {
      const event = { id: 'ffffffff-ffff-4fff-bfff-ffffffffffff', caseNumber: '999999999999', type, date, recordedBy: 'staff', recordedAt: `${date}T00:00:00.000Z` };
      const { body } = noticeText(event, language, 'sms', LOCAL_HOTLINE);
      const count = countSegments(body);
      if (!worst || worse(count, worst.count)) worst = { key: `notice.${type}`, text: body, count };
    }
    return worst!;
  });
}

export function benchSegments(): SegmentResult {
  const perLanguage = Object.fromEntries(
    LANGUAGES.map((language) => {
      const texts = [...smsReplies(language), ...noticeTexts(language)];
      const worst = texts.reduce((a, b) => (worse(b.count, a.count) ? b : a));
      const segments = texts.map((t) => t.count.segments);
      return [
        language,
        {
          texts: texts.length,
          max: Math.max(...segments),
          mean: round(mean(segments)),
          worst: { key: worst.key, segments: worst.count.segments, encoding: worst.count.encoding, units: worst.count.units },
        },
      ];
    }),
  ) as Record<Language, LanguageSegments>;
  const bilingual = countSegments(renderReply(LANGUAGES.map((language) => ({ language, key: 'sms.languageChoice' as const })))).segments;
  return {
    perLanguage,
    bilingual: { key: 'sms.languageChoice (en + es)', segments: bilingual },
    max: Math.max(bilingual, ...LANGUAGES.map((language) => perLanguage[language].max)),
  };
}
