import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSmsIntakeHandler } from '../../../functions/sms-intake/create-handler';
import { observability } from '../../../shared/adapters/lambda/observability';
import { TexterCache } from '../../../shared/adapters/texter-cache';
import { StaleVersionError } from '../../../shared/domain/errors';
import type { E164 } from '../../../shared/domain/phone';
import { newTexter } from '../../../shared/domain/sms/conversation';
import { lambdaContext } from '../../../local/lambda-context';
import { inboundSmsEvent } from '../../../local/sms-events';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

describe('the texter cache of a warm sms-intake function', () => {
  it('reads a texter once, then answers from what it saved; a copy each time', async () => {
    const phone = '+12025550951' as E164;
    await env.texters.save(phone, newTexter(time.clock()), undefined, []);
    const load = vi.spyOn(env.texters, 'load');
    const cache = new TexterCache(env.texters);
    const first = await cache.load(phone);
    await cache.save(phone, { ...first!.texter, language: 'es' }, first!.version, []);
    const second = await cache.load(phone);
    expect(second).toMatchObject({ version: first!.version + 1, texter: { language: 'es' } });
    expect(load).toHaveBeenCalledTimes(1);
    second!.texter.language = 'en';
    expect((await cache.load(phone))!.texter.language).toBe('es');
    load.mockRestore();
  });

  it('drops a texter another function changed, when the save finds it stale, and reads it again', async () => {
    const phone = '+12025550952' as E164;
    await env.texters.save(phone, newTexter(time.clock()), undefined, []);
    const cache = new TexterCache(env.texters);
    const seen = await cache.load(phone);
    await env.texters.save(phone, { ...seen!.texter, optedOut: true }, seen!.version, []); // elsewhere
    await expect(cache.save(phone, seen!.texter, seen!.version, [])).rejects.toBeInstanceOf(StaleVersionError);
    expect(await cache.load(phone)).toMatchObject({ version: seen!.version + 1, texter: { optedOut: true } });
  });

  it('forgets texters after a while, and beyond its capacity', async () => {
    let now = 0;
    const cache = new TexterCache(env.texters, { capacity: 2, ttlMs: 1000, now: () => now });
    const load = vi.spyOn(env.texters, 'load');
    const phones = ['+12025550953', '+12025550954', '+12025550955'] as E164[];
    for (const phone of phones) await cache.save(phone, newTexter(time.clock()), undefined, []);
    await cache.load(phones[2]!);
    await cache.load(phones[1]!);
    expect(load).toHaveBeenCalledTimes(0);
    await cache.load(phones[0]!); // the oldest was dropped for the capacity
    now = 1500;
    await cache.load(phones[1]!); // and this one aged out
    expect(load).toHaveBeenCalledTimes(2);
    load.mockRestore();
  });

  it('keeps a conversation whole when its texts alternate between two warm functions', async () => {
    const build = () =>
      createSmsIntakeHandler({ ...observability({ logLevel: 'SILENT' }), intakes: env.store, texters: new TexterCache(env.texters), registrations: env.registrations, clock: time.clock });
    const [one, two] = [build(), build()];
    const from = '+12025550956';
    const steps = [];
    for (const [index, body] of ['necesito información por favor', '2', 'Venden droga en la casa de la esquina todas las noches', '2', '1'].entries()) {
      time.advance(30_000);
      const [result] = await (index % 2 ? two : one)(inboundSmsEvent(from, body, `alt-${index}`), lambdaContext('sms-intake'));
      steps.push(result!.step);
    }
    expect(steps).toEqual(['category', 'details', 'anonymity', 'confirm', 'idle']);
    // A tip that may be contacted (2): the texter points to it (an anonymous one would not).
    expect((await env.texters.load(from as E164))!.texter.lastIntake).toBeDefined();
  });
});
