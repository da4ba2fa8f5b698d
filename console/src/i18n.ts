import { LANGUAGE_OWN_NAMES, isStaffKey, staffMessage, type StaffKey, type StaffLanguage, type StaffParams } from '../../shared/domain/catalog/staff';

/**
 * The staff member's language (English or Spanish) and the console's time zone. The language is
 * chosen in the banner and remembered in localStorage (`enlace.language`); before any choice it
 * is the browser's, if Spanish, else English. `<html lang>` follows it. Every word the console
 * shows comes from shared/domain/catalog/staff.ts through `t`.
 */
export const LANGUAGE_STORAGE = 'enlace.language';
export const STAFF_LANGUAGES: readonly StaffLanguage[] = ['en', 'es'];
/** The time zone times are shown in when config.json names none: the hotline's default hours are Eastern. */
export const DEFAULT_TIME_ZONE = 'America/New_York';

function stored(): StaffLanguage | undefined {
  try {
    const value = localStorage.getItem(LANGUAGE_STORAGE);
    return value === 'en' || value === 'es' ? value : undefined;
  } catch {
    return undefined;
  }
}

function fromBrowser(): StaffLanguage {
  return (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('es') ? 'es' : 'en';
}

let current: StaffLanguage = stored() ?? fromBrowser();
let timeZone = DEFAULT_TIME_ZONE;
document.documentElement.lang = current;

export function language(): StaffLanguage {
  return current;
}

export function setLanguage(next: StaffLanguage): void {
  current = next;
  try {
    localStorage.setItem(LANGUAGE_STORAGE, next);
  } catch {
    // A browser that keeps nothing still switches for this page.
  }
  document.documentElement.lang = next;
}

/** The console's time zone (config.json's `timeZone`); one the browser does not know keeps the default. */
export function setTimeZone(zone: string | undefined): void {
  if (!zone) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    timeZone = zone;
  } catch {
    timeZone = DEFAULT_TIME_ZONE;
  }
}

/** A sentence of the staff catalog in the staff member's language. */
export function t<K extends StaffKey>(key: K, ...params: StaffParams<K>): string {
  return staffMessage(current, key, ...params);
}

/**
 * The `lang` attribute for content in a language that may not be the interface's (a texter's
 * words, a summary made in English): set only when it differs, so a screen reader switches voice.
 */
export function langOf(contentLanguage: string | undefined): { lang?: string } {
  return contentLanguage && contentLanguage !== current ? { lang: contentLanguage } : {};
}

/** Intl's locale for the staff language: the hotline is in the United States. */
export function locale(): string {
  return current === 'es' ? 'es-US' : 'en-US';
}

/** A moment, in the console's time zone and the staff language, with the zone said: "Dec 2, 2026, 9:40 AM EST". */
export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** A calendar date (a custody event's, kept as YYYY-MM-DD): the same day wherever it is read. */
export function calendarDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(locale(), { dateStyle: 'medium', timeZone: 'UTC' });
}

export function number(value: number): string {
  return value.toLocaleString(locale());
}

/** The language control in the banner: each language named in itself, and marked so. */
export function languageControl(onChange: () => void): HTMLElement {
  const select = document.createElement('select');
  select.id = 'language';
  for (const code of STAFF_LANGUAGES) {
    const option = document.createElement('option');
    option.value = code;
    option.lang = code;
    option.textContent = LANGUAGE_OWN_NAMES[code];
    option.selected = code === current;
    select.append(option);
  }
  const label = document.createElement('label');
  label.htmlFor = 'language';
  label.textContent = t('app.language');
  select.addEventListener('change', () => {
    setLanguage(select.value as StaffLanguage);
    label.textContent = t('app.language');
    onChange();
  });
  const wrapper = document.createElement('div');
  wrapper.className = 'language';
  wrapper.append(label, select);
  return wrapper;
}

export { isStaffKey };
