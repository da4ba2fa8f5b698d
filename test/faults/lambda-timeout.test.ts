import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observability } from '../../shared/adapters/lambda/observability';
import type { Intake } from '../../shared/domain/intake';
import { QUEUE_KEYS } from '../../shared/domain/queues';
import { DEFAULT_FLOW_OPTIONS } from '../../shared/flows/hotline';
import type { IntakeStore } from '../../shared/ports/intake-store';
import { runCall } from '../../local/flow-interpreter';
import { localVoice } from '../../local/voice';
import { manualClock, storeOnDynalite } from '../support/store';

/**
 * call-intake runs with a 5 s timeout (infra/enlace-stack.ts) inside a flow that waits 8 s
 * (InvocationTimeLimitSeconds): Lambda kills the function first and Connect takes the error
 * branch. The kill can land before or after the intake's write.
 */
const time = manualClock('2026-11-23T15:00:00.000Z'); // Monday, every line open
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

const timedOut = () => Object.assign(new Error('Task timed out after 5.00 seconds'), { name: 'Sandbox.Timedout' });

/** The store as the killed function sees it: the kill comes before, or right after, the write. */
function killedAt(moment: 'before the write' | 'after the write', kills: { count: number }): IntakeStore {
  return Object.assign(Object.create(env.store) as IntakeStore, {
    create: async (input: Parameters<IntakeStore['create']>[0]) => {
      kills.count++;
      if (moment === 'before the write') throw timedOut();
      await env.store.create(input);
      throw timedOut();
    },
  });
}

async function voiceIntakesFrom(last4: string): Promise<Intake[]> {
  const found: Intake[] = [];
  for (const queueKey of QUEUE_KEYS) found.push(...(await env.store.listQueue({ queueKey, status: 'new', limit: 100 })).items);
  return found.filter((intake) => intake.channel === 'voice' && intake.contact?.phoneLast4 === last4);
}

describe('a Lambda killed at its timeout while Connect still waits', () => {
  for (const [moment, from, expected] of [
    ['before the write', '+12025550931', 0],
    ['after the write', '+12025550932', 1],
  ] as const) {
    it(`killed ${moment}: the caller still reaches a person, and the intake is there once or not at all`, async () => {
      const kills = { count: 0 };
      const { logger, metrics } = observability({ logLevel: 'SILENT' });
      const { environment, entryFlow } = localVoice({ store: killedAt(moment, kills), registrations: env.registrations, texters: env.texters, clock: time.clock, flowOptions: DEFAULT_FLOW_OPTIONS, logger, metrics });
      const transcript = await runCall(environment, entryFlow, { from, keys: ['1', '1'] });
      expect(kills.count).toBe(1);
      expect(transcript.entries.find((entry) => entry.type === 'lambda')).toMatchObject({ error: expect.stringContaining('Task timed out') });
      // The error branch: an apology, then the detainee line's English queue all the same.
      expect(transcript.outcome).toEqual({ type: 'answered', queue: 'detainee-en' });
      const intakes = await voiceIntakesFrom(from.slice(-4));
      expect(intakes).toHaveLength(expected);
      // A written intake is the call itself: routed by the call, nothing for a sweep to redo.
      for (const intake of intakes) expect(intake.routing).toMatchObject({ state: 'routed', via: 'call' });
    });
  }
});
