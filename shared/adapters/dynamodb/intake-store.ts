import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { InvalidInputError, NotFoundError, StaleVersionError, parseOrThrow } from '../../domain/errors';
import { IntakeSchema, NewIntakeSchema, applyStatusChange, buildIntake, type Intake, type NewIntakeInput } from '../../domain/intake';
import type { E164 } from '../../domain/phone';
import { isReferenceNumber, referenceNumberFor } from '../../domain/reference-number';
import { TimelineEntrySchema, TimelineEventSchema, type TimelineEntry, type TimelineEvent } from '../../domain/timeline';
import type { Clock } from '../../ports/clock';
import type { IntakeStore, ListQueueQuery, Page, StatusChange } from '../../ports/intake-store';
import type { PiiVault } from '../../ports/pii-vault';
import { isConditionalCheckFailed } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys } from './keys';
import { TABLE_SCHEMA } from './table-schema';

/** How many reference numbers to try when a new one collides with an existing intake. */
const MAX_REFERENCE_ATTEMPTS = 8;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

export interface DynamoIntakeStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  vault: PiiVault;
  clock: Clock;
  /** Days a resolved or referred intake is kept before DynamoDB's TTL deletes it. */
  retentionDays: number;
}

/** The stored form of an intake: the intake, its keys, and its sealed phone number. */
interface IntakeItem extends Intake {
  pk: string;
  sk: string;
  byQueuePk: string;
  byQueueSk: string;
  phoneCipher?: string;
  phoneHash?: string;
  expiresAt?: number;
}

const byQueue = TABLE_SCHEMA.indexes.byQueue;

export class DynamoIntakeStore implements IntakeStore {
  constructor(private readonly options: DynamoIntakeStoreOptions) {}

  async create(input: NewIntakeInput): Promise<{ intake: Intake; created: boolean }> {
    const valid = parseOrThrow(NewIntakeSchema, 'intake', input);
    const sealed = valid.phone
      ? { phoneCipher: await this.options.vault.seal(valid.phone), phoneHash: await this.options.vault.fingerprint(valid.phone) }
      : {};
    const now = this.options.clock();

    // The reference number is derived from the source key, so a redelivery finds its intake at
    // the first candidate number; a different source key there means a collision: try the next.
    for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt++) {
      const { intake } = buildIntake(valid, referenceNumberFor(valid.sourceKey, attempt), now);
      const item: IntakeItem = { ...this.toItem(intake), ...sealed };
      try {
        await this.options.client.send(
          new PutCommand({
            TableName: this.options.tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
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

  async listQueue(query: ListQueueQuery): Promise<Page<Intake>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InvalidInputError('page request', [{ field: 'limit', message: `must be 1 to ${MAX_PAGE_SIZE}` }]);
    }
    const partition = keys.queuePartition(query.queueKey, query.status);
    const result = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: byQueue.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': byQueue.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: true,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(query.cursor, { attribute: byQueue.partitionKey, value: partition }),
      }),
    );
    const cursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map((item) => toIntake(item as IntakeItem)), ...(cursor ? { cursor } : {}) };
  }

  async timeline(id: string): Promise<TimelineEvent[]> {
    const events: TimelineEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.intake(id).pk, ':prefix': keys.intakeEventPrefix },
          ExclusiveStartKey: startKey,
        }),
      );
      events.push(...(page.Items ?? []).map((item) => TimelineEventSchema.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  }

  async appendEvent(id: string, entry: TimelineEntry, actor: string): Promise<TimelineEvent> {
    const valid = parseOrThrow(TimelineEntrySchema, 'timeline event', entry);
    const at = this.options.clock().toISOString();
    const unique = randomUUID();
    const event = TimelineEventSchema.parse({ ...valid, id: unique, intakeId: id, at, actor });
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: { ...keys.intakeEvent(id, at, unique), ...event },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return event;
  }

  async updateStatus(id: string, change: StatusChange): Promise<Intake> {
    const current = await this.getItem(id);
    if (!current) throw new NotFoundError(`Intake ${id}`);
    if (current.version !== change.expectedVersion) {
      throw new StaleVersionError(`Intake ${id}`, change.expectedVersion, current.version);
    }
    const next = applyStatusChange(toIntake(current), change.to, { actor: change.actor, role: change.role }, this.options.clock());
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...this.toItem(next), ...pick(current, 'phoneCipher', 'phoneHash') },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': change.expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new StaleVersionError(`Intake ${id}`, change.expectedVersion, undefined);
      throw error;
    }
    await this.appendEvent(id, { type: 'status_changed', from: current.status, to: next.status }, change.actor);
    return next;
  }

  async revealPhone(id: string): Promise<E164 | undefined> {
    const item = await this.getItem(id);
    if (!item) throw new NotFoundError(`Intake ${id}`);
    return item.phoneCipher ? ((await this.options.vault.open(item.phoneCipher)) as E164) : undefined;
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
      ...(intake.closedAt ? { expiresAt: epochSeconds(intake.closedAt) + this.options.retentionDays * 86_400 } : {}),
    };
  }
}

/** The intake in an item; zod drops the keys and the sealed phone number. */
function toIntake(item: IntakeItem): Intake {
  return IntakeSchema.parse(item);
}

function existingItem(error: unknown): IntakeItem | undefined {
  const item = (error as { Item?: Parameters<typeof unmarshall>[0] }).Item;
  return item ? (unmarshall(item) as IntakeItem) : undefined;
}

function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

function pick<T extends object, K extends keyof T>(source: T, ...names: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(names.filter((name) => source[name] !== undefined).map((name) => [name, source[name]])) as Partial<
    Pick<T, K>
  >;
}
