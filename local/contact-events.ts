import { LOCAL_INSTANCE_ARN } from './voice';

/**
 * The contact events Connect would publish to EventBridge for a local call waiting in a queue,
 * in the shape of the contact events data model
 * (https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html): an agent answers
 * (CONNECTED_TO_AGENT), or the caller hangs up first (DISCONNECTED with no agent).
 */
export function localContactEvent(contactId: string, queue: string, enqueuedAt: Date, endedAt: Date, outcome: 'answered' | 'abandoned') {
  const queueInfo = { queueType: 'STANDARD', queueArn: `${LOCAL_INSTANCE_ARN}/queue/${queue}`, enqueueTimestamp: enqueuedAt.toISOString() };
  const base = { contactId, initialContactId: contactId, channel: 'VOICE', instanceArn: LOCAL_INSTANCE_ARN, initiationMethod: 'INBOUND', initiationTimestamp: enqueuedAt.toISOString(), queueInfo };
  const detail =
    outcome === 'answered'
      ? { ...base, eventType: 'CONNECTED_TO_AGENT', agentInfo: { agentArn: `${LOCAL_INSTANCE_ARN}/agent/local`, connectedToAgentTimestamp: endedAt.toISOString() } }
      : { ...base, eventType: 'DISCONNECTED', disconnectTimestamp: endedAt.toISOString() };
  return {
    version: '0',
    id: `${contactId}-${detail.eventType}`,
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: '000000000000',
    time: endedAt.toISOString(),
    region: 'us-east-1',
    resources: [`${LOCAL_INSTANCE_ARN}/contact/${contactId}`, LOCAL_INSTANCE_ARN],
    detail,
  };
}
