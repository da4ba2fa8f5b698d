import type { AuditEvent } from '../../../shared/ports/audit-log';
import type { Api } from '../api';
import { form, h, show } from '../dom';
import { dateTime, queueLabel, statusLabel } from '../format';
import { calendarDate, isStaffKey, t } from '../i18n';

const COLUMNS = ['audit.column.when', 'audit.column.who', 'audit.column.what', 'audit.column.on', 'audit.column.details'] as const;

/** What the action was, in the staff language; an action the catalog does not name is shown by its code, so a new one is never hidden. */
function actionWords(action: string): string {
  const key = `audit.action.${action}`;
  return isStaffKey(key) ? (t as (key: string) => string)(key) : action;
}

type AuditPage = { items: AuditEvent[]; cursor?: string; actor?: string; day: string };

function subject(event: AuditEvent): Node | string {
  if (event.subject.type === 'intake') return h('a', { href: `#/intakes/${event.subject.id}` }, t('audit.intake', { id: event.subject.id }));
  if (event.subject.type === 'case') return h('a', { href: `#/cases/${event.subject.id}` }, t('audit.case', { id: event.subject.id }));
  return event.subject.id;
}

/** A catalog word for a code (`audit.field.status`), or the code itself when the catalog has none, so nothing is hidden. */
function wordOr(key: string, code: string): string {
  return isStaffKey(key) ? (t as (key: string) => string)(key) : code;
}

/** A field's value in staff words: statuses, queues and custody events by name; ids, names and reasons as kept. */
function valueWords(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  const text = String(value);
  if (name === 'status') return statusLabel(text);
  if (name === 'queue') return queueLabel(text);
  if (name === 'type') return wordOr(`event.${text}`, text);
  return text;
}

/** What changed, as the event keeps it (never personal data), in the staff language. */
function details(event: AuditEvent): string {
  const fields = (values: Record<string, unknown> | undefined) =>
    Object.entries(values ?? {}).map(([name, value]) => `${wordOr(`audit.field.${name}`, name)}: ${valueWords(name, value)}`);
  return [...fields(event.before).map((field) => t('audit.before', { field })), ...fields(event.after)].join('; ') || '—';
}

/**
 * The audit log, for supervisors: by person and by day, newest first, a page at a time. The
 * filter is in the address, so a reload or a shared link shows the same page.
 */
export async function auditView(api: Api, params: URLSearchParams): Promise<void> {
  const actor = params.get('actor') || undefined;
  const day = params.get('day') || undefined;
  const cursor = params.get('cursor') || undefined;
  const query = new URLSearchParams({ ...(actor ? { actor } : {}), ...(day ? { day } : {}), ...(cursor ? { cursor } : {}) });
  const page = await api.get<AuditPage>(`/audit?${query}`);
  const address = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams({ ...(actor ? { actor } : {}), day: page.day });
    for (const [name, value] of Object.entries(changes)) if (value) next.set(name, value);
    return `#/audit?${next}`;
  };

  const filters = form(
    { class: 'filter', 'aria-label': t('audit.filter') },
    () => {
      const person = (document.getElementById('audit-actor') as HTMLInputElement).value.trim();
      const date = (document.getElementById('audit-day') as HTMLInputElement).value;
      location.hash = `#/audit?${new URLSearchParams({ ...(person ? { actor: person } : {}), ...(date ? { day: date } : {}) })}`;
    },
    h('span', {}, h('label', { for: 'audit-actor' }, t('audit.person')), h('input', { id: 'audit-actor', type: 'text', value: actor ?? '', autocomplete: 'off' })),
    h('span', {}, h('label', { for: 'audit-day' }, t('audit.day')), h('input', { id: 'audit-day', type: 'date', value: page.day })),
    h('button', { type: 'submit' }, t('audit.show')),
  );
  const table = page.items.length
    ? h(
        'table',
        { class: 'stack' },
        h('caption', {}, page.actor ? t('audit.caption', { who: page.actor, day: calendarDate(page.day) }) : t('audit.captionEveryone', { day: calendarDate(page.day) })),
        h('thead', {}, h('tr', {}, ...COLUMNS.map((key) => h('th', { scope: 'col' }, t(key))))),
        h(
          'tbody',
          {},
          ...page.items.map((event) =>
            h(
              'tr',
              {},
              h('td', { 'data-label': t(COLUMNS[0]) }, h('time', { datetime: event.at }, dateTime(event.at))),
              h('td', { 'data-label': t(COLUMNS[1]) }, event.actor),
              h('td', { 'data-label': t(COLUMNS[2]) }, actionWords(event.action)),
              h('td', { 'data-label': t(COLUMNS[3]) }, subject(event)),
              h('td', { 'data-label': t(COLUMNS[4]), class: 'preview' }, details(event)),
            ),
          ),
        ),
      )
    : h('p', {}, page.actor ? t('audit.none', { who: page.actor, day: calendarDate(page.day) }) : t('audit.noneEveryone', { day: calendarDate(page.day) }));
  const pages = [cursor ? h('a', { href: address({}) }, t('pages.first')) : null, page.cursor ? h('a', { href: address({ cursor: page.cursor }), rel: 'next' }, t('pages.next')) : null].filter(Boolean) as Node[];
  show(t('audit.title'), filters, h('p', { class: 'hint' }, t('audit.recorded')), table, ...(pages.length ? [h('nav', { 'aria-label': t('pages.label'), class: 'pages' }, ...pages)] : []));
}
