import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_KEYS } from '../../../shared/domain/queues';
import { INTAKE_STATUSES } from '../../../shared/domain/status';
import type { E164 } from '../../../shared/domain/phone';
import { DynamoHeldTextStore } from '../../../shared/adapters/dynamodb/held-text-store';
import type { TexterStore } from '../../../shared/ports/texter-store';
import { answerHeldTexts, handleInboundText, type InboundTextDeps } from '../../../shared/use-cases/inbound-text';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock('2026-11-23T15:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let deps: InboundTextDeps;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  deps = { texters: env.texters, intakes: env.store, registrations: env.registrations, clock: time.clock };
});
afterAll(() => env.dynamo.stop());

/** Every intake in the table, counted through the queue index (no scan). */
async function intakeCount(): Promise<number> {
  let total = 0;
  for (const queueKey of QUEUE_KEYS) for (const status of INTAKE_STATUSES) total += (await env.store.countQueue(queueKey, status, 10_000)).count;
  return total;
}

const DESCRIBED = 'My brother was detained by immigration yesterday and we do not know where they took him';

describe('one confirmation, one intake', () => {
  it('50 texters each tap "1" twice at once at the confirm step: 50 intakes, one request counted each', async () => {
    const texters = Array.from({ length: 50 }, (_, index) => `+1202555${String(1000 + index).padStart(4, '0')}`);
    for (const [index, from] of texters.entries()) {
      const first = await handleInboundText({ from, body: DESCRIBED, messageId: `describe-${index}` }, deps);
      expect(first.step).toBe('confirm');
    }
    const before = await intakeCount();
    // Both taps of a texter arrive together (two SNS deliveries, two different inbound message ids).
    const results = await Promise.all(
      texters.flatMap((from, index) => [
        handleInboundText({ from, body: '1', messageId: `tap-a-${index}` }, deps),
        handleInboundText({ from, body: '1', messageId: `tap-b-${index}` }, deps),
      ]),
    );
    expect((await intakeCount()) - before).toBe(50);
    // Each texter's two taps name the same intake, and the daily limit counted one request.
    for (let index = 0; index < texters.length; index++) {
      const [a, b] = [results[2 * index]!, results[2 * index + 1]!];
      expect(a.referenceNumber).toBeDefined();
      expect(a.referenceNumber).toBe(b.referenceNumber);
      const stored = await env.texters.load(texters[index] as E164);
      expect(stored?.texter.requestsToday.count).toBe(1);
    }
  }, 60_000);

  it('a redelivered confirmation (the same message id) finds its intake and creates nothing', async () => {
    const from = '+12025552000';
    await handleInboundText({ from, body: DESCRIBED, messageId: 'redeliver-describe' }, deps);
    const before = await intakeCount();
    const first = await handleInboundText({ from, body: '1', messageId: 'redeliver-1' }, deps);
    const again = await handleInboundText({ from, body: '1', messageId: 'redeliver-1' }, deps);
    expect(again.duplicate).toBe(true);
    expect(first.referenceNumber).toBeDefined();
    expect((await intakeCount()) - before).toBe(1);
  });
});

describe('a burst from one number', () => {
  it('20 numbers x 10 different texts at once: every text is handled, none fails', async () => {
    const bodies = ['hola', 'necesito ayuda', 'mi esposo', 'lo detuvieron ayer', 'en la frontera', 'no sé dónde está', 'tiene diabetes', 'por favor', 'gracias', 'es urgente'];
    const numbers = Array.from({ length: 20 }, (_, index) => `+1202555${String(3000 + index).padStart(4, '0')}`);
    const settled = await Promise.allSettled(
      numbers.flatMap((from, n) => bodies.map((body, b) => handleInboundText({ from, body, messageId: `burst-${n}-${b}` }, deps))),
    );
    const failures = settled.filter((result) => result.status === 'rejected');
    expect(failures.map((failure) => String((failure as PromiseRejectedResult).reason))).toEqual([]);
    expect(settled.every((result) => result.status === 'fulfilled' && !result.value.duplicate)).toBe(true);
    // Each text was taken into its texter's record exactly once.
    for (const [n, from] of numbers.entries()) {
      const stored = await env.texters.load(from as E164);
      expect([...stored!.texter.recentMessageIds].sort()).toEqual(bodies.map((_, b) => `burst-${n}-${b}`).sort());
    }
  }, 60_000);
});

describe('a text that cannot be saved now', () => {
  it('is held (sealed), answered by the next sweep, and never dropped', async () => {
    const held = new DynamoHeldTextStore({ client: env.dynamo.client, tableName: env.dynamo.tableName, vault: env.vault, clock: time.clock, retentionDays: 30 });
    let refused = 0;
    // The texter's write keeps failing (throttled past the SDK's retries).
    const refusing: TexterStore = Object.assign(Object.create(env.texters) as TexterStore, {
      save: async () => {
        refused++;
        throw Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
      },
    });
    const from = '+12025554000';
    const result = await handleInboundText({ from, body: 'Need help finding my father, detained in El Paso', messageId: 'held-1' }, { ...deps, texters: refusing, held });
    expect(result).toMatchObject({ held: true, replies: [] });
    expect(refused).toBe(1);
    // Held twice (SNS redelivered it): kept once.
    await handleInboundText({ from, body: 'Need help finding my father, detained in El Paso', messageId: 'held-1' }, { ...deps, texters: refusing, held });
    expect(await held.due(time.clock(), 10)).toEqual([{ from, body: 'Need help finding my father, detained in El Paso', messageId: 'held-1' }]);
    expect(await env.texters.load(from as E164)).toBeUndefined();

    // The sweep, with the store working again: the text is taken in and answered, and no longer held.
    expect(await answerHeldTexts({ ...deps, held })).toEqual({ answered: 1, still_held: 0 });
    const stored = await env.texters.load(from as E164);
    expect(stored?.texter.recentMessageIds).toEqual(['held-1']);
    const key = await env.texters.keyOf(from as E164);
    expect((await env.texters.pendingTexts(key))?.texts.length).toBeGreaterThan(0);
    expect(await held.due(time.clock(), 10)).toEqual([]);
  });
});

describe('the whole conversation on the intake', () => {
  const texts = (events: { type: string; at: string; actor: string; text?: string }[]) =>
    events.filter((event) => event.type === 'message_in' || event.type === 'message_out').map(({ type, actor, text }) => `${type === 'message_in' ? '>' : '<'} ${actor}: ${text}`);

  it("every text in and out, in order, with its time: the texter's first texts, the line's replies, a follow-up and its answer", async () => {
    const from = '+12025553100';
    const first = await handleInboundText({ from, body: 'my brother was detained', messageId: 'whole-1' }, deps);
    time.advance(60_000);
    await handleInboundText({ from, body: 'His name is Juan Perez, taken yesterday in Austin', messageId: 'whole-2' }, deps);
    time.advance(60_000);
    const confirmed = await handleInboundText({ from, body: '1', messageId: 'whole-3' }, deps);
    // Redelivered: nothing more on the timeline.
    await handleInboundText({ from, body: '1', messageId: 'whole-3' }, deps);
    time.advance(60_000);
    const followUp = await handleInboundText({ from, body: 'He has a court date on Monday', messageId: 'whole-4' }, deps);
    const timeline = await env.store.timeline(confirmed.referenceNumber!);
    expect(texts(timeline)).toEqual([
      '> texter: my brother was detained',
      `< system: ${first.replies[0]}`,
      '> texter: His name is Juan Perez, taken yesterday in Austin',
      expect.stringMatching(/^< system: We will send your question/),
      '> texter: 1',
      `< system: ${confirmed.replies[0]}`,
      '> texter: He has a court date on Monday',
      `< system: ${followUp.replies[0]}`,
    ]);
    const times = timeline.filter((event) => event.type.startsWith('message')).map((event) => event.at);
    expect(times).toEqual([...times].sort());
    // The first text keeps its own time, a minute before the confirmation.
    expect(Date.parse(times[4]!) - Date.parse(times[0]!)).toBe(120_000);
  });

  it('an anonymous tip has its texts too, and the texter keeps none of them', async () => {
    const from = '+12025553101';
    await handleInboundText({ from, body: 'I want to report a stash house on my street, lots of people coming and going at night', messageId: 'anon-1' }, deps);
    await handleInboundText({ from, body: '1', messageId: 'anon-2' }, deps);
    const sent = await handleInboundText({ from, body: '1', messageId: 'anon-3' }, deps);
    const intake = await env.store.get(sent.referenceNumber!);
    expect(intake).toMatchObject({ anonymous: true, contact: null });
    expect(texts(await env.store.timeline(intake!.id))).toHaveLength(6);
    const stored = await env.texters.load(from as E164);
    expect(stored?.texter.conversation.transcript).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('stash house');
  });
});
