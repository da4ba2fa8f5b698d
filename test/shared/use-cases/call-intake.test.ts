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

  it("gives a call its summary and its path on the timeline: the menu choice, the tip's anonymity, the queue", async () => {
    const signed = await callIntake({ contactId: 'c-30', callerNumber: '+12025550143', request: { action: 'create', category: 'tip', language: 'es', anonymous: 'false' } }, deps());
    const intake = await env.store.get(signed.referenceNumber!);
    expect(intake!.summary).toBe('Call in Spanish about a tip matter. The caller chose it at the main menu. The caller chose to leave their number. Put through to the tip (Spanish) queue.');
    // A retry adds nothing.
    await callIntake({ contactId: 'c-30', callerNumber: '+12025550143', request: { action: 'create', category: 'tip', language: 'es', anonymous: 'false' } }, deps());
    expect((await env.store.timeline(intake!.id)).map(({ type, actor, ...rest }) => ({ type, actor, ...('route' in rest ? rest : {}) }))).toEqual([
      { type: 'call', actor: 'caller', route: 'menu', anonymity: 'left_number', queueKey: 'tip-es', id: expect.any(String), intakeId: intake!.id, at: intake!.createdAt },
    ]);

    // No choice at the main menu: the flow's general route says so in the contact's attributes.
    const general = await callIntake(
      { contactId: 'c-31', callerNumber: '+12025550143', attributes: { category: 'tip', menu: 'none' }, request: { action: 'create', category: 'tip', language: 'en', anonymous: 'true' } },
      deps(),
    );
    const tip = await env.store.get(general.referenceNumber!);
    expect(tip!.summary).toBe('Call in English about a tip matter. No choice after three tries at the main menu: put through to the general line. Anonymous tip: no number kept (the caller pressed 1, or did not answer). Put through to the tip (English) queue.');
    expect(await env.store.timeline(tip!.id)).toMatchObject([{ type: 'call', route: 'general', anonymity: 'anonymous', queueKey: 'tip-en' }]);
  });

  it("a callback's summary and timeline say the number masked, and whether it was keyed in", async () => {
    const keyed = await callIntake({ contactId: 'c-32', callerNumber: '+12025550143', request: { action: 'callback', category: 'victim', language: 'en', callbackNumber: '2025550188' } }, deps());
    const own = await callIntake({ contactId: 'c-33', callerNumber: '+12025550143', request: { action: 'callback', category: 'victim', language: 'en', callbackNumber: '+12025550143' } }, deps());
    const [keyedIntake, ownIntake] = [await env.store.get(keyed.referenceNumber!), await env.store.get(own.referenceNumber!)];
    expect(keyedIntake!.summary).toBe('After-hours call in English about a victim matter: a callback when the line opens. The caller chose it at the main menu. Call back at •••-•••-0188, the number the caller keyed in.');
    expect(ownIntake!.summary).toContain('Call back at •••-•••-0143, the number the caller called from.');
    const [event] = await env.store.timeline(keyedIntake!.id);
    expect(event).toMatchObject({ type: 'call', callback: { numberLast4: '0188', keyed: true }, queueKey: 'victim-en' });
    // The timeline holds the last four digits only.
    expect(JSON.stringify(await env.store.timeline(keyedIntake!.id))).not.toContain('5550188');
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
