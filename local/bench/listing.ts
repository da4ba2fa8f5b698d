import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoIntakeStore } from '../../shared/adapters/dynamodb/intake-store';
import { LocalPiiVault } from '../../shared/adapters/pii/local-vault';
import type { NewIntakeInput } from '../../shared/domain/intake';
import type { QueueKey } from '../../shared/domain/queues';
import { CATEGORIES, LANGUAGES } from '../../shared/domain/taxonomy';
import { createTableInput } from '../../shared/adapters/dynamodb/table-schema';
import { ensureTable, startLocalDynamo } from '../dynamo';
import { ratio } from './latency';
import { LocalOneWayKey } from '../../shared/adapters/pii/local-one-way-key';
import { median, round, timeConcurrently } from './stats';

export interface ListingOptions {
  /** Table sizes, smallest first. */
  sizes: [number, number];
  runs: number;
}

export interface ListingResult {
  queueKey: QueueKey;
  pageSize: number;
  runs: number;
  small: { intakes: number; inQueue: number; medianMs: number; loadSeconds: number };
  large: { intakes: number; inQueue: number; medianMs: number; loadSeconds: number };
  ratio: number;
  /** DynamoDB's own figure for the first page: items read to return it (ScannedCount). */
  scannedPerPage: number;
}

const QUEUE: QueueKey = 'detainee-es';
/** Unmeasured pages first, at each size: measured cold, the small table would look slower than the large one. */
const WARMUP_RUNS = 20;
const START = Date.parse('2026-01-01T00:00:00.000Z');

/**
 * The items the intake store writes, built by the store itself: its `create` runs against a
 * client that keeps each PutItem's Item instead of sending it. Six queues (every category and
 * language), half by phone and half by text, created over about a year.
 */
async function intakeItems(from: number, count: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let now = START;
  const capture = {
    // The intakes' items only (a create also adds to its queue's daily counters: an update).
    send: async (command: PutCommand) => {
      if (command instanceof PutCommand) items.push(command.input.Item!);
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  const store = new DynamoIntakeStore({ client: capture, tableName: 'capture', vault: new LocalPiiVault('bench'), sourceKeys: new LocalOneWayKey('bench'), clock: () => new Date(now), retentionDays: 730, auditRetentionDays: 2557 });
  for (let index = from; index < from + count; index++) {
    now = START + index * 300_000; // one every five minutes
    const category = CATEGORIES[index % CATEGORIES.length]!;
    const language = LANGUAGES[Math.floor(index / CATEGORIES.length) % LANGUAGES.length]!;
    const bySms = index % 2 === 0;
    const input: NewIntakeInput = {
      sourceKey: bySms ? `sms:${randomUUID()}` : randomUUID(),
      category,
      language,
      channel: bySms ? 'sms' : 'voice',
      anonymous: false,
      phone: `+1202${200 + Math.floor(index / 10_000)}${String(index % 10_000).padStart(4, '0')}`,
      ...(bySms ? { summary: 'Mi hermano fue detenido ayer en la mañana y no sabemos a dónde lo llevaron. Se llama Juan Pérez, tiene 30 años.' } : {}),
    };
    await store.create(input);
  }
  return items;
}

/** BatchWriteItem, 25 items a request, 8 requests in flight; retries what DynamoDB leaves unprocessed. */
async function load(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await timeConcurrently(batches.length, 8, async (index) => {
    let requests = batches[index]!.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  });
}

/**
 * The first page of a queue as the staff console asks for it (listQueue, 50 by default), from
 * a small and a large table side by side in one dynalite: the two take turns, one page at a
 * time, so that the machine's load, the JIT and the heap (which holds both tables) weigh on
 * both alike. The median of `runs` each.
 */
export async function benchListing(options: ListingOptions): Promise<ListingResult> {
  const [smallSize, largeSize] = options.sizes;
  const dynamo = await startLocalDynamo({ tableName: `bench-list-${randomUUID().slice(0, 8)}` });
  const small = dynamo.tableName;
  const large = `${small}-large`;
  try {
    await ensureTable(dynamo.client, createTableInput(large));
    const storeOf = (tableName: string) => new DynamoIntakeStore({ client: dynamo.client, tableName, vault: new LocalPiiVault('bench'), sourceKeys: new LocalOneWayKey('bench'), clock: () => new Date(), retentionDays: 730, auditRetentionDays: 2557 });
    const stores = { small: storeOf(small), large: storeOf(large) };

    // The same first intakes in both tables; then the large one grows.
    let start = performance.now();
    for (let at = 0; at < smallSize; at += 10_000) {
      const items = await intakeItems(at, Math.min(10_000, smallSize - at));
      await load(dynamo.client, small, items);
      await load(dynamo.client, large, items);
    }
    const smallLoad = round((performance.now() - start) / 2000, 1);
    start = performance.now();
    for (let at = smallSize; at < largeSize; at += 10_000) await load(dynamo.client, large, await intakeItems(at, Math.min(10_000, largeSize - at)));
    const largeLoad = round((performance.now() - start) / 1000 + smallLoad, 1);

    const durations = { small: [] as number[], large: [] as number[] };
    for (let run = 0; run < options.runs + WARMUP_RUNS; run++) {
      for (const size of ['small', 'large'] as const) {
        const begin = performance.now();
        const page = await stores[size].listQueue({ queueKey: QUEUE, status: 'new' });
        const elapsed = performance.now() - begin;
        if (page.items.length !== 50) throw new Error(`the first page had ${page.items.length} intakes, not 50`);
        if (run >= WARMUP_RUNS) durations[size].push(elapsed);
      }
    }
    const smallMs = round(median(durations.small));
    const largeMs = round(median(durations.large));
    const inQueue = (total: number) => Math.ceil(total / 6); // one queue of six, evenly
    return {
      queueKey: QUEUE,
      pageSize: 50,
      runs: options.runs,
      small: { intakes: smallSize, inQueue: inQueue(smallSize), medianMs: smallMs, loadSeconds: smallLoad },
      large: { intakes: largeSize, inQueue: inQueue(largeSize), medianMs: largeMs, loadSeconds: largeLoad },
      ratio: ratio(largeMs, smallMs),
      scannedPerPage: await scannedCount(dynamo.client, large),
    };
  } finally {
    await dynamo.stop();
  }
}

/** The same query as listQueue's, to read ScannedCount: how many index entries it read. */
async function scannedCount(client: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'byQueue',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'byQueuePk' },
      ExpressionAttributeValues: { ':pk': `QUEUE#${QUEUE}#new` },
      Limit: 50,
    }),
  );
  return result.ScannedCount ?? 0;
}
