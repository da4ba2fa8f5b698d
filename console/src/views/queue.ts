import type { IntakeListItem } from '../../../shared/use-cases/staff-console';
import type { Api } from '../api';
import { announce, h, keepFocus, show } from '../dom';
import { watchForChanges } from '../refresh';
import { STATUSES, age, channelLabel, count, dateTime, queueLabel, statusLabel, statusPlural } from '../format';
import { langOf, t } from '../i18n';

const COLUMN_KEYS = ['queue.column.reference', 'queue.column.received', 'queue.column.summary', 'queue.column.channel', 'queue.column.phone', 'queue.column.callback', 'queue.column.claimedBy', 'queue.column.routing'] as const;
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

  const statusSelect = h('select', { id: 'status-filter' }, ...STATUSES.map((value) => h('option', { value, selected: value === status }, statusLabel(value))));
  statusSelect.addEventListener('change', () => refilter('status-filter', { status: statusSelect.value }));
  const orderSelect = h('select', { id: 'order' }, h('option', { value: 'oldest', selected: order === 'oldest' }, t('queue.oldestFirst')), h('option', { value: 'newest', selected: order === 'newest' }, t('queue.newestFirst')));
  orderSelect.addEventListener('change', () => refilter('order', { order: orderSelect.value }));
  const mineBox = h('input', { type: 'checkbox', id: 'mine', checked: mine });
  mineBox.addEventListener('change', () => refilter('mine', { mine: mineBox.checked ? 'true' : undefined }));
  const controls = h(
    'div',
    { class: 'filter', role: 'group', 'aria-label': t('queue.filters') },
    h('span', {}, h('label', { for: 'status-filter' }, t('queue.status')), statusSelect),
    h('span', {}, h('label', { for: 'order' }, t('queue.order')), orderSelect),
    h('span', { class: 'check' }, mineBox, h('label', { for: 'mine' }, t('queue.mine'))),
  );

  const statusWord = statusPlural(status);
  const first = back.length * PAGE_SIZE + 1;
  const total = count(page.total);
  const range = page.items.length ? t('queue.range', { first, last: first + page.items.length - 1, total }) : t('queue.rangeNone', { total });
  const orderWords = order === 'newest' ? t('queue.orderNewest') : t('queue.orderOldest');
  const caption = t(mine ? 'queue.captionMine' : 'queue.caption', { status: statusWord, order: orderWords, range });
  const table = page.items.length
    ? h(
        'table',
        { class: 'stack' },
        h('caption', {}, caption.charAt(0).toUpperCase() + caption.slice(1)),
        h('thead', {}, h('tr', {}, ...COLUMN_KEYS.map((key) => h('th', { scope: 'col' }, t(key))))),
        h('tbody', {}, ...page.items.map(row)),
      )
    : h('p', {}, mine ? t('queue.emptyMine', { total }) : t('queue.empty', { status: statusWord, total }));

  const previous = back.length
    ? h('a', { href: address({ cursor: back.at(-1) === FIRST ? undefined : back.at(-1), back: back.slice(0, -1).join('.') || undefined }), rel: 'prev' }, t('pages.previous'))
    : null;
  const next = page.cursor ? h('a', { href: address({ cursor: page.cursor, back: [...back, cursor ?? FIRST].join('.') }), rel: 'next' }, t('pages.next')) : null;
  show(
    queueLabel(key),
    controls,
    table,
    ...(previous || next ? [h('nav', { 'aria-label': t('pages.label'), class: 'pages' }, previous, next)] : []),
  );
  // New intakes (or changes to these, or a follow-up that marks one unread) show by themselves: the
  // same page is read again, and drawn again only if it differs.
  const shape = (shown: QueuePage) => JSON.stringify([shown.total, shown.items.map((item) => [item.id, item.version, item.unread])]);
  watchForChanges(
    async () => shape(await api.get<QueuePage>(`/queues/${key}/intakes?${query}`)) !== shape(page),
    () => void queueView(api, key, params).then(() => announce(t('new.refreshed', { what: t('new.intakes') }))),
  );
}

/**
 * A list row's reference: the link to the intake, and a texter's follow-up this staff member has
 * not seen, said in words (not by a colour alone).
 */
export function referenceCell(intake: IntakeListItem): HTMLElement {
  return h('span', {}, h('a', { href: `#/intakes/${intake.id}` }, intake.id), ...(intake.unread ? [' ', h('strong', { class: 'unread-mark' }, t('queue.unread'))] : []));
}

function row(intake: IntakeListItem): HTMLTableRowElement {
  const COLUMNS = COLUMN_KEYS.map((key) => t(key));
  return h(
    'tr',
    {},
    h('th', { scope: 'row', 'data-label': COLUMNS[0] }, referenceCell(intake)),
    h('td', { 'data-label': COLUMNS[1] }, t('queue.received', { when: dateTime(intake.createdAt), age: age(intake.createdAt) })),
    // The start of what the contact said (or of a call's summary, made in English): in its own language.
    h('td', { 'data-label': COLUMNS[2], class: 'preview', ...langOf(intake.preview ? (intake.channel === 'voice' ? 'en' : intake.language) : undefined) }, intake.preview || '—'),
    h('td', { 'data-label': COLUMNS[3] }, channelLabel(intake.channel)),
    h('td', { 'data-label': COLUMNS[4] }, intake.phone ?? (intake.anonymous ? t('phone.anonymous') : t('phone.none'))),
    h('td', { 'data-label': COLUMNS[5] }, intake.callbackAt ? dateTime(intake.callbackAt) : '—'),
    h('td', { 'data-label': COLUMNS[6] }, intake.claimedBy ?? '—'),
    h('td', { 'data-label': COLUMNS[7] }, intake.routing === 'routed' ? t('routing.routed') : t('routing.waiting')),
  );
}
