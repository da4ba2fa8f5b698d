import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_KEYS } from '../../../shared/domain/queues';
import { INTAKE_STATUSES } from '../../../shared/domain/status';
import type { E164 } from '../../../shared/domain/phone';
import { handleInboundText, type InboundTextDeps } from '../../../shared/use-cases/inbound-text';
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
