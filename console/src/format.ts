export const CATEGORY_LABELS: Record<string, string> = { detainee: 'Detainee inquiries', tip: 'Tips', victim: 'Victim services' };
export const LANGUAGE_LABELS: Record<string, string> = { en: 'English', es: 'Spanish' };
export const STATUS_LABELS: Record<string, string> = { new: 'New', in_progress: 'In progress', resolved: 'Resolved', referred: 'Referred' };
export const CHANNEL_LABELS: Record<string, string> = { voice: 'Call', sms: 'Text', console: 'Console' };

export function queueLabel(key: string): string {
  const [category, language] = key.split('-');
  return `${CATEGORY_LABELS[category!] ?? category} · ${LANGUAGE_LABELS[language!] ?? language}`;
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 h 12 min" since a time. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

export function count(value: { count: number; capped: boolean }): string {
  return value.capped ? `${value.count.toLocaleString('en-US')}+` : value.count.toLocaleString('en-US');
}
