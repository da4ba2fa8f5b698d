import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ForbiddenChangeError, InvalidInputError, NotFoundError, StaleVersionError } from '../../../domain/errors';
import { applyStatusChange, backInQueueRouting, type Intake } from '../../../domain/intake';
import type { E164 } from '../../../domain/phone';
import type { Category } from '../../../domain/taxonomy';
import { CLAIM_BUCKETS_MINUTES, claimBucketOf, type DailyCounts } from '../../../domain/metrics';
import type { QueueKey } from '../../../domain/queues';
import { CLOSED_STATUSES, type IntakeStatus } from '../../../domain/status';
import { QUEUE_METRICS_DAYS, expiryAfter } from '../../../domain/retention';
import { TimelineEventSchema, type TimelineEntry, type TimelineEvent } from '../../../domain/timeline';
import { parseQueueKey } from '../../../domain/queues';
import type { Assignment, ListQueueQuery, Page, StatusChange, Transfer } from '../../../ports/intake-store';
import { isConditionalCheckFailed, queryAll } from '../client';
import { decodeCursor, encodeCursor } from '../cursor';
import { keys } from '../keys';
import { TABLE_SCHEMA } from '../table-schema';
import { listDueForRouting } from './routing';
import { backInQueue, changeRecord, getItem, pending, stampTimeline, statusChangeRecord, toIntake, toItem, withChange, updateExpression, type DynamoIntakeStoreOptions, type IntakeItem, type StatusChangeRecord } from './item';

/**
 * The staff console's operations of the intakes: its lists, counts and searches, the timeline,
 * and the changes staff make (status, claim, transfer), each a function of the store's options
 * (./item.ts). Only the staff API calls them; the other functions bundle none (issue 18).
 */

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

const byQueue = TABLE_SCHEMA.indexes.byQueue;
const byContact = TABLE_SCHEMA.indexes.byContact;

export async function findIntakesByPhone(options: DynamoIntakeStoreOptions, phone: E164, { limit, categories }: { limit: number; categories: readonly Category[] }): Promise<Intake[]> {
  const partition = keys.contactPartition(await options.vault.fingerprint(phone));
  const found: Intake[] = [];
  // A filter applies after Limit (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html),
  // so the pages of this one number's partition are read until enough of the searcher's own are found.
  for await (const item of queryAll(options.client, {
    TableName: options.tableName,
    IndexName: byContact.indexName,
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: `#category IN (${categories.map((_, index) => `:c${index}`).join(', ')})`,
    ExpressionAttributeNames: { '#pk': byContact.partitionKey, '#category': 'category' },
    ExpressionAttributeValues: { ':pk': partition, ...Object.fromEntries(categories.map((category, index) => [`:c${index}`, category])) },
    ScanIndexForward: false,
    Limit: limit,
  })) {
    found.push(toIntake(item as unknown as IntakeItem));
    if (found.length === limit) break;
  }
  return found;
}

export async function listQueue(options: DynamoIntakeStoreOptions, query: ListQueueQuery): Promise<Page<Intake>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidInputError('page request', [{ field: 'limit', message: `must be 1 to ${MAX_PAGE_SIZE}`, code: 'tooBig', facts: { maximum: MAX_PAGE_SIZE } }]);
  }
  const partition = keys.queuePartition(query.queueKey, query.status);
  const result = await options.client.send(
    new QueryCommand({
      TableName: options.tableName,
      IndexName: byQueue.indexName,
      KeyConditionExpression: '#pk = :pk',
      ...claimedByFilter(byQueue.partitionKey, partition, query.claimedBy),
      ScanIndexForward: !query.newestFirst,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(query.cursor, { attribute: byQueue.partitionKey, value: partition }, [TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey, byQueue.partitionKey, byQueue.sortKey]),
    }),
  );
  const cursor = encodeCursor(result.LastEvaluatedKey);
  return { items: (result.Items ?? []).map((item) => toIntake(item as IntakeItem)), ...(cursor ? { cursor } : {}) };
}

export async function countQueue(options: DynamoIntakeStoreOptions, queueKey: QueueKey, status: IntakeStatus, cap: number, claimedBy?: string): Promise<{ count: number; capped: boolean }> {
  return countPartition(options, byQueue, keys.queuePartition(queueKey, status), cap, claimedBy);
}

export async function dailyCounts(options: DynamoIntakeStoreOptions, queueKey: QueueKey, fromDay: string, toDay: string): Promise<DailyCounts[]> {
  const days: DailyCounts[] = [];
  const counters = ['received', 'claimed', 'handled', ...[...CLAIM_BUCKETS_MINUTES, Infinity].map((_, index) => `claim${index}`)];
  for await (const item of queryAll(options.client, {
    TableName: options.tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    // The counters only: not the day's set of stream records counted, which only keeps a count from doubling.
    ProjectionExpression: ['sk', ...counters.map((_, index) => `#c${index}`)].join(', '),
    ExpressionAttributeNames: Object.fromEntries(counters.map((name, index) => [`#c${index}`, name])),
    ExpressionAttributeValues: { ':pk': keys.queueMetricsPartition(queueKey), ':from': fromDay, ':to': toDay },
  })) {
    const count = (name: string) => (typeof item[name] === 'number' ? (item[name] as number) : 0);
    days.push({ day: item.sk as string, received: count('received'), claimed: count('claimed'), handled: count('handled'), claimBuckets: [...CLAIM_BUCKETS_MINUTES, Infinity].map((_, index) => count(`claim${index}`)) });
  }
  return days;
}

/** Claims (with how long the intake waited) and closings, on the day they happen. */
async function countWork(options: DynamoIntakeStoreOptions, before: Intake, after: Intake): Promise<void> {
  if (before.status === 'new' && after.status === 'in_progress') {
    const minutes = (Date.parse(after.updatedAt) - Date.parse(before.createdAt)) / 60_000;
    await countDay(options, after.queueKey, after.updatedAt, { claimed: 1, [`claim${claimBucketOf(minutes)}`]: 1 });
  }
  if (CLOSED_STATUSES.has(after.status) && !CLOSED_STATUSES.has(before.status)) await countDay(options, after.queueKey, after.updatedAt, { handled: 1 });
}

/**
 * Adds to a queue's counters of a day (ADD creates them at zero). Written after the change it
 * counts, never instead of it: a crash in between loses a count, never an intake.
 */
async function countDay(options: DynamoIntakeStoreOptions, queueKey: QueueKey, at: string, adds: Record<string, number>): Promise<void> {
  const names = Object.keys(adds);
  await options.client.send(
    new UpdateCommand({
      TableName: options.tableName,
      Key: keys.queueDay(queueKey, at.slice(0, 10)),
      // Kept a year and a month, then TTL deletes the day.
      UpdateExpression: `SET #expiresAt = :expiresAt ADD ${names.map((_, index) => `#n${index} :v${index}`).join(', ')}`,
      ExpressionAttributeNames: { '#expiresAt': TABLE_SCHEMA.timeToLiveAttribute, ...Object.fromEntries(names.map((name, index) => [`#n${index}`, name])) },
      ExpressionAttributeValues: { ':expiresAt': expiryAfter(at, QUEUE_METRICS_DAYS), ...Object.fromEntries(names.map((name, index) => [`:v${index}`, adds[name]])) },
    }),
  );
}

export async function unroutedSummary(options: DynamoIntakeStoreOptions, cap: number): Promise<{ count: number; capped: boolean; oldestDueAt?: string }> {
  const { count, capped } = await countPartition(options, pending, keys.pending.routing, cap);
  const [oldest] = await listDueForRouting(options, new Date(8.64e15), 1);
  const oldestDueAt = oldest?.routing.state === 'unrouted' ? (oldest.routing.notBefore ?? oldest.createdAt) : undefined;
  return { count, capped, ...(oldestDueAt ? { oldestDueAt } : {}) };
}

/** Counts an index partition page by page (COUNT reads keys, returns none), up to `cap`. */
async function countPartition(options: DynamoIntakeStoreOptions, index: { indexName: string; partitionKey: string }, partition: string, cap: number, claimedBy?: string) {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await options.client.send(
      new QueryCommand({
        TableName: options.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ...claimedByFilter(index.partitionKey, partition, claimedBy),
        Select: 'COUNT',
        Limit: cap - count + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey && count <= cap);
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}

export async function intakeTimeline(options: DynamoIntakeStoreOptions, id: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  // The whole partition: the events, and the intake item whose status changes are written with it.
  const items = queryAll(options.client, {
    TableName: options.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.intake(id).pk },
  });
  for await (const item of items) {
    if (typeof item.sk === 'string' && item.sk.startsWith(keys.intakeEventPrefix)) events.push(TimelineEventSchema.parse(item));
    else if (item.sk === keys.intake(id).sk) events.push(...statusChangesOf(item as unknown as IntakeItem));
  }
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export async function updateIntakeStatus(options: DynamoIntakeStoreOptions, id: string, change: StatusChange): Promise<Intake> {
  const current = await getItem(options, id);
  if (!current) throw new NotFoundError(`Intake ${id}`);
  if (current.version !== change.expectedVersion) {
    throw new StaleVersionError(`Intake ${id}`, change.expectedVersion, current.version);
  }
  const next = applyStatusChange(toIntake(current), change.to, { actor: change.actor, role: change.role }, options.clock());
  const item = toItem(options, next);
  // Only the fields a status change touches, so that a concurrent routing update survives.
  const set = { status: next.status, version: next.version, updatedAt: next.updatedAt, byQueuePk: item.byQueuePk, claimedBy: next.claimedBy, closedAt: next.closedAt, expiresAt: item.expiresAt };
  const record = statusChangeRecord(id, next, current.status, change.actor, change.audit);
  await writeChange(options, id, set, record, change.expectedVersion);
  if (item.expiresAt !== current.expiresAt) await stampTimeline(options, id, item.expiresAt);
  await countWork(options, current, next);
  return next;
}

export async function assignIntake(options: DynamoIntakeStoreOptions, id: string, change: Assignment): Promise<Intake> {
  const current = await openItem(options, id, change.expectedVersion);
  const at = options.clock().toISOString();
  const next: Intake = { ...toIntake(current), status: 'in_progress', claimedBy: change.assignee, updatedAt: at, version: current.version + 1 };
  const entry: TimelineEntry = { type: 'assigned', to: change.assignee, ...(current.claimedBy ? { from: current.claimedBy } : {}), reason: change.reason };
  const set = { status: next.status, version: next.version, updatedAt: at, byQueuePk: toItem(options, next).byQueuePk, claimedBy: change.assignee };
  await writeChange(options, id, set, changeRecord(id, next, current.status, change.actor, change.audit, entry), change.expectedVersion);
  await countWork(options, current, next);
  return next;
}

export async function transferIntake(options: DynamoIntakeStoreOptions, id: string, change: Transfer): Promise<Intake> {
  const current = await openItem(options, id, change.expectedVersion);
  if (current.queueKey === change.to) throw new ForbiddenChangeError({ code: 'move.sameQueue', facts: { id } });
  const at = options.clock().toISOString();
  const { claimedBy: _claimedBy, ...rest } = toIntake(current);
  // New in the new queue, for its staff to claim, and due a Connect task there (the router's sweep starts it).
  const next: Intake = { ...rest, ...parseQueueKey(change.to), queueKey: change.to, status: 'new', updatedAt: at, version: current.version + 1, routing: backInQueueRouting(current.routing, { transferredAt: at }) };
  const set = { category: next.category, language: next.language, queueKey: next.queueKey, ...backInQueue(options, next) };
  const entry: TimelineEntry = { type: 'transferred', from: current.queueKey, to: change.to, reason: change.reason };
  await writeChange(options, id, set, changeRecord(id, next, current.status, change.actor, change.audit, entry), change.expectedVersion);
  return next;
}

/** The item of an open intake at the version the caller read. */
async function openItem(options: DynamoIntakeStoreOptions, id: string, expectedVersion: number): Promise<IntakeItem> {
  const current = await getItem(options, id);
  if (!current) throw new NotFoundError(`Intake ${id}`);
  if (current.version !== expectedVersion) throw new StaleVersionError(`Intake ${id}`, expectedVersion, current.version);
  if (CLOSED_STATUSES.has(current.status)) throw new ForbiddenChangeError({ code: 'closed.reopenFirst', facts: { id, status: current.status } });
  return current;
}

/** A change, its timeline entry and its audit event in one conditional write (see withChange). */
async function writeChange(options: DynamoIntakeStoreOptions, id: string, set: Record<string, unknown>, record: StatusChangeRecord, expectedVersion: number): Promise<void> {
  try {
    await options.client.send(new UpdateCommand(withChange({ TableName: options.tableName, Key: keys.intake(id), ...updateExpression(set) }, record, expectedVersion)));
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new StaleVersionError(`Intake ${id}`, expectedVersion, undefined);
    throw error;
  }
  if (record.audit) await copyForAuditPage(options, id, record.audit);
}

/**
 * The audit page's copy of a change's audit event, written after the change (it cannot share its
 * write). The change's own item stays the record: a crash in between leaves the event in the
 * intake's audit trail, only missing from the audit page's lists.
 */
async function copyForAuditPage(options: DynamoIntakeStoreOptions, id: string, audit: NonNullable<StatusChangeRecord['audit']>): Promise<void> {
  await options.client
    .send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...keys.auditCopy(audit.id), ...audit, subject: { type: 'intake', id }, ...keys.auditIndex(audit.at, audit.id), expiresAt: auditExpiry(options) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error;
    });
}

function auditExpiry(options: DynamoIntakeStoreOptions): number {
  return expiryAfter(options.clock(), options.auditRetentionDays);
}

export async function revealIntakePhone(options: DynamoIntakeStoreOptions, id: string): Promise<E164 | undefined> {
  const item = await getItem(options, id);
  if (!item) throw new NotFoundError(`Intake ${id}`);
  return item.phoneCipher ? ((await options.vault.open(item.phoneCipher, { ...keys.intake(id), field: 'phone' })) as E164) : undefined;
}


/**
 * A query's partition, and for "my intakes" a filter on the claimant: DynamoDB reads the queue's
 * partition and returns only the claimant's items (a filter, not a scan: one partition is read).
 * `Limit` counts items read before the filter, so a page may be short and still have a cursor
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Other.html#Query.Limit).
 */
function claimedByFilter(partitionKey: string, partition: string, claimedBy: string | undefined) {
  return {
    ...(claimedBy ? { FilterExpression: '#claimedBy = :claimedBy' } : {}),
    ExpressionAttributeNames: { '#pk': partitionKey, ...(claimedBy ? { '#claimedBy': 'claimedBy' } : {}) },
    ExpressionAttributeValues: { ':pk': partition, ...(claimedBy ? { ':claimedBy': claimedBy } : {}) },
  };
}

/** The events the intake's own item holds: the entry that opened it, and its status changes. */
function statusChangesOf(item: IntakeItem): TimelineEvent[] {
  const changes = (item as IntakeItem & { changes?: StatusChangeRecord[] }).changes ?? [];
  const { opening } = item;
  return [
    ...(opening ? [TimelineEventSchema.parse({ ...opening.entry, id: 'opening', intakeId: item.id, at: item.createdAt, actor: opening.actor })] : []),
    ...changes.map((change) =>
      TimelineEventSchema.parse({ ...(change.entry ?? { type: 'status_changed', from: change.from, to: change.to }), id: change.id, intakeId: item.id, at: change.at, actor: change.actor }),
    ),
  ];
}

