import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoIntakeStore } from '../../../shared/adapters/dynamodb/intake-store';
import { keys } from '../../../shared/adapters/dynamodb/keys';
import { interleavingClient } from '../../support/interleaving';
import { TEST_RETENTION_DAYS, manualClock, storeOnDynalite } from '../../support/store';

/**
 * An intake's timeline events carry its expiry (none while it is open), written after the intake
 * by whoever changed it: staff closing it, sms-intake reopening it for a follow-up or appending a
 * text. These run at once, and an open intake's events must never keep a closed intake's expiry
 * (DynamoDB's TTL would delete them from under staff), nor a closed one's lack it.
 */
const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

/** An intake store whose client runs `between` once, right after the first command `when` matches. */
function storeThatInterleaves(when: (command: unknown) => boolean, between: () => Promise<unknown>) {
  const { client } = interleavingClient(env.dynamo.client, when, between);
  return new DynamoIntakeStore({ client, tableName: env.dynamo.tableName, vault: env.vault, sourceKeys: env.sourceKeys, clock: time.clock, retentionDays: TEST_RETENTION_DAYS.intake, auditRetentionDays: TEST_RETENTION_DAYS.audit });
}

async function expiries(id: string) {
  const { Item } = await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: keys.intake(id), ConsistentRead: true }));
  const { Items = [] } = await env.dynamo.client.send(
    new QueryCommand({
      TableName: env.dynamo.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': keys.intake(id).pk, ':events': keys.intakeEventPrefix },
      ConsistentRead: true,
    }),
  );
  return { intake: Item?.expiresAt as number | undefined, events: Items.map((event) => event.expiresAt as number | undefined) };
}

async function openTextedIntake(sourceKey: string) {
  const { intake } = await env.store.create({ sourceKey, category: 'victim', language: 'en', channel: 'sms', phone: '+12025550161' });
  await env.store.appendEvent(intake.id, { type: 'message_in', text: 'hello' }, 'texter', { cause: `sms:${sourceKey}`, at: time.clock().toISOString() });
  return env.store.updateStatus(intake.id, { to: 'in_progress', expectedVersion: intake.version, actor: 'ana', role: 'staff' });
}

const isTimelineQuery = (command: unknown) => command instanceof QueryCommand && command.input.ExpressionAttributeValues?.[':events'] === keys.intakeEventPrefix;
const isExpiryRead = (command: unknown) => command instanceof GetCommand && command.input.ProjectionExpression === 'pk, expiresAt';

describe("an intake's timeline keeps the intake's expiry, whoever changes it at once", () => {
  it('a follow-up reopening the intake while staff close it: the events keep no expiry', async () => {
    const open = await openTextedIntake('close-vs-reopen');
    time.advance(1000);
    // Staff's close has written the intake and read its timeline; the follow-up reopens it in full.
    const staff = storeThatInterleaves(isTimelineQuery, () => env.store.reopenForFollowUp(open.id, 'texter'));
    await staff.updateStatus(open.id, { to: 'resolved', expectedVersion: open.version, actor: 'ana', role: 'staff' });

    const { intake, events } = await expiries(open.id);
    expect((await env.store.get(open.id))?.status).toBe('new');
    expect(intake).toBeUndefined();
    expect(events).toEqual([undefined]);
  });

  it('two texts of a burst to a closed intake, the second reopening it first: the events keep no expiry', async () => {
    const open = await openTextedIntake('burst');
    await env.store.updateStatus(open.id, { to: 'resolved', expectedVersion: open.version, actor: 'ana', role: 'staff' });
    time.advance(1000);
    // The first text's event is written and its intake read closed; the second text is taken in and reopens the intake.
    const first = storeThatInterleaves(isExpiryRead, async () => {
      await env.store.appendEvent(open.id, { type: 'message_in', text: 'second' }, 'texter', { cause: 'sms:burst-2', at: time.clock().toISOString() });
      await env.store.reopenForFollowUp(open.id, 'texter');
    });
    await first.appendEvent(open.id, { type: 'message_in', text: 'first' }, 'texter', { cause: 'sms:burst-1', at: time.clock().toISOString() });

    const { intake, events } = await expiries(open.id);
    expect(intake).toBeUndefined();
    expect(events).toEqual([undefined, undefined, undefined]);
  });

  it('a text to a closed intake that stays closed: its event takes the intake expiry', async () => {
    const open = await openTextedIntake('stays-closed');
    await env.store.updateStatus(open.id, { to: 'resolved', expectedVersion: open.version, actor: 'ana', role: 'staff' });
    await env.store.appendEvent(open.id, { type: 'message_in', text: 'thanks' }, 'texter', { cause: 'sms:stays-closed-2', at: time.clock().toISOString() });

    const { intake, events } = await expiries(open.id);
    expect(intake).toEqual(expect.any(Number));
    expect(events).toEqual([intake, intake]);
  });
});
