import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFanOutHandler } from '../../functions/notice-fanout/create-handler';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { observability } from '../../shared/adapters/lambda/observability';
import type { LocalTask } from '../../shared/adapters/local/task-router';
import { LocalWorkQueue } from '../../shared/adapters/local/work-queue';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startServices, type LocalServices } from '../../local/services';
import { lambdaContext } from '../../local/lambda-context';
import { manualClock } from '../support/store';

const time = manualClock('2026-11-23T15:00:00.000Z');
let services: LocalServices;
beforeAll(async () => {
  services = await startServices({ clock: time.clock });
});
afterAll(() => services.stop());

const tasksFor = async (id: string) => (await services.outbox.list<LocalTask>('task')).filter((task) => task.intakeId === id);

describe('every text a person sends reaches staff', () => {
  it('a text sent at the confirm step, instead of 1 or 2, is in the intake staff read', async () => {
    const from = '+12025556001';
    const first = await services.text(from, 'My husband was detained by immigration last week and we cannot find where he is held');
    expect(first.step).toBe('confirm');
    const more = await services.text(from, 'He hit me and I have a protective order, case 7001234');
    expect(more.step).toBe('confirm');
    const confirmed = await services.text(from, '1');
    const intake = await services.store.get(confirmed.referenceNumber!);
    expect(intake?.summary).toContain('He hit me and I have a protective order, case 7001234');
  });

  it('a follow-up on a resolved intake reopens it to its queue with a new Connect task', async () => {
    const from = '+12025556002';
    await services.text(from, 'I want to report a man who is smuggling people across the border near my town');
    await services.text(from, '2'); // not anonymous
    const confirmed = await services.text(from, '1');
    const id = confirmed.referenceNumber!;
    await services.routeDue();
    expect(await tasksFor(id)).toHaveLength(1);

    // Staff claim and resolve it.
    let intake = (await services.store.get(id))!;
    intake = await services.store.updateStatus(id, { to: 'in_progress', expectedVersion: intake.version, actor: 'ana', role: 'staff' });
    intake = await services.store.updateStatus(id, { to: 'resolved', expectedVersion: intake.version, actor: 'ana', role: 'staff' });
    expect(intake.status).toBe('resolved');

    time.advance(60_000);
    const followUp = await services.text(from, 'por favor llámenme urgente');
    expect(followUp.referenceNumber).toBe(id);
    const reopened = (await services.store.get(id))!;
    expect(reopened.status).toBe('new');
    expect(reopened.claimedBy).toBeUndefined();
    const queue = await services.store.listQueue({ queueKey: reopened.queueKey, status: 'new' });
    expect(queue.items.map((item) => item.id)).toContain(id);
    expect((await services.store.timeline(id)).some((event) => event.type === 'message_in' && event.text === 'por favor llámenme urgente')).toBe(true);

    await services.routeDue();
    const tasks = await tasksFor(id);
    expect(tasks).toHaveLength(2);
    expect(new Set(tasks.map((task) => task.taskId)).size).toBe(2);
    expect((await services.store.get(id))!.routing.state).toBe('routed');
  });

  it('a text longer than 1,600 characters is taken in and answered, not refused', async () => {
    const from = '+12025556003';
    const long = `My brother was detained at the border and nobody tells us anything. ${'We have called every office and nobody answers. '.repeat(40)}`;
    expect(long.length).toBeGreaterThan(1600);
    const result = await services.text(from, long);
    expect(result.duplicate).toBe(false);
    expect(result.replies.length).toBeGreaterThan(0);
  });

  it('a text from a short code is kept (sealed), not thrown to the dead-letter queue', async () => {
    const result = await services.text('72345', 'Your carrier message', 'short-code-1');
    expect(result).toMatchObject({ refused: 'not_a_phone_number', replies: [] });
    const { Item } = await services.dynamo.client.send(new GetCommand({ TableName: services.dynamo.tableName, Key: keys.heldText('short-code-1') }));
    expect(Item?.refused).toBe('not a phone number');
    expect(JSON.stringify(Item)).not.toContain('72345');
    expect(JSON.stringify(Item)).not.toContain('Your carrier message');
  });
});

describe('a stream record that cannot be unmarshalled', () => {
  it('fails alone: the other records of its batch are worked on', async () => {
    const { logger, metrics } = observability({ logLevel: 'SILENT' });
    const fanOut = createFanOutHandler({
      logger,
      metrics,
      clock: time.clock,
      registrations: services.registrations,
      events: services.events,
      fanOut: new LocalWorkQueue(),
      notices: new LocalWorkQueue(),
    });
    const good = { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: { itemType: { S: 'texter' }, pk: { S: 'TEXTER#x' } } } };
    const broken = { eventName: 'INSERT', dynamodb: { SequenceNumber: '2', NewImage: { itemType: { Q: 'not a type' } } } };
    expect(await fanOut({ Records: [good, broken, { ...good, dynamodb: { ...good.dynamodb, SequenceNumber: '3' } }] }, lambdaContext('notice-fanout'))).toEqual({
      batchItemFailures: [{ itemIdentifier: '2' }],
    });
  });
});
