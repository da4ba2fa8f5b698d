import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../shared/adapters/dynamodb/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTexterStore } from '../../../shared/adapters/dynamodb/texter-store';
import type { E164 } from '../../../shared/domain/phone';
import { newTexter } from '../../../shared/domain/sms/conversation';
import type { OutgoingText } from '../../../shared/ports/texter-store';
import { sendTexts } from '../../../shared/use-cases/send-texts';
import { interleavingClient } from '../../support/interleaving';
import { TEST_RETENTION_DAYS, manualClock, storeOnDynalite } from '../../support/store';

/**
 * The outbox has three writers that do not wait for each other: sms-intake and call-intake saving
 * a texter with its replies, the staff API queueing a staff reply, and sms-sender taking sent texts
 * off. A text queued while sms-sender takes others off must stay queued, and stay due.
 */
const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

const text = (id: string): OutgoingText => ({ id, text: `text ${id}`, at: time.clock().toISOString() });

/** A texter store whose client runs `between` once, right after the first read of `key`. */
function storeThatInterleaves(between: () => Promise<unknown>) {
  const { client } = interleavingClient(env.dynamo.client, (command) => command instanceof GetCommand, between);
  return new DynamoTexterStore({ client, tableName: env.dynamo.tableName, clock: time.clock, vault: env.vault, retentionDays: TEST_RETENTION_DAYS.texter, optedOutRetentionDays: TEST_RETENTION_DAYS.intake });
}

async function texterWith(phone: E164, queued: OutgoingText[]): Promise<string> {
  await env.texters.save(phone, newTexter(time.clock()), undefined, queued);
  return env.texters.keyOf(phone);
}

describe('the texters outbox, written by several functions at once', () => {
  it('keeps a staff reply queued while sms-sender takes the texts it sent off', async () => {
    const phone = '+12025550181' as E164;
    const key = await texterWith(phone, [text('reply-1')]);
    // sms-sender read the outbox and sent reply-1; a staff reply is queued before it writes.
    const sender = storeThatInterleaves(() => env.texters.queueText(phone, text('staff-1')));
    await sender.markSent(key, ['reply-1']);

    const pending = await env.texters.pendingTexts(key);
    expect(pending?.texts.map((queued) => queued.id)).toEqual(['staff-1']);
    expect(await env.texters.listDueTexts(time.clock(), 10)).toContain(key);
  });

  it('keeps a reply saved with the texter while sms-sender takes the texts it sent off', async () => {
    const phone = '+12025550182' as E164;
    const key = await texterWith(phone, [text('reply-1')]);
    const loaded = (await env.texters.load(phone))!;
    const sender = storeThatInterleaves(() => env.texters.save(phone, loaded.texter, loaded.version, [text('reply-2')]));
    await sender.markSent(key, ['reply-1']);

    expect((await env.texters.pendingTexts(key))?.texts.map((queued) => queued.id)).toEqual(['reply-2']);
    expect(await env.texters.listDueTexts(time.clock(), 10)).toContain(key);
  });

  it('takes off only the texts sent, when two senders take texts off the same texter', async () => {
    const phone = '+12025550183' as E164;
    const key = await texterWith(phone, [text('a'), text('b'), text('c')]);
    const first = storeThatInterleaves(() => env.texters.markSent(key, ['b']));
    await first.markSent(key, ['a']);

    expect((await env.texters.pendingTexts(key))?.texts.map((queued) => queued.id)).toEqual(['c']);
  });

  it('keeps a reply saved while sms-sender fails to send due at once, not at the failed text\'s back-off', async () => {
    const phone = '+12025550185' as E164;
    const key = await texterWith(phone, [text('reply-1')]);
    const failing = { send: async () => Promise.reject(new Error('throttled')) };
    // An earlier failure: reply-1 is due again in a minute.
    await sendTexts(key, { texters: env.texters, sender: failing, clock: time.clock });
    expect((await env.texters.pendingTexts(key))?.dueAt).toBe(new Date(time.clock().getTime() + 60_000).toISOString());
    time.advance(60_000);
    // sms-sender read the outbox and fails again; sms-intake saves a new reply before it records the failure.
    const sender = storeThatInterleaves(async () => {
      const loaded = (await env.texters.load(phone))!;
      await env.texters.save(phone, loaded.texter, loaded.version, [text('reply-2')]);
    });
    await sendTexts(key, { texters: sender, sender: failing, clock: time.clock });

    const pending = await env.texters.pendingTexts(key);
    expect(pending?.texts.map((queued) => queued.id)).toEqual(['reply-1', 'reply-2']);
    expect(pending?.dueAt).toBe(time.clock().toISOString());
    expect(pending?.attempts).toBe(2);
    expect(await env.texters.listDueTexts(time.clock(), 10)).toContain(key);
  });

  it('leaves a texter with nothing queued off the due list', async () => {
    const phone = '+12025550184' as E164;
    const key = await texterWith(phone, [text('only')]);
    await env.texters.markSent(key, ['only']);

    expect(await env.texters.pendingTexts(key)).toBeUndefined();
    expect(await env.texters.listDueTexts(time.clock(), 10)).not.toContain(key);
  });

  it('writes nothing for a texter deleted (its retention ended) while sms-sender took its texts off', async () => {
    const phone = '+12025550186' as E164;
    const key = await texterWith(phone, []);
    const sender = storeThatInterleaves(() => env.dynamo.client.send(new DeleteCommand({ TableName: env.dynamo.tableName, Key: keys.texter(key) })));
    await sender.markSent(key, ['sent-before']);

    const { Item } = await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: keys.texter(key), ConsistentRead: true }));
    expect(Item).toBeUndefined();
  });

});
