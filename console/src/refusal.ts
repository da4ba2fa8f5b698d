import type { ApiError, ApiIssue } from './api';
import { categoryLabel, queueLabel, statusLabel } from './format';
import { calendarDate, dateTime, isStaffKey, language, number, t } from './i18n';

type Facts = Record<string, string | number | string[]>;

/**
 * The value of one fact as the sentence says it: the API sends machine values (`in_progress`,
 * `tip`, `tip-es`, an ISO time) and the console words them in the staff language.
 */
function worded(name: string, value: string | number | string[], code: string): string {
  if (Array.isArray(value)) return value.map((item) => worded(name, item, code)).join(', ');
  const text = String(value);
  switch (name) {
    case 'category':
      // "cannot open detainee intakes": the category as it is said inside a refusal.
      return code.startsWith('not_allowed.') || code === 'assign.notColleague' ? say(`refusedCategory.${text}`, text) : categoryLabel(text);
    case 'status':
    case 'from':
    case 'to':
    case 'allowed':
      return statusLabel(text);
    case 'queue':
      return queueLabel(text);
    case 'role':
      return say(`role.${text}`, text);
    case 'date':
      // A calendar day (a custody event's) or a moment.
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? calendarDate(text) : dateTime(text);
    case 'event':
      return say(`event.${text}`, text);
    default:
      return text;
  }
}

function say(key: string, fallback: string): string {
  return isStaffKey(key) ? (t as (key: string) => string)(key) : fallback;
}

/**
 * What an API refusal says to staff, in their language: the catalog's sentence for its code,
 * filled with its facts. A code the catalog does not know yet shows the API's English message.
 */
export function refusal(error: Error): string {
  const api = error as Partial<ApiError>;
  if (!api.refusalCode) return error.message;
  if (api.refusalCode === 'invalid_input') return [t('error.invalid_input'), ...(api.issues ?? []).map(issueWords)].join(' ');
  const key = `error.${api.refusalCode}`;
  if (!isStaffKey(key)) return error.message;
  const facts: Facts = { ...(api.facts ?? {}) };
  if (api.refusalCode.startsWith('not_allowed.') && facts.category === undefined) facts.category = 'none';
  const values = Object.fromEntries(Object.entries(facts).map(([name, value]) => [name, worded(name, value, api.refusalCode!)]));
  try {
    return (t as (key: string, values: Record<string, string>) => string)(key, values);
  } catch {
    // A fact missing from the answer: the API's own sentence says it all the same.
    return error.message;
  }
}

/**
 * One field's issue in the staff language: "Reason: at most 300 characters". An issue the catalog
 * has no sentence for is said as "not valid", never in the API's English.
 */
function issueWords(issue: ApiIssue): string {
  const key = `issue.${issue.code ?? 'invalid'}`;
  const values = Object.fromEntries(Object.entries(issue.facts ?? {}).map(([name, value]) => [name, typeof value === 'number' ? number(value) : String(value)]));
  const words = (t as (key: string, values: Record<string, string>) => string)(isStaffKey(key) ? key : 'issue.invalid', values);
  const field = `field.${issue.field}`;
  if (isStaffKey(field)) return t('issue.withField', { field: (t as (key: string) => string)(field), issue: words });
  return `${words.charAt(0).toLocaleUpperCase(language())}${words.slice(1)}.`;
}
