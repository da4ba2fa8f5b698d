import type { CallWait } from '../domain/timeline';
import type { CallWaitResult, IntakeStore } from '../ports/intake-store';

/**
 * The part of an Amazon Connect contact event (EventBridge `detail`) that says how a call's wait
 * in the queue ended, in the contact events data model
 * (https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html#contact-events-data-model):
 * `queueInfo.enqueueTimestamp` when the contact was put in the queue, `agentInfo.connectedToAgentTimestamp`
 * when an agent answered, `disconnectTimestamp` when the contact ended.
 */
export interface ContactEventDetail {
  eventType: string;
  contactId: string;
  channel: string;
  queueInfo?: { enqueueTimestamp?: string | undefined } | undefined;
  agentInfo?: { connectedToAgentTimestamp?: string | undefined } | undefined;
  disconnectTimestamp?: string | undefined;
}

export type CallEventResult = CallWaitResult | 'not_a_wait';

/**
 * The wait an event tells, if it tells one: a voice contact that was queued and then answered
 * (CONNECTED_TO_AGENT; or DISCONNECTED with an agent, should the first event have been lost:
 * EventBridge delivers them on a best-effort basis), or that hung up in the queue (DISCONNECTED
 * with no agent). Anything else (a call that ended in the menus, a chat, a task) tells none.
 */
export function callWaitOf(detail: ContactEventDetail): CallWait | undefined {
  if (detail.channel.toUpperCase() !== 'VOICE') return undefined;
  const enqueued = detail.queueInfo?.enqueueTimestamp;
  if (!enqueued) return undefined;
  const answered = detail.agentInfo?.connectedToAgentTimestamp;
  const seconds = (until: string) => Math.max(0, Math.round((Date.parse(until) - Date.parse(enqueued)) / 1000));
  if (detail.eventType === 'CONNECTED_TO_AGENT' || detail.eventType === 'DISCONNECTED') {
    if (answered) return { seconds: seconds(answered), outcome: 'answered' };
    if (detail.eventType === 'DISCONNECTED' && detail.disconnectTimestamp) return { seconds: seconds(detail.disconnectTimestamp), outcome: 'abandoned' };
  }
  return undefined;
}

/**
 * Records a call's wait on its intake. An event for a contact that made no intake, or whose wait
 * is on record already (a second event of the same call, a redelivery), changes nothing.
 */
export async function recordCallEvent(detail: ContactEventDetail, deps: { store: Pick<IntakeStore, 'recordCallWait'> }): Promise<CallEventResult> {
  const wait = callWaitOf(detail);
  if (!wait) return 'not_a_wait';
  return deps.store.recordCallWait(detail.contactId, wait);
}
