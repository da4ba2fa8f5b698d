import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TABLE_SCHEMA } from './table-schema';

/** A document client that drops undefined attributes instead of failing on them. */
export function documentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

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
