import { SUPERVISOR_VIEW_WORDS as WORDS } from '../../../shared/domain/staff-words';
import type { QueueDay, QueueView } from '../../../shared/use-cases/staff-console';
import type { Api } from '../api';
import { h, show } from '../dom';
import { age, count, queueLabel } from '../format';

function queueTable(caption: string, queues: QueueView[]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...['Queue', 'Waiting', 'In progress', 'Oldest waiting'].map((title) => h('th', { scope: 'col' }, title)))),
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
  show('Queues', queues.length ? queueTable('Your queues: intakes waiting and in progress', queues) : h('p', {}, 'You are in no queue group yet.'));
}

function median(day: QueueDay): string {
  if (!day.medianToClaim) return WORDS.noClaims;
  return 'withinMinutes' in day.medianToClaim ? WORDS.medianWithin(day.medianToClaim.withinMinutes) : WORDS.medianOver(day.medianToClaim.overMinutes);
}

function dailyTable(key: string, days: QueueDay[]): HTMLTableElement {
  return h(
    'table',
    { class: 'stack' },
    h('caption', {}, WORDS.metricsDailyCaption(queueLabel(key))),
    h('thead', {}, h('tr', {}, ...WORDS.metricsDailyColumns.map((title) => h('th', { scope: 'col' }, title)))),
    h(
      'tbody',
      {},
      ...[...days].reverse().map((day) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': WORDS.metricsDailyColumns[0] }, day.day),
          h('td', { 'data-label': WORDS.metricsDailyColumns[1] }, String(day.received)),
          h('td', { 'data-label': WORDS.metricsDailyColumns[2] }, String(day.claimed)),
          h('td', { 'data-label': WORDS.metricsDailyColumns[3] }, String(day.handled)),
          h('td', { 'data-label': WORDS.metricsDailyColumns[4] }, median(day)),
        ),
      ),
    ),
  );
}

export async function metricsView(api: Api): Promise<void> {
  const { queues, unrouted, daily } = await api.get<{ queues: QueueView[]; unrouted: { count: number; capped: boolean; oldestDueAt?: string }; daily: { key: string; days: QueueDay[] }[] }>('/metrics');
  show(
    'Metrics',
    queueTable('Every queue', queues),
    h('h2', {}, 'Waiting for a Connect task'),
    h('p', {}, `${count(unrouted)} intake(s)${unrouted.oldestDueAt ? `, the oldest due ${age(unrouted.oldestDueAt)} ago` : ''}.`),
    h('h2', {}, WORDS.metricsDailyHeading),
    h('p', { class: 'hint' }, WORDS.metricsNote),
    ...daily.map(({ key, days }) => dailyTable(key, days)),
  );
}
