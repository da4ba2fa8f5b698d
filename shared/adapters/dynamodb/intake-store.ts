import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { InvalidInputError, NotFoundError, StaleVersionError, parseOrThrow } from '../../domain/errors';
import { IntakeSchema, NewIntakeSchema, applyStatusChange, buildIntake, type Intake, type NewIntakeInput } from '../../domain/intake';
import type { E164 } from '../../domain/phone';
import type { Category } from '../../domain/taxonomy';
import { CLAIM_BUCKETS_MINUTES, claimBucketOf, type DailyCounts } from '../../domain/metrics';
import type { QueueKey } from '../../domain/queues';
import { CLOSED_STATUSES, type IntakeStatus } from '../../domain/status';
import { isReferenceNumber, referenceNumberFor } from '../../domain/reference-number';
import { QUEUE_METRICS_DAYS, expiryAfter } from '../../domain/retention';
import { TimelineEntrySchema, TimelineEventSchema, type CallWait, type TimelineEntry, type TimelineEvent } from '../../domain/timeline';
import type { Clock } from '../../ports/clock';
import type { ChangeAudit } from '../../ports/audit-log';
import { ForbiddenChangeError } from '../../domain/errors';
import { parseQueueKey } from '../../domain/queues';
import type { Assignment, CallWaitResult, EventId, IntakeStore, ListQueueQuery, Page, StatusChange, Transfer } from '../../ports/intake-store';
import type { OneWayKey } from '../../ports/one-way-key';
import type { PiiVault } from '../../ports/pii-vault';
import { isConditionalCheckFailed, queryAll, queryDue } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys } from './keys';
import { TABLE_SCHEMA } from './table-schema';

/** How many reference numbers to try when a new one collides with an existing intake. */
const MAX_REFERENCE_ATTEMPTS = 8;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
/**
 * The attribute of a queue's day that holds the sequence numbers of the stream records counted as
 * received: not the intakes' ids, which would join in one item every intake of a queue's day.
 */
const COUNTED_RECORDS = 'countedRecords';

export interface DynamoIntakeStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  vault: PiiVault;
  /**
   * Derives the stored source key (and with it the reference number) and the ids of idempotent
   * timeline events from the ContactId or message id given, one way: nothing stored names them.
   */
  sourceKeys: OneWayKey;
  clock: Clock;
  /**
   * Days a resolved or referred intake is kept before DynamoDB's TTL deletes it. Its timeline
   * events expire with it: every item of an intake's partition carries the intake's `expiresAt`
   * (none while it is open), and a reopened intake takes it off them all again.
   */
  retentionDays: number;
  /** Days the audit page's copies of change audit events are kept (as the audit log's own: 7 years by default). */
  auditRetentionDays: number;
}

/** The stored form of an intake: the intake, its keys, and its sealed phone number. */
interface IntakeItem extends Intake {
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

const byQueue = TABLE_SCHEMA.indexes.byQueue;
const pending = TABLE_SCHEMA.indexes.pending;
const byContact = TABLE_SCHEMA.indexes.byContact;

export class DynamoIntakeStore implements IntakeStore {
  constructor(private readonly options: DynamoIntakeStoreOptions) {}

  async create(input: NewIntakeInput, opening?: { entry: TimelineEntry; actor: string }): Promise<{ intake: Intake; created: boolean }> {
    const given = parseOrThrow(NewIntakeSchema, 'intake', input);
    const opened = opening ? { opening: { entry: parseOrThrow(TimelineEntrySchema, 'timeline event', opening.entry), actor: opening.actor } } : {};
    const valid = { ...given, sourceKey: await this.options.sourceKeys.derive(given.sourceKey) };
    const phoneHash = valid.phone ? await this.options.vault.fingerprint(valid.phone) : undefined;
    const now = this.options.clock();

    // The reference number is derived from the source key, so a redelivery finds its intake at
    // the first candidate number; a different source key there means a collision: try the next.
    for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt++) {
      const { intake } = buildIntake(valid, referenceNumberFor(valid.sourceKey, attempt), now);
      // Sealed for this candidate's item: the number opens only as this intake's.
      const sealed = valid.phone && phoneHash ? { phoneCipher: await this.options.vault.seal(valid.phone, { ...keys.intake(intake.id), field: 'phone' }), phoneHash } : {};
      const contactKeys = phoneHash ? { byContactPk: keys.contactPartition(phoneHash), byContactSk: keys.queueSort(intake.createdAt, intake.id) } : {};
      const item: IntakeItem = { ...this.toItem(intake), ...sealed, ...contactKeys, ...opened };
      try {
        await this.options.client.send(
          new PutCommand({
            TableName: this.options.tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        // Counted as received by the table's stream reader (intake-router), not here: the caller
        // waits on this one put only.
        return { intake, created: true };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        // DynamoDB returns the existing item with the failure; dynalite does not, so read it.
        const existing = existingItem(error) ?? (await this.getItem(intake.id));
        if (existing?.sourceKey === valid.sourceKey) return { intake: toIntake(existing), created: false };
      }
    }
    throw new Error(`No free reference number after ${MAX_REFERENCE_ATTEMPTS} attempts`);
  }

  async get(id: string): Promise<Intake | undefined> {
    if (!isReferenceNumber(id)) return undefined;
    const item = await this.getItem(id);
    return item && toIntake(item);
  }

  async findByPhone(phone: E164, { limit, categories }: { limit: number; categories: readonly Category[] }): Promise<Intake[]> {
    const partition = keys.contactPartition(await this.options.vault.fingerprint(phone));
    const found: Intake[] = [];
    let start: Record<string, unknown> | undefined;
    // A filter applies after Limit (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html),
    // so the pages of this one number's partition are read until enough of the searcher's own are found.
    do {
      const result = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          IndexName: byContact.indexName,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: `#category IN (${categories.map((_, index) => `:c${index}`).join(', ')})`,
          ExpressionAttributeNames: { '#pk': byContact.partitionKey, '#category': 'category' },
          ExpressionAttributeValues: { ':pk': partition, ...Object.fromEntries(categories.map((category, index) => [`:c${index}`, category])) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(result.Items ?? []).map((item) => toIntake(item as IntakeItem)));
      start = result.LastEvaluatedKey;
    } while (start && found.length < limit);
    return found.slice(0, limit);
  }

  async listQueue(query: ListQueueQuery): Promise<Page<Intake>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InvalidInputError('page request', [{ field: 'limit', message: `must be 1 to ${MAX_PAGE_SIZE}`, code: 'tooBig', facts: { maximum: MAX_PAGE_SIZE } }]);
    }
    const partition = keys.queuePartition(query.queueKey, query.status);
    const result = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
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

  async countQueue(queueKey: QueueKey, status: IntakeStatus, cap: number, claimedBy?: string): Promise<{ count: number; capped: boolean }> {
    return this.countPartition(byQueue, keys.queuePartition(queueKey, status), cap, claimedBy);
  }

  async dailyCounts(queueKey: QueueKey, fromDay: string, toDay: string): Promise<DailyCounts[]> {
    const days: DailyCounts[] = [];
    const counters = ['received', 'claimed', 'handled', ...[...CLAIM_BUCKETS_MINUTES, Infinity].map((_, index) => `claim${index}`)];
    for await (const item of queryAll(this.options.client, {
      TableName: this.options.tableName,
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

  async countReceived(intake: Pick<Intake, 'queueKey' | 'createdAt'>, record: string): Promise<boolean> {
    try {
      // One conditional write: the counter and the set of the records it has counted move
      // together, so a redelivered stream record can neither count twice nor be lost in between.
      // A sequence number is up to 40 digits: DynamoDB's 400 KB item holds some 10,000 a queue a day.
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.queueDay(intake.queueKey, intake.createdAt.slice(0, 10)),
          UpdateExpression: 'SET #expiresAt = :expiresAt ADD #received :one, #counted :ids',
          ConditionExpression: 'NOT contains(#counted, :id)',
          ExpressionAttributeNames: { '#expiresAt': TABLE_SCHEMA.timeToLiveAttribute, '#received': 'received', '#counted': COUNTED_RECORDS },
          ExpressionAttributeValues: { ':expiresAt': expiryAfter(intake.createdAt, QUEUE_METRICS_DAYS), ':one': 1, ':ids': new Set([record]), ':id': record },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false; // counted before: a redelivery
      throw error;
    }
  }

  /** Claims (with how long the intake waited) and closings, on the day they happen. */
  private async countWork(before: Intake, after: Intake): Promise<void> {
    if (before.status === 'new' && after.status === 'in_progress') {
      const minutes = (Date.parse(after.updatedAt) - Date.parse(before.createdAt)) / 60_000;
      await this.countDay(after.queueKey, after.updatedAt, { claimed: 1, [`claim${claimBucketOf(minutes)}`]: 1 });
    }
    if (CLOSED_STATUSES.has(after.status) && !CLOSED_STATUSES.has(before.status)) await this.countDay(after.queueKey, after.updatedAt, { handled: 1 });
  }

  /**
   * Adds to a queue's counters of a day (ADD creates them at zero). Written after the change it
   * counts, never instead of it: a crash in between loses a count, never an intake.
   */
  private async countDay(queueKey: QueueKey, at: string, adds: Record<string, number>): Promise<void> {
    const names = Object.keys(adds);
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: keys.queueDay(queueKey, at.slice(0, 10)),
        // Kept a year and a month, then TTL deletes the day.
        UpdateExpression: `SET #expiresAt = :expiresAt ADD ${names.map((_, index) => `#n${index} :v${index}`).join(', ')}`,
        ExpressionAttributeNames: { '#expiresAt': TABLE_SCHEMA.timeToLiveAttribute, ...Object.fromEntries(names.map((name, index) => [`#n${index}`, name])) },
        ExpressionAttributeValues: { ':expiresAt': expiryAfter(at, QUEUE_METRICS_DAYS), ...Object.fromEntries(names.map((name, index) => [`:v${index}`, adds[name]])) },
      }),
    );
  }

  async unroutedSummary(cap: number): Promise<{ count: number; capped: boolean; oldestDueAt?: string }> {
    const { count, capped } = await this.countPartition(pending, keys.pending.routing, cap);
    const [oldest] = await this.listDueForRouting(new Date(8.64e15), 1);
    const oldestDueAt = oldest?.routing.state === 'unrouted' ? (oldest.routing.notBefore ?? oldest.createdAt) : undefined;
    return { count, capped, ...(oldestDueAt ? { oldestDueAt } : {}) };
  }

  /** Counts an index partition page by page (COUNT reads keys, returns none), up to `cap`. */
  private async countPartition(index: { indexName: string; partitionKey: string }, partition: string, cap: number, claimedBy?: string) {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
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

  async timeline(id: string): Promise<TimelineEvent[]> {
    const events: TimelineEvent[] = [];
    // The whole partition: the events, and the intake item whose status changes are written with it.
    const items = queryAll(this.options.client, {
      TableName: this.options.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.intake(id).pk },
    });
    for await (const item of items) {
      if (typeof item.sk === 'string' && item.sk.startsWith(keys.intakeEventPrefix)) events.push(TimelineEventSchema.parse(item));
      else if (item.sk === keys.intake(id).sk) events.push(...statusChangesOf(item as unknown as IntakeItem));
    }
    return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  async appendEvent(id: string, entry: TimelineEntry, actor: string, given?: EventId, audit?: ChangeAudit): Promise<TimelineEvent> {
    const valid = parseOrThrow(TimelineEntrySchema, 'timeline event', entry);
    // An event made idempotent by its cause (a message id) is stored under a one-way id of it.
    const eventId = typeof given === 'object' ? await this.options.sourceKeys.derive(`event\0${given.cause}`) : given;
    const at = (typeof given === 'object' && given.at) || this.options.clock().toISOString();
    const event = TimelineEventSchema.parse({ ...valid, id: eventId ?? `${at}#${randomUUID()}`, intakeId: id, at, actor });
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          // The change's audit event travels in the same item: the note and its audit cannot come apart.
          Item: { ...keys.intakeEvent(id, event.id), ...event, ...(audit ? { audit: { ...audit, id: event.id, at, actor }, ...keys.auditIndex(at, event.id) } : {}) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      await this.expireWithIntake(id, event.id);
      return event;
    } catch (error) {
      if (!eventId || !isConditionalCheckFailed(error)) throw error;
      // Appended before (a redelivery): the first one stands.
      const { Item } = await this.options.client.send(
        new GetCommand({ TableName: this.options.tableName, Key: keys.intakeEvent(id, eventId), ConsistentRead: true }),
      );
      return TimelineEventSchema.parse(Item);
    }
  }

  async updateStatus(id: string, change: StatusChange): Promise<Intake> {
    const current = await this.getItem(id);
    if (!current) throw new NotFoundError(`Intake ${id}`);
    if (current.version !== change.expectedVersion) {
      throw new StaleVersionError(`Intake ${id}`, change.expectedVersion, current.version);
    }
    const next = applyStatusChange(toIntake(current), change.to, { actor: change.actor, role: change.role }, this.options.clock());
    const item = this.toItem(next);
    // Only the fields a status change touches, so that a concurrent routing update survives.
    const set = { status: next.status, version: next.version, updatedAt: next.updatedAt, byQueuePk: item.byQueuePk, claimedBy: next.claimedBy, closedAt: next.closedAt, expiresAt: item.expiresAt };
    const record = statusChangeRecord(id, next, current.status, change.actor, change.audit);
    await this.writeChange(id, set, record, change.expectedVersion);
    if (item.expiresAt !== current.expiresAt) await this.stampTimeline(id, item.expiresAt);
    await this.countWork(current, next);
    return next;
  }

  async assign(id: string, change: Assignment): Promise<Intake> {
    const current = await this.openItem(id, change.expectedVersion);
    const at = this.options.clock().toISOString();
    const next: Intake = { ...toIntake(current), status: 'in_progress', claimedBy: change.assignee, updatedAt: at, version: current.version + 1 };
    const entry: TimelineEntry = { type: 'assigned', to: change.assignee, ...(current.claimedBy ? { from: current.claimedBy } : {}), reason: change.reason };
    const set = { status: next.status, version: next.version, updatedAt: at, byQueuePk: this.toItem(next).byQueuePk, claimedBy: change.assignee };
    await this.writeChange(id, set, changeRecord(id, next, current.status, change.actor, change.audit, entry), change.expectedVersion);
    await this.countWork(current, next);
    return next;
  }

  async transfer(id: string, change: Transfer): Promise<Intake> {
    const current = await this.openItem(id, change.expectedVersion);
    if (current.queueKey === change.to) throw new ForbiddenChangeError({ code: 'move.sameQueue', facts: { id } });
    const at = this.options.clock().toISOString();
    const { claimedBy: _claimedBy, ...rest } = toIntake(current);
    // New in the new queue, for its staff to claim, and due a Connect task there (the router's sweep starts it).
    const next: Intake = { ...rest, ...parseQueueKey(change.to), queueKey: change.to, status: 'new', updatedAt: at, version: current.version + 1, routing: { state: 'unrouted', attempts: 0, transferredAt: at } };
    const set = { category: next.category, language: next.language, queueKey: next.queueKey, ...this.backInQueue(next) };
    const entry: TimelineEntry = { type: 'transferred', from: current.queueKey, to: change.to, reason: change.reason };
    await this.writeChange(id, set, changeRecord(id, next, current.status, change.actor, change.audit, entry), change.expectedVersion);
    return next;
  }

  /**
   * The fields of an intake put back in a queue as new and unclaimed, due a Connect task there
   * (a move to another queue, a reopening): its status, its queue and pending index keys, its routing.
   */
  private backInQueue(next: Intake) {
    const item = this.toItem(next);
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

  /** The item of an open intake at the version the caller read. */
  private async openItem(id: string, expectedVersion: number): Promise<IntakeItem> {
    const current = await this.getItem(id);
    if (!current) throw new NotFoundError(`Intake ${id}`);
    if (current.version !== expectedVersion) throw new StaleVersionError(`Intake ${id}`, expectedVersion, current.version);
    if (CLOSED_STATUSES.has(current.status)) throw new ForbiddenChangeError({ code: 'closed.reopenFirst', facts: { id, status: current.status } });
    return current;
  }

  /** A change, its timeline entry and its audit event in one conditional write (see withChange). */
  private async writeChange(id: string, set: Record<string, unknown>, record: StatusChangeRecord, expectedVersion: number): Promise<void> {
    try {
      await this.options.client.send(new UpdateCommand(withChange({ TableName: this.options.tableName, Key: keys.intake(id), ...updateExpression(set) }, record, expectedVersion)));
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new StaleVersionError(`Intake ${id}`, expectedVersion, undefined);
      throw error;
    }
    if (record.audit) await this.copyForAuditPage(id, record.audit);
  }

  /**
   * The audit page's copy of a change's audit event, written after the change (it cannot share its
   * write). The change's own item stays the record: a crash in between leaves the event in the
   * intake's audit trail, only missing from the audit page's lists.
   */
  private async copyForAuditPage(id: string, audit: NonNullable<StatusChangeRecord['audit']>): Promise<void> {
    await this.options.client
      .send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...keys.auditCopy(audit.id), ...audit, subject: { type: 'intake', id }, ...keys.auditIndex(audit.at, audit.id), expiresAt: this.auditExpiry() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error;
      });
  }

  private auditExpiry(): number {
    return expiryAfter(this.options.clock(), this.options.auditRetentionDays);
  }

  async listDueForRouting(now: Date, limit: number): Promise<Intake[]> {
    const items = await queryDue(this.options.client, this.options.tableName, keys.pending.routing, now, limit);
    return items.map((item) => toIntake(item as unknown as IntakeItem));
  }

  async markRouted(id: string, taskId: string): Promise<Intake | undefined> {
    const at = this.options.clock().toISOString();
    try {
      const { Attributes } = await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.intake(id),
          UpdateExpression: 'SET routing = :routing REMOVE #pk, #sk',
          ConditionExpression: 'routing.#state = :unrouted',
          ExpressionAttributeNames: { '#pk': pending.partitionKey, '#sk': pending.sortKey, '#state': 'state' },
          ExpressionAttributeValues: { ':routing': { state: 'routed', via: 'task', taskId, at }, ':unrouted': 'unrouted' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      await this.appendEvent(id, { type: 'routed', taskId }, 'system');
      return toIntake(Attributes as IntakeItem);
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined; // routed meanwhile, or gone
      throw error;
    }
  }

  async recordRoutingFailure(id: string, error: string, retryAt: Date): Promise<void> {
    const current = await this.getItem(id);
    if (current?.routing.state !== 'unrouted') return;
    const routing = { ...current.routing, attempts: current.routing.attempts + 1, lastError: error.slice(0, 500), notBefore: retryAt.toISOString() };
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: keys.intake(id),
        UpdateExpression: 'SET routing = :routing, #sk = :sk',
        ConditionExpression: 'routing.#state = :unrouted',
        ExpressionAttributeNames: { '#sk': pending.sortKey, '#state': 'state' },
        ExpressionAttributeValues: { ':routing': routing, ':sk': keys.pending.sort(routing.notBefore, id), ':unrouted': 'unrouted' },
      }),
    ).catch((failure: unknown) => {
      if (!isConditionalCheckFailed(failure)) throw failure;
    });
    await this.appendEvent(id, { type: 'routing_failed', error: error.slice(0, 500) }, 'system');
  }

  async reopenForFollowUp(id: string, actor: string): Promise<Intake | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.getItem(id);
      if (!current || !CLOSED_STATUSES.has(current.status)) return undefined;
      const at = this.options.clock().toISOString();
      const { claimedBy: _claimedBy, closedAt: _closedAt, ...open } = toIntake(current);
      const next: Intake = { ...open, status: 'new', version: current.version + 1, updatedAt: at, routing: { state: 'unrouted', attempts: 0, reopenedAt: at } };
      const update = updateExpression({ ...this.backInQueue(next), closedAt: undefined, expiresAt: undefined });
      const record = statusChangeRecord(id, next, current.status, actor, undefined);
      try {
        await this.options.client.send(new UpdateCommand(withChange({ TableName: this.options.tableName, Key: keys.intake(id), ...update }, record, current.version)));
      } catch (error) {
        if (isConditionalCheckFailed(error)) continue; // changed meanwhile: look again
        throw error;
      }
      await this.stampTimeline(id, undefined);
      return next;
    }
    throw new StaleVersionError(`Intake ${id}`, 0, undefined);
  }

  async revealPhone(id: string): Promise<E164 | undefined> {
    const item = await this.getItem(id);
    if (!item) throw new NotFoundError(`Intake ${id}`);
    return item.phoneCipher ? ((await this.options.vault.open(item.phoneCipher, { ...keys.intake(id), field: 'phone' })) as E164) : undefined;
  }

  async recordCallWait(contactId: string, wait: CallWait): Promise<CallWaitResult> {
    // The same derivation as create: the stored source key, and from it the reference number.
    const sourceKey = await this.options.sourceKeys.derive(contactId);
    for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt++) {
      const id = referenceNumberFor(sourceKey, attempt);
      const item = await this.getItem(id);
      // create takes the first free candidate: a free one here means no intake came from this call.
      if (!item) return 'unknown';
      if (item.sourceKey !== sourceKey) continue; // a collision: the call's intake is further on
      // An anonymous tip keeps no wait: its creation time and an exact wait would point to one
      // contact in Connect's records, which keep the caller's number (README, Privacy).
      if (item.anonymous) return 'anonymous';
      if (item.opening?.entry.type !== 'call') return 'unknown';
      if (item.opening.entry.wait) return 'already_recorded';
      const entry = parseOrThrow(TimelineEntrySchema, 'timeline event', { ...item.opening.entry, wait });
      try {
        await this.options.client.send(
          new UpdateCommand({
            TableName: this.options.tableName,
            Key: keys.intake(id),
            // Only the call's entry: the intake's version and status are staff's, and a claim in
            // flight must not turn stale because Connect reported the wait.
            UpdateExpression: 'SET #opening.#entry = :entry',
            ConditionExpression: '#sourceKey = :sourceKey AND #anonymous = :false AND attribute_exists(#opening.#entry) AND attribute_not_exists(#opening.#entry.#wait)',
            ExpressionAttributeNames: { '#opening': 'opening', '#entry': 'entry', '#wait': 'wait', '#sourceKey': 'sourceKey', '#anonymous': 'anonymous' },
            ExpressionAttributeValues: { ':entry': entry, ':sourceKey': sourceKey, ':false': false },
          }),
        );
        return 'recorded';
      } catch (error) {
        if (isConditionalCheckFailed(error)) return 'already_recorded'; // another delivery of the event got there first
        throw error;
      }
    }
    return 'unknown';
  }

  /**
   * Gives a new timeline event the expiry of its intake. Read after the event is written: a close
   * that stamped the timeline before this event was there is seen here, so no event outlives its
   * intake. An event whose intake is gone expires the retention period from now.
   */
  private async expireWithIntake(id: string, eventId: string): Promise<void> {
    const { Item } = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: keys.intake(id), ConsistentRead: true, ProjectionExpression: 'pk, expiresAt' }),
    );
    const expiresAt = Item ? (Item.expiresAt as number | undefined) : expiryAfter(this.options.clock(), this.options.retentionDays);
    if (expiresAt !== undefined) await this.setExpiry(keys.intakeEvent(id, eventId), expiresAt);
  }

  /** Every timeline event of the intake takes its expiry (none: kept while the intake is open). */
  private async stampTimeline(id: string, expiresAt: number | undefined): Promise<void> {
    const events = queryAll(this.options.client, {
      TableName: this.options.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': keys.intake(id).pk, ':events': keys.intakeEventPrefix },
      ProjectionExpression: 'pk, sk, expiresAt',
      ConsistentRead: true,
    });
    for await (const event of events) {
      if (event.expiresAt !== expiresAt) await this.setExpiry({ pk: event.pk as string, sk: event.sk as string }, expiresAt);
    }
  }

  private async setExpiry(key: { pk: string; sk: string }, expiresAt: number | undefined): Promise<void> {
    await this.options.client
      .send(
        new UpdateCommand({
          TableName: this.options.tableName,
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

  private async getItem(id: string): Promise<IntakeItem | undefined> {
    const { Item } = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: keys.intake(id), ConsistentRead: true }),
    );
    return Item as IntakeItem | undefined;
  }

  private toItem(intake: Intake): IntakeItem {
    return {
      ...intake,
      ...keys.intake(intake.id),
      byQueuePk: keys.queuePartition(intake.queueKey, intake.status),
      byQueueSk: keys.queueSort(intake.createdAt, intake.id),
      ...(intake.routing.state === 'unrouted'
        ? { pendingPk: keys.pending.routing, pendingSk: keys.pending.sort(intake.routing.notBefore ?? intake.createdAt, intake.id) }
        : {}),
      ...(intake.closedAt ? { expiresAt: expiryAfter(intake.closedAt, this.options.retentionDays) } : {}),
    };
  }
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

/**
 * A change as the intake item keeps it (with its audit event when staff made it): a status change,
 * or with `entry` another change of the intake itself (an assignment, a transfer).
 */
interface StatusChangeRecord {
  id: string;
  at: string;
  actor: string;
  from: IntakeStatus;
  to: IntakeStatus;
  entry?: TimelineEntry;
  audit?: ChangeAudit & { id: string; at: string; actor: string };
}

function statusChangeRecord(id: string, next: Intake, from: IntakeStatus, actor: string, audit: ChangeAudit | undefined): StatusChangeRecord {
  return changeRecord(id, next, from, actor, audit, undefined);
}

function changeRecord(id: string, next: Intake, from: IntakeStatus, actor: string, audit: ChangeAudit | undefined, entry: TimelineEntry | undefined): StatusChangeRecord {
  const at = next.updatedAt;
  const eventId = `${at}#${entry?.type ?? 'status'}#v${next.version}#${id}`;
  return { id: eventId, at, actor, from, to: next.status, ...(entry ? { entry } : {}), ...(audit ? { audit: { ...audit, id: eventId, at, actor } } : {}) };
}

/**
 * The status change, its timeline event and its audit event in one conditional write: the intake
 * item keeps its changes (a list appended to), so none of the three can exist without the others.
 */
function withChange<T extends { UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> }>(
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

/** The intake in an item; zod drops the keys and the sealed phone number. */
function toIntake(item: IntakeItem): Intake {
  return IntakeSchema.parse(item);
}

function existingItem(error: unknown): IntakeItem | undefined {
  const item = (error as { Item?: Parameters<typeof unmarshall>[0] }).Item;
  return item ? (unmarshall(item) as IntakeItem) : undefined;
}

/** SET for the defined values, REMOVE for the undefined ones. */
function updateExpression(values: Record<string, unknown>) {
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
