import type { QueueView } from '../../../shared/use-cases/staff-console';
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

export async function metricsView(api: Api): Promise<void> {
  const { queues, unrouted } = await api.get<{ queues: QueueView[]; unrouted: { count: number; capped: boolean; oldestDueAt?: string } }>('/metrics');
  show(
    'Metrics',
    queueTable('Every queue', queues),
    h('h2', {}, 'Waiting for a Connect task'),
    h('p', {}, `${count(unrouted)} intake(s)${unrouted.oldestDueAt ? `, the oldest due ${age(unrouted.oldestDueAt)} ago` : ''}.`),
  );
}
