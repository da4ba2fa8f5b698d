import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../../shared/adapters/dynamodb/keys';
import { InvalidInputError, StaleVersionError } from '../../../shared/domain/errors';
import { referenceNumberFor } from '../../../shared/domain/reference-number';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;

beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(async () => {
  await env.dynamo.stop();
});

async function countItems(): Promise<number> {
  // Intakes and what belongs to them: a queue's daily counters (METRICS#) are one item per day, however many intakes.
  const { Count } = await env.dynamo.client.send(
    new ScanCommand({ TableName: env.dynamo.tableName, Select: 'COUNT', FilterExpression: 'NOT begins_with(pk, :metrics)', ExpressionAttributeValues: { ':metrics': 'METRICS#' } }),
  );
  return Count ?? 0;
}

describe('the intake store on DynamoDB (dynalite)', () => {
  it('creates an intake and reads it back by its reference number', async () => {
    const { intake, created } = await env.store.create({
      sourceKey: 'contact-create',
      category: 'detainee',
      language: 'es',
      channel: 'voice',
      phone: '(202) 555-0143',
      summary: 'Mi hermano fue detenido ayer',
    });
    expect(created).toBe(true);
    expect(intake.id).toBe(referenceNumberFor(await env.sourceKeys.derive('contact-create')));
    expect(intake.sourceKey).not.toContain('contact-create');
    expect(await env.store.get(intake.id)).toEqual(intake);
    expect(intake.contact).toEqual({ phoneLast4: '0143' });
  });

  it('keeps the phone number sealed, with a fingerprint for lookups, and reveals it on request', async () => {
    const { intake } = await env.store.create({
      sourceKey: 'contact-pii',
      category: 'victim',
      language: 'en',
      channel: 'voice',
      phone: '+1 202 555 0199',
    });
    const { Item } = await env.dynamo.client.send(
      new GetCommand({ TableName: env.dynamo.tableName, Key: keys.intake(intake.id) }),
    );
    expect(JSON.stringify(Item)).not.toContain('2025550199');
    expect(Item?.phoneHash).toBe(await env.vault.fingerprint('+12025550199'));
    expect(await env.store.revealPhone(intake.id)).toBe('+12025550199');
  });

  it('refuses to reveal a sealed number moved from another intake', async () => {
    const create = (sourceKey: string, phone: string) => env.store.create({ sourceKey, category: 'victim', language: 'en', channel: 'voice', phone });
    const { intake: first } = await create('contact-swap-1', '+12025550111');
    const { intake: second } = await create('contact-swap-2', '+12025550122');
    const read = async (id: string) => (await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: keys.intake(id) }))).Item!;
    // Someone who can write the table copies the first intake's sealed number onto the second.
    await env.dynamo.client.send(new PutCommand({ TableName: env.dynamo.tableName, Item: { ...(await read(second.id)), phoneCipher: (await read(first.id)).phoneCipher } }));
    await expect(env.store.revealPhone(second.id)).rejects.toThrow();
    expect(await env.store.revealPhone(first.id)).toBe('+12025550111');
  });

  it('creates one intake when the same source key arrives 10 times at once', async () => {
    const before = await countItems();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        env.store.create({ sourceKey: 'sms-dup', category: 'tip', language: 'en', channel: 'sms', anonymous: true }),
      ),
    );
    expect(new Set(results.map((result) => result.intake.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await countItems()).toBe(before + 1);
  });

  it('moves to the next reference number when another source key holds the first one', async () => {
    const taken = referenceNumberFor(await env.sourceKeys.derive('collides'));
    await env.dynamo.client.send(
      new PutCommand({ TableName: env.dynamo.tableName, Item: { ...keys.intake(taken), sourceKey: 'someone-else' } }),
    );
    const { intake, created } = await env.store.create({
      sourceKey: 'collides',
      category: 'tip',
      language: 'es',
      channel: 'sms',
    });
    expect(created).toBe(true);
    expect(intake.id).toBe(referenceNumberFor(await env.sourceKeys.derive('collides'), 1));
    // and a redelivery still finds it
    expect((await env.store.create({ sourceKey: 'collides', category: 'tip', language: 'es', channel: 'sms' })).intake.id).toBe(
      intake.id,
    );
  });

  it.each([
    [{ category: 'unknown' }, 'category'],
    [{ language: 'fr' }, 'language'],
    [{ phone: '12345' }, 'phone'],
  ])('refuses %j naming the field, and writes nothing', async (override, field) => {
    const before = await countItems();
    const attempt = env.store.create({
      sourceKey: `bad-${field}`,
      category: 'victim',
      language: 'en',
      channel: 'voice',
      ...override,
    } as never);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toThrow(`${field}:`);
    expect(await countItems()).toBe(before);
  });

  it('lists a queue oldest first, a page at a time, without repeating or skipping', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      time.advance(60_000);
      const { intake } = await env.store.create({ sourceKey: `list-${i}`, category: 'victim', language: 'es', channel: 'sms' });
      ids.push(intake.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await env.store.listQueue({ queueKey: 'victim-es', status: 'new', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect((await env.store.listQueue({ queueKey: 'victim-es', status: 'in_progress' })).items).toEqual([]);
  });

  it('refuses a cursor from another list and a bad page size', async () => {
    const page = await env.store.listQueue({ queueKey: 'victim-es', status: 'new', limit: 1 });
    expect(page.cursor).toBeDefined();
    await expect(env.store.listQueue({ queueKey: 'tip-en', status: 'new', cursor: page.cursor! })).rejects.toThrow(
      'cursor: not a cursor for this list',
    );
    await expect(env.store.listQueue({ queueKey: 'tip-en', status: 'new', cursor: 'garbage' })).rejects.toThrow('cursor');
    await expect(env.store.listQueue({ queueKey: 'tip-en', status: 'new', limit: 1000 })).rejects.toThrow('limit');
  });

  it('changes status with optimistic concurrency and records it on the timeline', async () => {
    const { intake } = await env.store.create({ sourceKey: 'status-1', category: 'tip', language: 'en', channel: 'console' });
    time.advance(1000);
    const claimed = await env.store.updateStatus(intake.id, { to: 'in_progress', expectedVersion: 1, actor: 'ana', role: 'staff' });
    expect(claimed).toMatchObject({ status: 'in_progress', version: 2, claimedBy: 'ana' });

    // Someone still holding version 1 is refused, and nothing changes.
    await expect(
      env.store.updateStatus(intake.id, { to: 'resolved', expectedVersion: 1, actor: 'bo', role: 'staff' }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect((await env.store.get(intake.id))?.status).toBe('in_progress');

    // The queue listing follows the status.
    const inProgress = await env.store.listQueue({ queueKey: 'tip-en', status: 'in_progress' });
    expect(inProgress.items.map((item) => item.id)).toContain(intake.id);

    time.advance(1000);
    await env.store.appendEvent(intake.id, { type: 'note', text: 'Called back, no answer' }, 'ana');
    time.advance(1000);
    const resolved = await env.store.updateStatus(intake.id, { to: 'resolved', expectedVersion: 2, actor: 'ana', role: 'staff' });
    expect(resolved.closedAt).toBeDefined();

    const timeline = await env.store.timeline(intake.id);
    expect(timeline.map((event) => event.type)).toEqual(['status_changed', 'note', 'status_changed']);
    expect(timeline[0]).toMatchObject({ from: 'new', to: 'in_progress', actor: 'ana' });
    expect(timeline[2]).toMatchObject({ from: 'in_progress', to: 'resolved' });

    // Closed intakes carry their retention deadline for DynamoDB's TTL.
    const { Item } = await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: keys.intake(intake.id) }));
    expect(Item?.expiresAt).toBe(Math.floor(Date.parse(resolved.closedAt!) / 1000) + 30 * 86_400);
  });

  it('refuses two concurrent changes from the same version: exactly one wins', async () => {
    const { intake } = await env.store.create({ sourceKey: 'race', category: 'tip', language: 'en', channel: 'console' });
    const results = await Promise.allSettled(
      ['ana', 'bo', 'cy'].map((actor) => env.store.updateStatus(intake.id, { to: 'in_progress', expectedVersion: 1, actor, role: 'staff' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(StaleVersionError);
    }
  });

  it('refuses a transition the rules forbid, and an unknown or malformed id', async () => {
    const { intake } = await env.store.create({ sourceKey: 'forbid', category: 'tip', language: 'en', channel: 'console' });
    await expect(
      env.store.updateStatus(intake.id, { to: 'resolved', expectedVersion: 1, actor: 'ana', role: 'staff' }),
    ).rejects.toThrow(expect.objectContaining({ refusalCode: 'status.cannotMove', facts: { from: 'new', to: 'resolved', allowed: ['in_progress'] } }));
    expect(await env.store.get('1234567890')).toBeUndefined();
    expect(await env.store.get('not-an-id')).toBeUndefined();
  });
});

describe('routing state in the store', () => {
  it('lists unrouted intakes when they are due, and forgets them once routed', async () => {
    const { intake } = await env.store.create({ sourceKey: 'route-1', category: 'victim', language: 'en', channel: 'sms' });
    const due = () => env.store.listDueForRouting(time.clock(), 100).then((items) => items.map((item) => item.id));
    expect(await due()).toContain(intake.id);

    await env.store.recordRoutingFailure(intake.id, 'ThrottlingException: Rate exceeded', new Date(time.clock().getTime() + 60_000));
    expect(await due()).not.toContain(intake.id);
    expect(await env.store.get(intake.id)).toMatchObject({ routing: { state: 'unrouted', attempts: 1, lastError: 'ThrottlingException: Rate exceeded' } });
    time.advance(61_000);
    expect(await due()).toContain(intake.id);

    expect(await env.store.markRouted(intake, 'task-1')).toMatchObject({ routing: { state: 'routed', via: 'task', taskId: 'task-1' } });
    expect(await due()).not.toContain(intake.id);
    // A second router that raced the first changes nothing.
    expect(await env.store.markRouted(intake, 'task-2')).toBeUndefined();
    // One that got the same task (Connect's client token) finds it recorded: not a stray to end.
    expect(await env.store.markRouted(intake, 'task-1')).toMatchObject({ routing: { state: 'routed', taskId: 'task-1' } });
    expect(await env.store.get(intake.id)).toMatchObject({ routing: { taskId: 'task-1' } });
    expect((await env.store.timeline(intake.id)).map((event) => event.type)).toEqual(['routing_failed', 'routed']);
  });

  it('does not mark routed an intake reopened or moved after the router read it: it stays pending for its new task', async () => {
    const due = () => env.store.listDueForRouting(time.clock(), 100).then((items) => items.map((item) => item.id));
    const { intake } = await env.store.create({ sourceKey: 'route-reopen', category: 'victim', language: 'en', channel: 'sms' });
    // Closed while still waiting for its task, then a follow-up reopens it while the router starts the first one.
    await env.store.updateStatus(intake.id, { to: 'in_progress', expectedVersion: 1, actor: 'ana', role: 'staff' });
    const seen = await env.store.updateStatus(intake.id, { to: 'resolved', expectedVersion: 2, actor: 'ana', role: 'staff' });
    time.advance(1000);
    const reopened = (await env.store.reopenForFollowUp(intake.id, 'system'))!;
    expect(await env.store.markRouted(seen, 'task-before-reopen')).toBeUndefined();
    expect(await env.store.get(intake.id)).toMatchObject({ status: 'new', routing: { state: 'unrouted', reopenedAt: reopened.updatedAt } });
    expect(await due()).toContain(intake.id);

    // Moved to another queue after the router read the reopened intake: the same.
    time.advance(1000);
    await env.store.transfer(intake.id, { to: 'detainee-en', reason: 'misrouted', expectedVersion: reopened.version, actor: 'ana' });
    expect(await env.store.markRouted(reopened, 'task-in-victim-en')).toBeUndefined();
    expect(await env.store.get(intake.id)).toMatchObject({ queueKey: 'detainee-en', routing: { state: 'unrouted' } });
    expect(await due()).toContain(intake.id);

    // As read now, it is routed.
    const current = (await env.store.get(intake.id))!;
    expect(await env.store.markRouted(current, 'task-in-detainee-en')).toMatchObject({ queueKey: 'detainee-en', routing: { state: 'routed', taskId: 'task-in-detainee-en' } });
    expect(await due()).not.toContain(intake.id);
  });

  it('never lists intakes that a call already routed', async () => {
    const { intake } = await env.store.create({ sourceKey: 'route-2', category: 'victim', language: 'en', channel: 'voice' });
    expect((await env.store.listDueForRouting(time.clock(), 100)).map((item) => item.id)).not.toContain(intake.id);
  });

  it('keeps the routing of an intake when its status changes', async () => {
    const { intake } = await env.store.create({ sourceKey: 'route-3', category: 'tip', language: 'es', channel: 'sms' });
    await env.store.markRouted(intake, 'task-3');
    const claimed = await env.store.updateStatus(intake.id, { to: 'in_progress', expectedVersion: 1, actor: 'ana', role: 'staff' });
    expect(claimed.routing).toMatchObject({ state: 'routed', taskId: 'task-3' });
    expect(await env.store.get(intake.id)).toMatchObject({ status: 'in_progress', routing: { state: 'routed', taskId: 'task-3' } });
  });
});
