import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallEventsHandler } from '../../functions/call-events/create-handler';
import { observability } from '../../shared/adapters/lambda/observability';
import { InvalidInputError } from '../../shared/domain/errors';
import { callIntake } from '../../shared/use-cases/call-intake';
import { callWaitOf } from '../../shared/use-cases/call-events';
import { DEFAULT_HOURS } from '../../shared/domain/hours';
import { lambdaContext } from '../../local/lambda-context';
import { connectedToAgent, disconnected } from '../fixtures/connect/contact-events';
import { manualClock, storeOnDynalite } from '../support/store';

const time = manualClock('2026-11-23T15:00:00.000Z'); // a Monday, the lines open
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

const handler = () => createCallEventsHandler({ ...observability({ logLevel: 'SILENT' }), store: env.store });
const run = (event: unknown) => handler()(event, lambdaContext('call-events'));

async function callCreates(contactId: string, request: Record<string, string>) {
  const deps = { store: env.store, hours: DEFAULT_HOURS, clock: time.clock, registrations: env.registrations, texters: env.texters };
  const { referenceNumber } = await callIntake({ contactId, callerNumber: '+12025550143', request: { action: 'create', ...request } }, deps);
  return referenceNumber!;
}

const callEntry = async (id: string) => (await env.store.timeline(id)).find((event) => event.type === 'call');

describe('the call-events handler', () => {
  it("records an answered call's wait on its intake's call entry, once however often the event comes", async () => {
    const id = await callCreates('contact-answered', { category: 'detainee', language: 'es' });
    const before = await env.store.get(id);
    const event = connectedToAgent('contact-answered', '2026-11-23T15:00:04.000Z', '2026-11-23T15:02:14.000Z');
    expect(await run(event)).toEqual({ result: 'recorded' });
    expect(await callEntry(id)).toMatchObject({ type: 'call', queueKey: 'detainee-es', wait: { seconds: 130, outcome: 'answered' } });

    // The same event again (EventBridge may deliver twice), and the call's DISCONNECTED after it: nothing changes.
    expect(await run(event)).toEqual({ result: 'already_recorded' });
    const later = { ...event, detail: { ...event.detail, agentInfo: { ...event.detail.agentInfo, connectedToAgentTimestamp: '2026-11-23T15:09:00.000Z' } } };
    expect(await run(later)).toEqual({ result: 'already_recorded' });
    expect((await callEntry(id))).toMatchObject({ wait: { seconds: 130, outcome: 'answered' } });

    // Staff's version is untouched: a claim read before the event still goes through.
    expect(await env.store.get(id)).toEqual(before);
  });

  it('records a caller who hung up in the queue as abandoned, with how long they waited', async () => {
    const id = await callCreates('contact-abandoned', { category: 'victim', language: 'en' });
    expect(await run(disconnected('contact-abandoned', '2026-11-23T15:00:05.000Z', '2026-11-23T15:04:05.000Z'))).toEqual({ result: 'recorded' });
    expect(await callEntry(id)).toMatchObject({ wait: { seconds: 240, outcome: 'abandoned' } });
  });

  it('records no wait for an anonymous tip, and says so', async () => {
    const id = await callCreates('contact-anonymous', { category: 'tip', language: 'en', anonymous: 'true' });
    expect(await run(connectedToAgent('contact-anonymous', '2026-11-23T15:00:04.000Z', '2026-11-23T15:01:00.000Z'))).toEqual({ result: 'anonymous' });
    expect((await callEntry(id))!).not.toHaveProperty('wait');
  });

  it('does nothing for a contact that made no intake, or an event that tells no wait', async () => {
    expect(await run(connectedToAgent('contact-never-seen', '2026-11-23T15:00:04.000Z', '2026-11-23T15:01:00.000Z'))).toEqual({ result: 'unknown' });
    // Hung up in the menus: never queued.
    const id = await callCreates('contact-menu', { category: 'detainee', language: 'en' });
    expect(await run(disconnected('contact-menu', undefined, '2026-11-23T15:00:30.000Z'))).toEqual({ result: 'not_a_wait' });
    expect((await callEntry(id))!).not.toHaveProperty('wait');
  });

  it('throws on an event it cannot read (Lambda retries it, then dead-letters it), writing nothing', async () => {
    const id = await callCreates('contact-bad', { category: 'detainee', language: 'en' });
    const bad = connectedToAgent('contact-bad', 'yesterday', '2026-11-23T15:01:00.000Z');
    await expect(run(bad)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(run({ ...bad, source: 'aws.other' })).rejects.toThrow('source');
    expect((await callEntry(id))!).not.toHaveProperty('wait');
  });
});

describe('callWaitOf', () => {
  const detail = (extra: Record<string, unknown>) => ({ eventType: 'CONNECTED_TO_AGENT', contactId: 'c', channel: 'VOICE', ...extra });
  const queued = { queueInfo: { enqueueTimestamp: '2026-11-23T15:00:00.000Z' } };

  it('takes the answer from CONNECTED_TO_AGENT, or from a DISCONNECTED with an agent when the first event was lost', () => {
    expect(callWaitOf(detail({ ...queued, agentInfo: { connectedToAgentTimestamp: '2026-11-23T15:00:45.400Z' } }))).toEqual({ seconds: 45, outcome: 'answered' });
    expect(callWaitOf(detail({ eventType: 'DISCONNECTED', ...queued, agentInfo: { connectedToAgentTimestamp: '2026-11-23T15:01:00.000Z' }, disconnectTimestamp: '2026-11-23T15:09:00.000Z' }))).toEqual({ seconds: 60, outcome: 'answered' });
  });

  it('tells no wait for a chat or a task, a call never queued, or another event type', () => {
    const answered = { ...queued, agentInfo: { connectedToAgentTimestamp: '2026-11-23T15:01:00.000Z' } };
    expect(callWaitOf(detail({ ...answered, channel: 'CHAT' }))).toBeUndefined();
    expect(callWaitOf(detail({ ...answered, channel: 'TASK' }))).toBeUndefined();
    expect(callWaitOf(detail({ agentInfo: answered.agentInfo }))).toBeUndefined();
    expect(callWaitOf(detail({ ...answered, eventType: 'QUEUED' }))).toBeUndefined();
    expect(callWaitOf(detail({ ...queued, eventType: 'CONNECTED_TO_AGENT' }))).toBeUndefined();
  });
});
