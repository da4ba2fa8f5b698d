import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../ports/clock';
import type { PiiVault } from '../../ports/pii-vault';
import { TABLE_SCHEMA } from './table-schema';

/** A document client that drops undefined attributes instead of failing on them. */
export function documentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** What every store of the table is given: the document client, the table's name and the caller's clock. */
export interface TableAccess {
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
}

/** A store that keeps personal data has the vault that seals it too. */
export interface SealedTableAccess extends TableAccess {
  vault: PiiVault;
}

/**
 * An operation of a store's port as a function of the store's options: the form of the modules
 * of intakes/, registrations/, texters/ and of custody-event-store.ts, so that a function binds
 * (and bundles) only the operations it calls (shared/adapters/aws/stores/operations.ts, issue 18).
 */
export type StoreOperation<Store, Options, K extends keyof Store> = Store[K] extends (...args: infer A) => infer R ? (options: Options, ...args: A) => R : never;

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Every item a query matches, page after page. */
export async function* queryAll(client: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Up to `limit` items of a partition of the sparse `pending` index that are due by `now`, oldest first. */
export async function queryDue(client: DynamoDBDocumentClient, tableName: string, partition: string, now: Date, limit: number): Promise<Record<string, unknown>[]> {
  const pending = TABLE_SCHEMA.indexes.pending;
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: pending.indexName,
      KeyConditionExpression: '#pk = :pk AND #sk <= :due',
      ExpressionAttributeNames: { '#pk': pending.partitionKey, '#sk': pending.sortKey },
      // '~' sorts after every id, so everything due at `now` is included.
      ExpressionAttributeValues: { ':pk': partition, ':due': `${now.toISOString()}#~` },
      Limit: limit,
    }),
  );
  return result.Items ?? [];
}
