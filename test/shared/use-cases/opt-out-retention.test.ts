import { DeleteCommand, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../../shared/adapters/dynamodb/keys';
import { DynamoRegistrationStore } from '../../../shared/adapters/dynamodb/registration-store';
import { DynamoTexterStore } from '../../../shared/adapters/dynamodb/texter-store';
import { LocalWorkQueue } from '../../../shared/adapters/local/work-queue';
import { CaseNumberSchema } from '../../../shared/domain/notifications';
import type { StaffMember } from '../../../shared/domain/permissions';
import type { E164 } from '../../../shared/domain/phone';
import { handleInboundText, type InboundTextDeps } from '../../../shared/use-cases/inbound-text';
import { deliverNotice, fanOutPage, recordCustodyEvent, withdrawOnBehalf, type FanOutTask, type NoticeTask } from '../../../shared/use-cases/victim-notices';
import { LOCAL_HOTLINE } from '../../../local/sms-events';
import { interleavingClient } from '../../support/interleaving';
import { TEST_RETENTION_DAYS, manualClock, storeOnDynalite } from '../../support/store';

/**
 * An opt-out is the only record of a STOP: it must outlive every registration that could text the
 * number a victim notice, and still go once nothing can. dynalite never expires items, so `expire()`
 * does what DynamoDB's TTL does in time: deletes every item whose expiry has passed.
 */
const time = manualClock('2026-11-23T15:00:00.000Z');
const DAY_MS = 86_400_000;
const days = TEST_RETENTION_DAYS.intake; // the opt-out's period: the intake retention
const CASE = CaseNumberSchema.parse('20261124');
const carmen: StaffMember = { username: 'carmen', groups: ['victim'] };
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let deps: InboundTextDeps;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  deps = { texters: env.texters, intakes: env.store, registrations: env.registrations, clock: time.clock };
});
afterAll(() => env.dynamo.stop());

let messages = 0;
async function text(from: string, ...bodies: string[]) {
  for (const body of bodies) {
    time.advance(20_000);
    await handleInboundText({ from, body, messageId: `opt-out-${messages++}` }, deps);
  }
}

async function texterItem(phone: E164) {
  const { Item } = await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: keys.texter(await env.texters.keyOf(phone)) }));
  return Item as { texter: { optedOut: boolean }; expiresAt?: number } | undefined;
}

/** DynamoDB TTL, come due: every item whose expiry is past is deleted. */
async function expire() {
  const nowSeconds = Math.floor(time.clock().getTime() / 1000);
  const { Items = [] } = await env.dynamo.client.send(new ScanCommand({ TableName: env.dynamo.tableName }));
  for (const item of Items) {
    if (typeof item.expiresAt === 'number' && item.expiresAt <= nowSeconds) {
      await env.dynamo.client.send(new DeleteCommand({ TableName: env.dynamo.tableName, Key: { pk: item.pk, sk: item.sk } }));
    }
  }
}

/** Staff record a custody event; its notices are fanned out and delivered. What was sent, to whom. */
async function notify(key: string) {
  const event = await recordCustodyEvent(carmen, CASE, { type: 'released', date: time.clock().toISOString().slice(0, 10), key }, { ...env, clock: time.clock });
  const notices = new LocalWorkQueue<NoticeTask>(1);
  await fanOutPage({ caseNumber: CASE, eventId: event.id }, { registrations: env.registrations, events: env.events, fanOut: new LocalWorkQueue<FanOutTask>(), notices });
  const texted: string[] = [];
  const sender = { send: async (to: string) => (texted.push(to), { messageId: `notice-${texted.length}` }) };
  await notices.drain((task) => deliverNotice(task, { ...env, sms: sender, email: sender, hotline: LOCAL_HOTLINE }));
  return { texted, counts: await env.events.deliveryCounts(event.id) };
}

const expiryIn = (periodDays: number) => Math.floor(time.clock().getTime() / 1000) + periodDays * 86_400;

describe('an opt-out outlives the registrations that could text the number', () => {
  it('registered for texted notices, then STOP: kept with no expiry while the registration stands, notices skipped; withdrawn, it expires after the retention period', async () => {
    const phone = '+12025550911' as E164;
    await text(phone, 'I want to know when the man who assaulted me gets out', '1', CASE, '1', '1');
    const [registration] = await env.registrations.byPhone(phone);
    expect(registration).toMatchObject({ status: 'active', channels: ['sms'] });
    await text(phone, 'STOP');
    expect(await texterItem(phone)).toMatchObject({ texter: { optedOut: true } });
    expect((await texterItem(phone))?.expiresAt, 'an opt-out a registration can still need has no expiry').toBeUndefined();

    // Long past the opt-out's own period, a custody event: the opt-out is still there, the notice skipped.
    time.advance((days + 5) * DAY_MS);
    await expire();
    expect(await texterItem(phone)).toMatchObject({ texter: { optedOut: true } });
    const afterStop = await notify('opt-out-event-1');
    expect(afterStop.texted).toEqual([]);
    expect(afterStop.counts).toMatchObject({ sent: 0, skipped: 1 });

    // Withdrawn: nothing can text the number now, so the opt-out's period runs from here.
    time.advance(DAY_MS);
    await withdrawOnBehalf(carmen, CASE, registration!.id, { ...env, intakes: env.store, clock: time.clock });
    expect((await texterItem(phone))?.expiresAt).toBe(expiryIn(days));
    time.advance((days + 1) * DAY_MS);
    await expire();
    expect(await texterItem(phone)).toBeUndefined();
  });

  it('an opt-out with only an e-mail registration of the number expires after the retention period, as one with none', async () => {
    const phone = '+12025550912' as E164;
    // As a texter who chose e-mail notices is registered: the number kept (to withdraw by text), e-mail the only channel.
    await env.registrations.create({ sourceKey: 'opt-out-email', caseNumber: CASE, language: 'en', channels: ['email'], phone, email: 'sister@example.org', source: 'sms', createdBy: 'texter', active: true });
    await text(phone, 'hello', 'STOP');
    expect(await texterItem(phone)).toMatchObject({ texter: { optedOut: true }, expiresAt: expiryIn(days) });
  });

  it('a registration for texts that comes to stand after the opt-out (made active, or confirmed) takes the opt-out\'s expiry off', async () => {
    const [made, confirmed] = ['+12025550914', '+12025550915'] as E164[];
    await text(made!, 'STOP');
    await text(confirmed!, 'STOP');
    const pending = await env.registrations.create({ sourceKey: 'opt-out-confirmed', caseNumber: CASE, language: 'es', channels: ['sms'], phone: confirmed, source: 'console', createdBy: 'carmen', active: false });
    expect((await texterItem(confirmed!))?.expiresAt, 'a pending registration does not keep it').toBe(expiryIn(days));
    await env.registrations.create({ sourceKey: 'opt-out-made', caseNumber: CASE, language: 'en', channels: ['sms'], phone: made, source: 'sms', createdBy: 'texter', active: true });
    await env.registrations.activate(CASE, pending.registration.id);
    for (const phone of [made!, confirmed!]) expect((await texterItem(phone))?.expiresAt, phone).toBeUndefined();
  });

  it('the registration withdrawn between the opt-out\'s look at the registrations and its write: the opt-out still ends with its expiry', async () => {
    const phone = '+12025550913' as E164;
    await text(phone, 'hello');
    const { registration } = await env.registrations.create({ sourceKey: 'opt-out-race', caseNumber: CASE, language: 'en', channels: ['sms'], phone, source: 'sms', createdBy: 'texter', active: true });
    // The worst moment, made certain: staff withdraw it right after the STOP's save saw it standing.
    const { client, raced } = interleavingClient(
      env.dynamo.client,
      // The save's look ends by reading the registration itself.
      (command) => command instanceof GetCommand && String(command.input.Key?.sk).startsWith('REG#'),
      () => env.registrations.withdraw(CASE, registration.id, 'carmen'),
    );
    const texters = new DynamoTexterStore({ client, tableName: env.dynamo.tableName, vault: env.vault, clock: time.clock, retentionDays: TEST_RETENTION_DAYS.texter, optedOutRetentionDays: days });
    time.advance(20_000);
    await handleInboundText({ from: phone, body: 'STOP', messageId: 'opt-out-race-stop' }, { ...deps, texters });
    expect(raced()).toBe(true);
    expect(await texterItem(phone)).toMatchObject({ texter: { optedOut: true }, expiresAt: expiryIn(days) });
  });

  it('one registration withdrawn while another of the number comes to stand: the opt-out keeps no expiry', async () => {
    const phone = '+12025550916' as E164;
    await text(phone, 'STOP');
    const hash = await env.texters.keyOf(phone);
    const base = { language: 'en' as const, channels: ['sms' as const], phone, source: 'console' as const, createdBy: 'carmen' };
    const first = await env.registrations.create({ ...base, sourceKey: 'opt-out-withdrawn', caseNumber: CASE, active: true });
    const second = await env.registrations.create({ ...base, sourceKey: 'opt-out-activated', caseNumber: CaseNumberSchema.parse('20261125'), active: false });
    expect((await texterItem(phone))?.expiresAt, 'the first registration keeps it').toBeUndefined();
    // The withdrawal's settle looks at the number's registrations before the second is active; the
    // second's activation settles (nothing to change: no expiry yet) before the withdrawal writes.
    const { client, raced } = interleavingClient(
      env.dynamo.client,
      (command) => command instanceof QueryCommand && command.input.ExpressionAttributeValues?.[':pk'] === keys.registrantPartition(hash),
      () => env.registrations.activate(second.registration.caseNumber, second.registration.id),
    );
    const registrations = new DynamoRegistrationStore({ client, tableName: env.dynamo.tableName, vault: env.vault, clock: time.clock, retentionDays: days, optedOutRetentionDays: days });
    time.advance(DAY_MS);
    await registrations.withdraw(CASE, first.registration.id, 'carmen');
    expect(raced()).toBe(true);
    expect((await env.registrations.byPhone(phone)).map((found) => found.status).sort()).toEqual(['active', 'withdrawn']);
    expect(await texterItem(phone), 'the second registration can text the number: its opt-out must not expire').toMatchObject({ texter: { optedOut: true } });
    expect((await texterItem(phone))?.expiresAt).toBeUndefined();
  });
});
