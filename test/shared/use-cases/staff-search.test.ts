import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import { NotAllowedError, type StaffMember } from '../../../shared/domain/permissions';
import { checkDigit } from '../../../shared/domain/reference-number';
import { parseCaseQuery } from '../../../shared/domain/search';
import type { ConsoleDeps } from '../../../shared/use-cases/staff-console';
import { PHONE_SEARCH_LIMIT, search } from '../../../shared/use-cases/staff-search';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let deps: ConsoleDeps;
/** The DynamoDB operations the store sent, by command name. */
const commands: string[] = [];

const ana: StaffMember = { username: 'ana', groups: ['tip'] };
const dora: StaffMember = { username: 'dora', groups: ['detainee'] };
const vic: StaffMember = { username: 'vic', groups: ['victim'] };

beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  env.dynamo.client.middlewareStack.add((next, context) => async (args) => {
    commands.push(String(context.commandName));
    return next(args);
  });
  deps = { intakes: env.store, texters: env.texters, audit: env.audit, registrations: env.registrations, events: env.events, directory: env.directory, clock: time.clock };
});
afterAll(() => env.dynamo.stop());

/** The typed reference with its last digit changed: the check digit no longer matches. */
function mistyped(reference: string): string {
  return reference.slice(0, 9) + String((Number(reference[9]) + 1) % 10);
}

describe('searching by reference number', () => {
  it('finds the intake, with its number masked, and refuses a typo by its check digit before any lookup', async () => {
    const { intake } = await env.store.create({ sourceKey: 'ref-1', category: 'tip', language: 'en', channel: 'sms', phone: '+12025550101', summary: 'a tip' });
    const found = await search(ana, { by: 'reference', q: ` ${intake.id.slice(0, 3)}-${intake.id.slice(3)} ` }, deps);
    expect(found).toEqual({ by: 'reference', items: [expect.objectContaining({ id: intake.id, phone: '•••-•••-0101' })] });

    commands.length = 0;
    const typo = search(ana, { by: 'reference', q: mistyped(intake.id) }, deps);
    await expect(typo).rejects.toThrow(InvalidInputError);
    await expect(typo).rejects.toMatchObject({ refusalCode: 'search.checkDigit', facts: { digits: mistyped(intake.id) } });
    await expect(search(ana, { by: 'reference', q: '12345' }, deps)).rejects.toMatchObject({ refusalCode: 'search.referenceLength', facts: { length: 10, digits: '12345' } });
    expect(commands).toEqual([]);
  });

  it('says when no intake has a valid number, and keeps another category out', async () => {
    const unused = `123456789${checkDigit('123456789')}`;
    expect(await search(ana, { by: 'reference', q: unused }, deps)).toEqual({ by: 'reference', items: [] });
    const { intake } = await env.store.create({ sourceKey: 'ref-2', category: 'detainee', language: 'es', channel: 'voice', summary: '' });
    // Another category's intake is answered exactly as no intake: its existence is not told.
    expect(await search(ana, { by: 'reference', q: intake.id }, deps)).toEqual({ by: 'reference', items: [] });
    expect((await search(dora, { by: 'reference', q: intake.id }, deps)).by).toBe('reference');
  });
});

describe('searching by phone number', () => {
  it('finds the number’s intakes newest first in the categories one works, by a keyed-hash query, audited without the number', async () => {
    const phone = '+12025550142';
    const ids: string[] = [];
    for (const [index, category] of (['tip', 'detainee', 'tip'] as const).entries()) {
      time.advance(60_000);
      ids.push((await env.store.create({ sourceKey: `phone-${index}`, category, language: 'en', channel: index === 1 ? 'voice' : 'sms', phone, summary: '' })).intake.id);
    }
    await env.store.create({ sourceKey: 'phone-other', category: 'tip', language: 'en', channel: 'sms', phone: '+12025550143', summary: '' });
    await env.store.create({ sourceKey: 'phone-anonymous', category: 'tip', language: 'en', channel: 'sms', anonymous: true, summary: '' });

    commands.length = 0;
    const found = await search(ana, { by: 'phone', q: '(202) 555-0142' }, deps);
    expect(found.by === 'phone' && found.items.map((item) => item.id)).toEqual([ids[2], ids[0]]);
    expect(commands).not.toContain('ScanCommand');
    expect(commands).toContain('QueryCommand');

    // Audit events of the same instant have no order: the supervisor searches a second later.
    time.advance(1000);
    const supervisor = await search({ username: 'sam', groups: ['supervisor'] }, { by: 'phone', q: phone }, deps);
    expect(supervisor.by === 'phone' && supervisor.items.map((item) => item.id)).toEqual([ids[2], ids[1], ids[0]]);

    const trail = await env.audit.forSubject({ type: 'staff', id: 'ana' });
    expect(trail).toEqual([expect.objectContaining({ actor: 'ana', action: 'search_by_phone', after: { found: [ids[2], ids[0]] } })]);
    const onIntake = await env.audit.forSubject({ type: 'intake', id: ids[0]! });
    expect(onIntake.map((event) => [event.actor, event.action])).toEqual([['ana', 'found_by_phone'], ['sam', 'found_by_phone']]);
    expect(JSON.stringify(trail)).not.toContain('0142');

    await expect(search(ana, { by: 'phone', q: '555' }, deps)).rejects.toMatchObject({ refusalCode: 'search.notPhone' });
  });

  it('finds one’s own intakes of a number behind more newer intakes of other categories than a page holds', async () => {
    const phone = '+12025550144';
    time.advance(60_000);
    const { intake: own } = await env.store.create({ sourceKey: 'crowded-own', category: 'tip', language: 'en', channel: 'sms', phone, summary: '' });
    for (let index = 0; index < PHONE_SEARCH_LIMIT + 5; index++) {
      time.advance(1000);
      await env.store.create({ sourceKey: `crowded-${index}`, category: 'detainee', language: 'en', channel: 'sms', phone, summary: '' });
    }
    const found = await search(ana, { by: 'phone', q: phone }, deps);
    expect(found.by === 'phone' && found.items.map((item) => item.id)).toEqual([own.id]);
    const supervisor = await search({ username: 'sam', groups: ['supervisor'] }, { by: 'phone', q: phone }, deps);
    expect(supervisor.by === 'phone' && supervisor.items).toHaveLength(PHONE_SEARCH_LIMIT);
  });
});

describe('searching by case number', () => {
  it('puts a case number in its one canonical form, for victim staff', async () => {
    expect(await search(vic, { by: 'case', q: 'Case 44-00123' }, deps)).toEqual({ by: 'case', caseNumber: '4400123' });
    expect(parseCaseQuery('#4400 123')).toBe('4400123');
    expect(() => parseCaseQuery('44A00123')).toThrow(expect.objectContaining({ refusalCode: 'search.caseNumber' }));
    await expect(search(ana, { by: 'case', q: '4400123' }, deps)).rejects.toThrow(NotAllowedError);
  });
});
