import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseOrThrow } from '../../domain/errors';
import { expiryAfter } from '../../domain/retention';
import { CustodyEventSchema, type CaseNumber, type CustodyEvent, type NoticeChannel } from '../../domain/notifications';
import type { CustodyEventStore, DeliveryState, NewCustodyEvent } from '../../ports/victim-notices';
import { isConditionalCheckFailed, queryAll, queryDue, type TableAccess } from './client';
import { keys } from './keys';
import { TABLE_SCHEMA } from './table-schema';

const pending = TABLE_SCHEMA.indexes.pending;

/**
 * How long the stream has to fan an event out before the sweep takes it on too. A second fan-out
 * is harmless (each delivery is claimed once), only wasted work.
 */
export const FAN_OUT_GRACE_MS = 5 * 60_000;

/**
 * The custody events' operations are functions of these options, so that a function bundles only
 * the ones it calls (issue 18): the staff API records and lists events, the fan-out sweeps them,
 * the delivery claims and finishes notices. DynamoCustodyEventStore is all of them as one store.
 */
export interface DynamoCustodyEventStoreOptions extends TableAccess {
  /**
   * Days a custody event, and each notice delivered for it, is kept after it is written (a case
   * has no end the hotline knows of: its items go one by one).
   */
  retentionDays: number;
  /** A delivery left "sending" longer than this (a worker that died) may be taken on again. */
  staleSendingMs?: number;
}


export async function recordCustodyEvent(options: DynamoCustodyEventStoreOptions, input: NewCustodyEvent): Promise<{ event: CustodyEvent; created: boolean }> {
  const id = createHash('sha256').update(`enlace/custody-event/v1\0${input.caseNumber}\0${input.idempotencyKey}`).digest('hex').slice(0, 24);
  const event = parseOrThrow(CustodyEventSchema, 'custody event', {
    id,
    caseNumber: input.caseNumber,
    type: input.type,
    date: input.date,
    recordedBy: input.recordedBy,
    recordedAt: options.clock().toISOString(),
    fanOut: 'pending',
  });
  // In the same write as the event: it is pending (in the sparse index the sweep reads) until fanned out.
  const dueAt = new Date(Date.parse(event.recordedAt) + FAN_OUT_GRACE_MS).toISOString();
  try {
    await options.client.send(
      new PutCommand({
        TableName: options.tableName,
        Item: {
          ...keys.custodyEvent(event.caseNumber, id),
          itemType: keys.custodyEventItemType,
          ...event,
          [pending.partitionKey]: keys.pending.fanOut,
          [pending.sortKey]: keys.pending.sort(dueAt, `${event.caseNumber}#${id}`),
          expiresAt: expiryAfter(event.recordedAt, options.retentionDays),
          ...(input.audit ? { audit: { ...input.audit, after: { ...input.audit.after, event: id }, id: `custody#${id}`, at: event.recordedAt, actor: input.recordedBy } } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { event, created: true };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { event: (await getCustodyEvent(options, event.caseNumber, id))!, created: false };
  }
}

export async function getCustodyEvent(options: DynamoCustodyEventStoreOptions, caseNumber: CaseNumber, id: string): Promise<CustodyEvent | undefined> {
  const { Item } = await options.client.send(
    new GetCommand({ TableName: options.tableName, Key: keys.custodyEvent(caseNumber, id), ConsistentRead: true }),
  );
  return Item ? CustodyEventSchema.parse(Item) : undefined;
}

export async function listCustodyEvents(options: DynamoCustodyEventStoreOptions, caseNumber: CaseNumber): Promise<CustodyEvent[]> {
  const result = await options.client.send(
    new QueryCommand({
      TableName: options.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.casePartition(caseNumber), ':prefix': keys.custodyEventPrefix },
    }),
  );
  return (result.Items ?? []).map((item) => CustodyEventSchema.parse(item)).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

export async function listDueFanOuts(options: DynamoCustodyEventStoreOptions, now: Date, limit: number): Promise<CustodyEvent[]> {
  const items = await queryDue(options.client, options.tableName, keys.pending.fanOut, now, limit);
  return items.map((item) => CustodyEventSchema.parse(item));
}

export async function postponeFanOut(options: DynamoCustodyEventStoreOptions, caseNumber: CaseNumber, id: string, until: Date): Promise<void> {
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.custodyEvent(caseNumber, id),
        UpdateExpression: 'SET #sk = :sk',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': pending.partitionKey, '#sk': pending.sortKey },
        ExpressionAttributeValues: { ':sk': keys.pending.sort(until.toISOString(), `${caseNumber}#${id}`) },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error; // fanned out meanwhile
    });
}

export async function markFannedOut(options: DynamoCustodyEventStoreOptions, caseNumber: CaseNumber, id: string): Promise<void> {
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.custodyEvent(caseNumber, id),
        UpdateExpression: 'SET fanOut = :done REMOVE #pk, #sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#pk': pending.partitionKey, '#sk': pending.sortKey },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error; // no such event: nothing to finish
    });
}

export async function claimDelivery(options: DynamoCustodyEventStoreOptions, eventId: string, registrationId: string, channel: NoticeChannel): Promise<'claimed' | 'done' | 'busy'> {
  const now = options.clock();
  try {
    await options.client.send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...keys.delivery(eventId, registrationId, channel), state: 'sending', startedAt: now.toISOString(), expiresAt: expiryAfter(now, options.retentionDays) },
        // New, failed before, or taken on by a worker that died: this one sends it.
        ConditionExpression: 'attribute_not_exists(pk) OR #state = :failed OR (#state = :sending AND startedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':sending': 'sending',
          ':stale': new Date(now.getTime() - (options.staleSendingMs ?? 5 * 60_000)).toISOString(),
        },
      }),
    );
    return 'claimed';
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const { Item } = await options.client.send(
      new GetCommand({ TableName: options.tableName, Key: keys.delivery(eventId, registrationId, channel), ConsistentRead: true }),
    );
    return Item?.state === 'sending' ? 'busy' : 'done';
  }
}

export async function finishDelivery(options: DynamoCustodyEventStoreOptions, eventId: string, registrationId: string, channel: NoticeChannel, state: Exclude<DeliveryState, 'sending'>, detail?: string): Promise<void> {
  await options.client.send(
    new UpdateCommand({
      TableName: options.tableName,
      Key: keys.delivery(eventId, registrationId, channel),
      // Its claim gave it an expiry; one made here (no claim before it) is given one too.
      UpdateExpression: 'SET #state = :state, finishedAt = :now, detail = :detail, expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': state,
        ':now': options.clock().toISOString(),
        ':detail': detail?.slice(0, 500) ?? null,
        ':expiresAt': expiryAfter(options.clock(), options.retentionDays),
      },
    }),
  );
}

export async function deliveryCounts(options: DynamoCustodyEventStoreOptions, eventId: string): Promise<Record<DeliveryState, number>> {
  const counts: Record<DeliveryState, number> = { sending: 0, sent: 0, failed: 0, skipped: 0 };
  const items = queryAll(options.client, {
    TableName: options.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':pk': keys.deliveryPartition(eventId) },
    ProjectionExpression: '#state',
  });
  for await (const item of items) counts[item.state as DeliveryState]++;
  return counts;
}

/** Every operation as one CustodyEventStore (the functions bind theirs: shared/adapters/aws/stores/events.ts). */
export class DynamoCustodyEventStore implements CustodyEventStore {
  constructor(private readonly options: DynamoCustodyEventStoreOptions) {}

  record(...args: Parameters<CustodyEventStore['record']>) {
    return recordCustodyEvent(this.options, ...args);
  }

  get(...args: Parameters<CustodyEventStore['get']>) {
    return getCustodyEvent(this.options, ...args);
  }

  listByCase(...args: Parameters<CustodyEventStore['listByCase']>) {
    return listCustodyEvents(this.options, ...args);
  }

  listDueFanOuts(...args: Parameters<CustodyEventStore['listDueFanOuts']>) {
    return listDueFanOuts(this.options, ...args);
  }

  postponeFanOut(...args: Parameters<CustodyEventStore['postponeFanOut']>) {
    return postponeFanOut(this.options, ...args);
  }

  markFannedOut(...args: Parameters<CustodyEventStore['markFannedOut']>) {
    return markFannedOut(this.options, ...args);
  }

  claimDelivery(...args: Parameters<CustodyEventStore['claimDelivery']>) {
    return claimDelivery(this.options, ...args);
  }

  finishDelivery(...args: Parameters<CustodyEventStore['finishDelivery']>) {
    return finishDelivery(this.options, ...args);
  }

  deliveryCounts(...args: Parameters<CustodyEventStore['deliveryCounts']>) {
    return deliveryCounts(this.options, ...args);
  }
}
