import type { QueueDay, QueueView } from '../../../shared/use-cases/staff-console';
import type { Api } from '../api';
import { h, show } from '../dom';
import { age, count, queueLabel } from '../format';
import { calendarDate, t } from '../i18n';

const DAILY_COLUMNS = ['metrics.column.day', 'metrics.column.received', 'metrics.column.claimed', 'metrics.column.handled', 'metrics.column.median'] as const;

function queueTable(caption: string, queues: QueueView[]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...(['queues.column.queue', 'queues.column.waiting', 'queues.column.inProgress', 'queues.column.oldest'] as const).map((key) => h('th', { scope: 'col' }, t(key))))),
    h(
      'tbody',
      {},
      ...queues.map((queue) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('a', { href: `#/queues/${queue.key}` }, queueLabel(queue.key))),
          h('td', {}, count(queue.waiting)),
          h('td', {}, count(queue.inProgress)),
          h('td', {}, queue.oldestWaitingSince ? age(queue.oldestWaitingSince) : '—'),
        ),
      ),
    ),
  );
}

export async function queuesView(api: Api): Promise<void> {
  const { queues } = await api.get<{ queues: QueueView[] }>('/queues');
  show(t('queues.title'), queues.length ? queueTable(t('queues.caption'), queues) : h('p', {}, t('queues.none')));
}

function median(day: QueueDay): string {
  if (!day.medianToClaim) return '—';
  if ('overMinutes' in day.medianToClaim) return t('metrics.overHours', { hours: day.medianToClaim.overMinutes / 60 });
  const minutes = day.medianToClaim.withinMinutes;
  return minutes < 60 ? t('metrics.withinMinutes', { minutes }) : t('metrics.withinHours', { hours: minutes / 60 });
}

function dailyTable(key: string, days: QueueDay[]): HTMLTableElement {
  const columns = DAILY_COLUMNS.map((column) => t(column));
  return h(
    'table',
    { class: 'stack' },
    h('caption', {}, t('metrics.dailyCaption', { queue: queueLabel(key) })),
    h('thead', {}, h('tr', {}, ...columns.map((title) => h('th', { scope: 'col' }, title)))),
    h(
      'tbody',
      {},
      ...[...days].reverse().map((day) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': columns[0] }, h('time', { datetime: day.day }, calendarDate(day.day))),
          h('td', { 'data-label': columns[1] }, String(day.received)),
          h('td', { 'data-label': columns[2] }, String(day.claimed)),
          h('td', { 'data-label': columns[3] }, String(day.handled)),
          h('td', { 'data-label': columns[4] }, median(day)),
        ),
      ),
    ),
  );
}

export async function metricsView(api: Api): Promise<void> {
  const { queues, unrouted, daily } = await api.get<{ queues: QueueView[]; unrouted: { count: number; capped: boolean; oldestDueAt?: string }; daily: { key: string; days: QueueDay[] }[] }>('/metrics');
  show(
    t('metrics.title'),
    queueTable(t('metrics.every'), queues),
    h('h2', {}, t('metrics.unroutedHeading')),
    h('p', {}, unrouted.oldestDueAt ? t('metrics.unroutedOldest', { count: count(unrouted), age: age(unrouted.oldestDueAt) }) : t('metrics.unrouted', { count: count(unrouted) })),
    h('h2', {}, t('metrics.dailyHeading')),
    h('p', { class: 'hint' }, t('metrics.note')),
    ...daily.map(({ key, days }) => dailyTable(key, days)),
  );
}
