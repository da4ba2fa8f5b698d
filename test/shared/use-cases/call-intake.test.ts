import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import { DEFAULT_HOURS } from '../../../shared/domain/hours';
import { referenceNumberFor } from '../../../shared/domain/reference-number';
import { callIntake } from '../../../shared/use-cases/call-intake';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock('2026-11-28T15:00:00.000Z'); // a Saturday
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

const deps = () => ({ store: env.store, hours: DEFAULT_HOURS, clock: time.clock, registrations: env.registrations, texters: env.texters });

describe('call-intake', () => {
  it('records a call as an intake once, however often Connect retries', async () => {
    const input = { contactId: 'c-1', callerNumber: '+12025550143', request: { action: 'create', category: 'victim', language: 'es' } };
    const first = await callIntake(input, deps());
    const again = await callIntake(input, deps());
    // The reference number comes from the one-way key of the ContactId: Connect's id does not give it.
    expect(first).toEqual({ result: 'created', referenceNumber: referenceNumberFor(await env.sourceKeys.derive('c-1')), queueKey: 'victim-es' });
    expect(first.referenceNumber).not.toBe(referenceNumberFor('c-1'));
    expect(again).toEqual({ ...first, result: 'existing' });
    const intake = await env.store.get(first.referenceNumber!);
    expect(intake).toMatchObject({ channel: 'voice', category: 'victim', language: 'es', contact: { phoneLast4: '0143' }, routing: { state: 'routed', via: 'call' } });
  });

  it('keeps no number for an anonymous tip, and accepts a withheld caller ID', async () => {
    const anonymous = await callIntake({ contactId: 'c-2', callerNumber: '+12025550143', request: { action: 'create', category: 'tip', language: 'en', anonymous: 'true' } }, deps());
    expect(await env.store.get(anonymous.referenceNumber!)).toMatchObject({ anonymous: true, contact: null });
    expect(await env.store.revealPhone(anonymous.referenceNumber!)).toBeUndefined();

    const withheld = await callIntake({ contactId: 'c-3', callerNumber: 'anonymous', request: { action: 'create', category: 'detainee', language: 'en' } }, deps());
    expect(await env.store.get(withheld.referenceNumber!)).toMatchObject({ anonymous: false, contact: null });
  });

  it('answers a status lookup with the status only', async () => {
    const { referenceNumber } = await callIntake({ contactId: 'c-4', callerNumber: undefined, request: { action: 'create', category: 'tip', language: 'en' } }, deps());
    expect(await callIntake({ contactId: 'c-5', callerNumber: undefined, request: { action: 'status', referenceNumber: `${referenceNumber}#` } }, deps())).toEqual({
      result: 'found',
      status: 'new',
    });
  });

  it('refuses a mistyped reference number before any lookup', async () => {
    const valid = referenceNumberFor('c-4');
    const typo = valid.slice(0, 3) + ((Number(valid[3]) + 1) % 10) + valid.slice(4);
    const get = vi.spyOn(env.store, 'get');
    for (const typed of [typo, '123', 'Timeout', '']) {
      expect(await callIntake({ contactId: 'c-6', callerNumber: undefined, request: { action: 'status', referenceNumber: typed } }, deps())).toEqual({ result: 'invalid' });
    }
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
  });

  it('says when a valid number matches no intake', async () => {
    expect(await callIntake({ contactId: 'c-7', callerNumber: undefined, request: { action: 'status', referenceNumber: referenceNumberFor('nobody') } }, deps())).toEqual({
      result: 'not_found',
    });
  });

  it('records an after-hours callback, due when the line opens, once per call', async () => {
    const request = { action: 'callback', category: 'detainee', language: 'es', callbackNumber: '2025550188' };
    const result = await callIntake({ contactId: 'c-8', callerNumber: '+12025550143', request }, deps());
    expect(result).toMatchObject({ result: 'registered', callbackAt: '2026-11-30T13:00:00.000Z' });
    expect(await callIntake({ contactId: 'c-8', callerNumber: '+12025550143', request }, deps())).toMatchObject({ result: 'existing', referenceNumber: result.referenceNumber });
    expect(await env.store.get(result.referenceNumber!)).toMatchObject({
      callbackAt: '2026-11-30T13:00:00.000Z',
      contact: { phoneLast4: '0188' },
      routing: { state: 'unrouted', attempts: 0 },
    });
    expect(await env.store.revealPhone(result.referenceNumber!)).toBe('+12025550188');
  });

  it('refuses bad requests, naming the field', async () => {
    const attempts = [
      [{ action: 'callback', category: 'detainee', language: 'es', callbackNumber: '12' }, 'callbackNumber'],
      [{ action: 'create', category: 'parking', language: 'es' }, 'category'],
      [{ action: 'delete' }, 'action'],
    ] as const;
    for (const [request, field] of attempts) {
      const call = callIntake({ contactId: 'c-9', callerNumber: undefined, request }, deps());
      await expect(call).rejects.toBeInstanceOf(InvalidInputError);
      await expect(call).rejects.toThrow(`${field}:`);
    }
  });
});
