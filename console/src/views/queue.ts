import type { IntakeListItem } from '../../../shared/use-cases/staff-console';
import type { Api } from '../api';
import { form, h, show } from '../dom';
import { CHANNEL_LABELS, STATUS_LABELS, dateTime, queueLabel } from '../format';

const COLUMNS = ['Reference', 'Received', 'Channel', 'Phone', 'Claimed by', 'Routing'] as const;

/** One queue's intakes in a status, oldest first, a page at a time. */
export async function queueView(api: Api, key: string, params: URLSearchParams): Promise<void> {
  const status = params.get('status') ?? 'new';
  const cursor = params.get('cursor');
  const query = new URLSearchParams({ status, ...(cursor ? { cursor } : {}) });
  const page = await api.get<{ items: IntakeListItem[]; cursor?: string }>(`/queues/${key}/intakes?${query}`);

  const filter = form(
    { class: 'filter' },
    () => {
      location.hash = `#/queues/${key}?status=${(document.getElementById('status-filter') as HTMLSelectElement).value}`;
    },
    h('label', { for: 'status-filter' }, 'Status'),
    h('select', { id: 'status-filter' }, ...Object.entries(STATUS_LABELS).map(([value, label]) => h('option', { value, selected: value === status }, label))),
    h('button', { type: 'submit' }, 'Show'),
  );
  const table = page.items.length
    ? h(
        'table',
        { class: 'stack' },
        h('caption', {}, `${STATUS_LABELS[status]} intakes, oldest first`),
        h('thead', {}, h('tr', {}, ...COLUMNS.map((title) => h('th', { scope: 'col' }, title)))),
        h(
          'tbody',
          {},
          ...page.items.map((intake) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row', 'data-label': COLUMNS[0] }, h('a', { href: `#/intakes/${intake.id}` }, intake.id)),
              h('td', { 'data-label': COLUMNS[1] }, dateTime(intake.createdAt)),
              h('td', { 'data-label': COLUMNS[2] }, CHANNEL_LABELS[intake.channel] ?? intake.channel),
              h('td', { 'data-label': COLUMNS[3] }, intake.phone ?? (intake.anonymous ? 'Anonymous' : 'None')),
              h('td', { 'data-label': COLUMNS[4] }, intake.claimedBy ?? '—'),
              h('td', { 'data-label': COLUMNS[5] }, intake.routing === 'routed' ? 'In Connect' : 'Waiting for a task'),
            ),
          ),
        ),
      )
    : h('p', {}, `No ${STATUS_LABELS[status]?.toLowerCase()} intakes.`);
  show(
    queueLabel(key),
    filter,
    table,
    ...(page.cursor ? [h('p', {}, h('a', { href: `#/queues/${key}?${new URLSearchParams({ status, cursor: page.cursor })}` }, 'Next page'))] : []),
  );
}
