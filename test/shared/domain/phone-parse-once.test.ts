import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Counts the phone parser's parses: the costly step that the hot path should take once.
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../shared/domain/phone-number', async (original) => {
  const actual = await original<typeof import('../../../shared/domain/phone-number')>();
  return {
    ...actual,
    parsePhone: (...args: Parameters<typeof actual.parsePhone>) => {
      parses.count++;
      return actual.parsePhone(...args);
    },
  };
});

const { DEFAULT_HOURS } = await import('../../../shared/domain/hours');
const { NewIntakeSchema } = await import('../../../shared/domain/intake');
const { toE164 } = await import('../../../shared/domain/phone');
const { callIntake } = await import('../../../shared/use-cases/call-intake');
const { manualClock, storeOnDynalite } = await import('../../support/store');

const time = manualClock('2026-11-30T15:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

describe("the caller's number", () => {
  it('is parsed once when a call becomes an intake', async () => {
    parses.count = 0;
    const result = await callIntake(
      { contactId: 'parse-once-1', callerNumber: '+12025550161', request: { action: 'create', category: 'victim', language: 'en' } },
      { store: env.store, hours: DEFAULT_HOURS, clock: time.clock, registrations: env.registrations, texters: env.texters },
    );
    expect(result.result).toBe('created');
    expect(parses.count).toBe(1);
  });

  it('is still checked by NewIntakeSchema when it did not come from toE164', () => {
    parses.count = 0;
    const e164 = toE164('(202) 555-0162');
    expect(NewIntakeSchema.parse({ sourceKey: 'k', category: 'victim', language: 'en', channel: 'voice', phone: e164 }).phone).toBe('+12025550162');
    expect(parses.count).toBe(1);
    expect(NewIntakeSchema.safeParse({ sourceKey: 'k', category: 'victim', language: 'en', channel: 'voice', phone: '+1202555016' }).success).toBe(false);
    expect(parses.count).toBe(2);
  });
});
