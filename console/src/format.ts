import { isStaffKey, number, t } from './i18n';

export { dateTime, calendarDate } from './i18n';

/** A word of the catalog for one of the domain's values (`status.in_progress`); an unknown value is shown as it is. */
function word(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isStaffKey(key) ? (t as (key: string) => string)(key) : value;
}

export const categoryLabel = (category: string) => word('category', category);
export const languageLabel = (language: string) => word('languageName', language);
export const statusLabel = (status: string) => word('status', status);
export const statusPlural = (status: string) => word('statusPlural', status);
export const channelLabel = (channel: string) => word('channel', channel);

export const STATUSES = ['new', 'in_progress', 'resolved', 'referred'] as const;
export const LANGUAGES = ['en', 'es'] as const;

export function queueLabel(key: string): string {
  const [category, language] = key.split('-');
  return t('queue.label', { category: categoryLabel(category!), language: languageLabel(language!) });
}

/** "3 h 12 min" since a time. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return t('age.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('age.hours', { hours, minutes: minutes % 60 });
  return t('age.days', { days: Math.floor(hours / 24) });
}

export function count(value: { count: number; capped: boolean }): string {
  return value.capped ? `${number(value.count)}+` : number(value.count);
}
