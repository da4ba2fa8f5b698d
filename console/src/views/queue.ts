import type { IntakeListItem } from '../../../shared/use-cases/staff-console';
import type { Api } from '../api';
import { announce, h, keepFocus, show } from '../dom';
import { NEW_WORK_WORDS, fill } from '../../../shared/domain/staff-words';
import { watchForChanges } from '../refresh';
import { CHANNEL_LABELS, STATUS_LABELS, age, count, dateTime, queueLabel } from '../format';

const COLUMNS = ['Reference', 'Received', 'Summary', 'Channel', 'Phone', 'Call back', 'Claimed by', 'Routing'] as const;
/** The API's page size: the rows a page shows at most. */
const PAGE_SIZE = 50;
/** In the address, the cursors of the pages before this one; the first page has none. */
const FIRST = 'first';

type QueuePage = { items: IntakeListItem[]; cursor?: string; total: { count: number; capped: boolean } };

/**
 * One queue's intakes in a status, a page at a time: what triage needs in each row, the total,
 * previous and next pages. Status, order and "only mine" apply as soon as they change, and focus
 * stays on the control that changed.
 */
export async function queueView(api: Api, key: string, params: URLSearchParams): Promise<void> {
  const status = params.get('status') ?? 'new';
  const order = params.get('order') === 'newest' ? 'newest' : 'oldest';
  const mine = params.get('mine') === 'true';
  const cursor = params.get('cursor');
  const back = (params.get('back') ?? '').split('.').filter(Boolean);
  const query = new URLSearchParams({ status, order, mine: String(mine), ...(cursor ? { cursor } : {}) });
  const page = await api.get<QueuePage>(`/queues/${key}/intakes?${query}`);

  const address = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams({ status, order, ...(mine ? { mine: 'true' } : {}), ...(cursor ? { cursor } : {}), ...(back.length ? { back: back.join('.') } : {}) });
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(name);
      else next.set(name, value);
    }
    return `#/queues/${key}?${next}`;
  };
  // A new filter starts again at the first page.
  const refilter = (id: string, changes: Record<string, string | undefined>) => {
    keepFocus(id);
    location.hash = address({ ...changes, cursor: undefined, back: undefined });
  };

  const statusSelect = h('select', { id: 'status-filter' }, ...Object.entries(STATUS_LABELS).map(([value, label]) => h('option', { value, selected: value === status }, label)));
  statusSelect.addEventListener('change', () => refilter('status-filter', { status: statusSelect.value }));
  const orderSelect = h('select', { id: 'order' }, h('option', { value: 'oldest', selected: order === 'oldest' }, 'Oldest first'), h('option', { value: 'newest', selected: order === 'newest' }, 'Newest first'));
  orderSelect.addEventListener('change', () => refilter('order', { order: orderSelect.value }));
  const mineBox = h('input', { type: 'checkbox', id: 'mine', checked: mine });
  mineBox.addEventListener('change', () => refilter('mine', { mine: mineBox.checked ? 'true' : undefined }));
  const controls = h(
    'div',
    { class: 'filter', role: 'group', 'aria-label': 'Which intakes' },
    h('span', {}, h('label', { for: 'status-filter' }, 'Status'), statusSelect),
    h('span', {}, h('label', { for: 'order' }, 'Order'), orderSelect),
    h('span', { class: 'check' }, mineBox, h('label', { for: 'mine' }, 'Only my intakes')),
  );

  const statusWord = STATUS_LABELS[status]?.toLowerCase() ?? status;
  const first = back.length * PAGE_SIZE + 1;
  const range = page.items.length ? `${first}–${first + page.items.length - 1} of ${count(page.total)}` : `none of ${count(page.total)}`;
  const caption = `${mine ? 'My ' : ''}${statusWord} intakes, ${order} first: ${range}`;
  const table = page.items.length
    ? h(
        'table',
        { class: 'stack' },
        h('caption', {}, caption.charAt(0).toUpperCase() + caption.slice(1)),
        h('thead', {}, h('tr', {}, ...COLUMNS.map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, ...page.items.map(row)),
      )
    : h('p', {}, `No ${mine ? 'intakes of yours' : `${statusWord} intakes`} here (${count(page.total)} in all).`);

  const previous = back.length
    ? h('a', { href: address({ cursor: back.at(-1) === FIRST ? undefined : back.at(-1), back: back.slice(0, -1).join('.') || undefined }), rel: 'prev' }, 'Previous page')
    : null;
  const next = page.cursor ? h('a', { href: address({ cursor: page.cursor, back: [...back, cursor ?? FIRST].join('.') }), rel: 'next' }, 'Next page') : null;
  show(
    queueLabel(key),
    controls,
    table,
    ...(previous || next ? [h('nav', { 'aria-label': 'Pages', class: 'pages' }, previous, next)] : []),
  );
  // New intakes (or changes to these) show by themselves: the same page is read again, and drawn
  // again only if it differs.
  const shape = (shown: QueuePage) => JSON.stringify([shown.total, shown.items.map((item) => [item.id, item.version])]);
  watchForChanges(
    async () => shape(await api.get<QueuePage>(`/queues/${key}/intakes?${query}`)) !== shape(page),
    () => void queueView(api, key, params).then(() => announce(fill(NEW_WORK_WORDS.refreshed, { what: NEW_WORK_WORDS.newIntakes }))),
  );
}

function row(intake: IntakeListItem): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row', 'data-label': COLUMNS[0] }, h('a', { href: `#/intakes/${intake.id}` }, intake.id)),
    h('td', { 'data-label': COLUMNS[1] }, `${dateTime(intake.createdAt)} (${age(intake.createdAt)} ago)`),
    h('td', { 'data-label': COLUMNS[2], class: 'preview' }, intake.preview || '—'),
    h('td', { 'data-label': COLUMNS[3] }, CHANNEL_LABELS[intake.channel] ?? intake.channel),
    h('td', { 'data-label': COLUMNS[4] }, intake.phone ?? (intake.anonymous ? 'Anonymous' : 'None')),
    h('td', { 'data-label': COLUMNS[5] }, intake.callbackAt ? dateTime(intake.callbackAt) : '—'),
    h('td', { 'data-label': COLUMNS[6] }, intake.claimedBy ?? '—'),
    h('td', { 'data-label': COLUMNS[7] }, intake.routing === 'routed' ? 'In Connect' : 'Waiting for a task'),
  );
}
