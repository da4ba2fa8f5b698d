import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { IntakeSchema, type Intake } from '../../../domain/intake';
import type { IntakeStatus } from '../../../domain/status';
import { expiryAfter } from '../../../domain/retention';
import type { TimelineEntry } from '../../../domain/timeline';
import type { ChangeAudit } from '../../../ports/audit-log';
import type { IntakeStore } from '../../../ports/intake-store';
import type { OneWayKey } from '../../../ports/one-way-key';
import { isConditionalCheckFailed, queryAll, type SealedTableAccess, type StoreOperation } from '../client';
import { keys } from '../keys';
import { TABLE_SCHEMA } from '../table-schema';

/**
 * What the intakes' operations share: the stored item, its keys and its expiry. The intake store
 * is a set of functions, one module per use (create, timeline, reopen, routing, call wait), each
 * taking these options, so that a function bundles only the operations it calls (issue 18);
 * DynamoIntakeStore (../intake-store.ts) is all of them as one IntakeStore.
 */
export interface DynamoIntakeStoreOptions extends SealedTableAccess {
  /**
   * Derives the stored source key (and with it the reference number) and the ids of idempotent
   * timeline events from the ContactId or message id given, one way: nothing stored names them.
   */
  sourceKeys: OneWayKey;
  /**
   * Days a resolved or referred intake is kept before DynamoDB's TTL deletes it. Its timeline
   * events expire with it: every item of an intake's partition carries the intake's `expiresAt`
   * (none while it is open), and a reopened intake takes it off them all again.
   */
  retentionDays: number;
  /** Days the audit page's copies of change audit events are kept (as the audit log's own: 7 years by default). */
  auditRetentionDays: number;
}

/** An operation of the IntakeStore as a function of the store's options. */
export type IntakeOperation<K extends keyof IntakeStore> = StoreOperation<IntakeStore, DynamoIntakeStoreOptions, K>;

/** How many reference numbers to try when a new one collides with an existing intake. */
export const MAX_REFERENCE_ATTEMPTS = 8;

/** The stored form of an intake: the intake, its keys, and its sealed phone number. */
export interface IntakeItem extends Intake {
  pk: string;
  sk: string;
  byQueuePk: string;
  byQueueSk: string;
  pendingPk?: string;
  pendingSk?: string;
  phoneCipher?: string;
  phoneHash?: string;
  byContactPk?: string;
  byContactSk?: string;
  expiresAt?: number;
  /** The entry that opened its timeline (a call's path): see IntakeStore.create. */
  opening?: { entry: TimelineEntry; actor: string };
}

export const pending = TABLE_SCHEMA.indexes.pending;

export async function getItem(options: DynamoIntakeStoreOptions, id: string): Promise<IntakeItem | undefined> {
  const { Item } = await options.client.send(new GetCommand({ TableName: options.tableName, Key: keys.intake(id), ConsistentRead: true }));
  return Item as IntakeItem | undefined;
}

export function toItem(options: DynamoIntakeStoreOptions, intake: Intake): IntakeItem {
  return {
    ...intake,
    ...keys.intake(intake.id),
    byQueuePk: keys.queuePartition(intake.queueKey, intake.status),
    byQueueSk: keys.queueSort(intake.createdAt, intake.id),
    ...(intake.routing.state === 'unrouted'
      ? { pendingPk: keys.pending.routing, pendingSk: keys.pending.sort(intake.routing.notBefore ?? intake.createdAt, intake.id) }
      : {}),
    ...(intake.closedAt ? { expiresAt: expiryAfter(intake.closedAt, options.retentionDays) } : {}),
  };
}

/** The intake in an item; zod drops the keys and the sealed phone number. */
export function toIntake(item: IntakeItem): Intake {
  return IntakeSchema.parse(item);
}

export function existingItem(error: unknown): IntakeItem | undefined {
  const item = (error as { Item?: Parameters<typeof unmarshall>[0] }).Item;
  return item ? (unmarshall(item) as IntakeItem) : undefined;
}

/**
 * The fields of an intake put back in a queue as new and unclaimed, due a Connect task there
 * (a move to another queue, a reopening): its status, its queue and pending index keys, its routing.
 */
export function backInQueue(options: DynamoIntakeStoreOptions, next: Intake) {
  const item = toItem(options, next);
  return {
    status: next.status,
    version: next.version,
    updatedAt: next.updatedAt,
    routing: next.routing,
    byQueuePk: item.byQueuePk,
    [pending.partitionKey]: item.pendingPk,
    [pending.sortKey]: item.pendingSk,
    claimedBy: undefined,
  };
}

/**
 * Gives a new timeline event the expiry of its intake. Read after the event is written: a close
 * that stamped the timeline before this event was there is seen here, so no event outlives its
 * intake. An event whose intake is gone expires the retention period from now.
 */
export async function expireWithIntake(options: DynamoIntakeStoreOptions, id: string, eventId: string): Promise<void> {
  const key = keys.intakeEvent(id, eventId);
  const intake = await intakeExpiry(options, id);
  if (!intake) return setExpiry(options, key, expiryAfter(options.clock(), options.retentionDays));
  // Written with none: only an event of a closed intake takes one.
  if (intake.expiresAt !== undefined) await untilIntakeAgrees(options, id, intake.expiresAt, (expiresAt) => setExpiry(options, key, expiresAt));
}

/** Every timeline event of the intake takes its expiry (none: kept while the intake is open). */
export async function stampTimeline(options: DynamoIntakeStoreOptions, id: string, expiresAt: number | undefined): Promise<void> {
  await untilIntakeAgrees(options, id, expiresAt, (expiry) => stampEvents(options, id, expiry));
}

/**
 * Stamps the expiry the intake had, then reads it again and stamps again while it has changed.
 * Those who change an intake stamp its events after it, each from its own read, and a reopen and
 * a close (or a text's append) run at once: one that read the intake before the other changed it
 * may stamp after the other did, and would leave an open intake's events with the closed one's
 * expiry. Every stamp is followed by its own read, so the stamp of the intake's last change stays.
 */
async function untilIntakeAgrees(options: DynamoIntakeStoreOptions, id: string, expiresAt: number | undefined, stamp: (expiresAt: number | undefined) => Promise<void>): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await stamp(expiresAt);
    const intake = await intakeExpiry(options, id);
    if (!intake || intake.expiresAt === expiresAt) return; // gone: its events expire on their own
    expiresAt = intake.expiresAt;
  }
  throw new Error(`Intake ${id} kept changing while its timeline took its expiry`);
}

async function intakeExpiry(options: DynamoIntakeStoreOptions, id: string): Promise<{ expiresAt: number | undefined } | undefined> {
  const { Item } = await options.client.send(
    new GetCommand({ TableName: options.tableName, Key: keys.intake(id), ConsistentRead: true, ProjectionExpression: 'pk, expiresAt' }),
  );
  return Item && { expiresAt: Item.expiresAt as number | undefined };
}

async function stampEvents(options: DynamoIntakeStoreOptions, id: string, expiresAt: number | undefined): Promise<void> {
  const events = queryAll(options.client, {
    TableName: options.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
    ExpressionAttributeValues: { ':pk': keys.intake(id).pk, ':events': keys.intakeEventPrefix },
    ProjectionExpression: 'pk, sk, expiresAt',
    ConsistentRead: true,
  });
  for await (const event of events) {
    if (event.expiresAt !== expiresAt) await setExpiry(options, { pk: event.pk as string, sk: event.sk as string }, expiresAt);
  }
}

async function setExpiry(options: DynamoIntakeStoreOptions, key: { pk: string; sk: string }, expiresAt: number | undefined): Promise<void> {
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: key,
        UpdateExpression: expiresAt === undefined ? 'REMOVE expiresAt' : 'SET expiresAt = :expiresAt',
        ConditionExpression: 'attribute_exists(pk)',
        ...(expiresAt === undefined ? {} : { ExpressionAttributeValues: { ':expiresAt': expiresAt } }),
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error; // deleted meanwhile (its TTL): nothing to keep
    });
}

/**
 * A change as the intake item keeps it (with its audit event when staff made it): a status change,
 * or with `entry` another change of the intake itself (an assignment, a transfer).
 */
export interface StatusChangeRecord {
  id: string;
  at: string;
  actor: string;
  from: IntakeStatus;
  to: IntakeStatus;
  entry?: TimelineEntry;
  audit?: ChangeAudit & { id: string; at: string; actor: string };
}

export function statusChangeRecord(id: string, next: Intake, from: IntakeStatus, actor: string, audit: ChangeAudit | undefined): StatusChangeRecord {
  return changeRecord(id, next, from, actor, audit, undefined);
}

export function changeRecord(id: string, next: Intake, from: IntakeStatus, actor: string, audit: ChangeAudit | undefined, entry: TimelineEntry | undefined): StatusChangeRecord {
  const at = next.updatedAt;
  const eventId = `${at}#${entry?.type ?? 'status'}#v${next.version}#${id}`;
  return { id: eventId, at, actor, from, to: next.status, ...(entry ? { entry } : {}), ...(audit ? { audit: { ...audit, id: eventId, at, actor } } : {}) };
}

/**
 * The status change, its timeline event and its audit event in one conditional write: the intake
 * item keeps its changes (a list appended to), so none of the three can exist without the others.
 */
export function withChange<T extends { UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> }>(
  update: T,
  record: StatusChangeRecord,
  expectedVersion: number,
) {
  const [set, remove] = update.UpdateExpression.split(' REMOVE ');
  return {
    ...update,
    UpdateExpression: `${set}, #changes = list_append(if_not_exists(#changes, :noChanges), :change)${remove ? ` REMOVE ${remove}` : ''}`,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#changes': 'changes', '#version': 'version' },
    ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':noChanges': [], ':change': [record], ':expected': expectedVersion },
  };
}

/** SET for the defined values, REMOVE for the undefined ones. */
export function updateExpression(values: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const attributeValues: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    names[`#${name}`] = name;
    if (value === undefined) {
      remove.push(`#${name}`);
    } else {
      attributeValues[`:${name}`] = value;
      set.push(`#${name} = :${name}`);
    }
  }
  return {
    UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim(),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: attributeValues,
  };
}
