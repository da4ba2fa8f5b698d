import { AUDIT_ACTION_WORDS, SUPERVISOR_VIEW_WORDS as WORDS } from '../../../shared/domain/staff-words';
import type { AuditEvent } from '../../../shared/ports/audit-log';
import type { Api } from '../api';
import { form, h, show } from '../dom';
import { dateTime } from '../format';

type AuditPage = { items: AuditEvent[]; cursor?: string; actor?: string; day: string };

function subject(event: AuditEvent): Node | string {
  if (event.subject.type === 'intake') return h('a', { href: `#/intakes/${event.subject.id}` }, `intake ${event.subject.id}`);
  if (event.subject.type === 'case') return h('a', { href: `#/cases/${event.subject.id}` }, `case ${event.subject.id}`);
  return event.subject.id;
}

/** What changed, as the event keeps it (field names and values, never personal data). */
function details(event: AuditEvent): string {
  const fields = (values: Record<string, unknown> | undefined) => Object.entries(values ?? {}).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  return [...fields(event.before).map((field) => `before ${field}`), ...fields(event.after)].join('; ') || '—';
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
    { class: 'filter', 'aria-label': 'Filter the audit log' },
    () => {
      const person = (document.getElementById('audit-actor') as HTMLInputElement).value.trim();
      const date = (document.getElementById('audit-day') as HTMLInputElement).value;
      location.hash = `#/audit?${new URLSearchParams({ ...(person ? { actor: person } : {}), ...(date ? { day: date } : {}) })}`;
    },
    h('span', {}, h('label', { for: 'audit-actor' }, WORDS.auditPerson), h('input', { id: 'audit-actor', type: 'text', value: actor ?? '', autocomplete: 'off' })),
    h('span', {}, h('label', { for: 'audit-day' }, WORDS.auditDay), h('input', { id: 'audit-day', type: 'date', value: page.day })),
    h('button', { type: 'submit' }, WORDS.auditShow),
  );
  const table = page.items.length
    ? h(
        'table',
        { class: 'stack' },
        h('caption', {}, WORDS.auditCaption(page.actor, page.day)),
        h('thead', {}, h('tr', {}, ...WORDS.auditColumns.map((title) => h('th', { scope: 'col' }, title)))),
        h(
          'tbody',
          {},
          ...page.items.map((event) =>
            h(
              'tr',
              {},
              h('td', { 'data-label': WORDS.auditColumns[0] }, h('time', { datetime: event.at }, dateTime(event.at))),
              h('td', { 'data-label': WORDS.auditColumns[1] }, event.actor),
              h('td', { 'data-label': WORDS.auditColumns[2] }, AUDIT_ACTION_WORDS[event.action] ?? event.action),
              h('td', { 'data-label': WORDS.auditColumns[3] }, subject(event)),
              h('td', { 'data-label': WORDS.auditColumns[4], class: 'preview' }, details(event)),
            ),
          ),
        ),
      )
    : h('p', {}, WORDS.auditNone);
  const pages = [cursor ? h('a', { href: address({}) }, WORDS.firstPage) : null, page.cursor ? h('a', { href: address({ cursor: page.cursor }), rel: 'next' }, WORDS.nextPage) : null].filter(Boolean) as Node[];
  show(WORDS.auditTitle, filters, h('p', { class: 'hint' }, WORDS.auditRecorded), table, ...(pages.length ? [h('nav', { 'aria-label': 'Pages', class: 'pages' }, ...pages)] : []));
}
