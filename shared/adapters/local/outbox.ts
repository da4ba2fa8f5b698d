import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { isConditionalCheckFailed } from '../dynamodb/client';

/** What the local runtime "sent" instead of AWS: Connect tasks, texts, e-mails. */
export type OutboxKind = 'task' | 'sms' | 'email';

/** The local runtime's outbox table: a stand-in for Connect, SNS and SES, not the hotline's table. */
export const LOCAL_OUTBOX_TABLE = 'enlace-local-outbox';

export function outboxTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'kind', AttributeType: 'S' },
      { AttributeName: 'key', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'kind', KeyType: 'HASH' },
      { AttributeName: 'key', KeyType: 'RANGE' },
    ],
  };
}

/**
 * The local runtime's record of everything it would have sent through AWS, in its own table so
 * that `--data` keeps it and the console can show it.
 */
export class LocalOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records an item once per key; the same key again returns the first record. */
  async putOnce<T extends Record<string, unknown>>(kind: OutboxKind, key: string, record: T): Promise<{ record: T; created: boolean }> {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { kind, key, ...record }, ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': 'key' } }),
      );
      return { record, created: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const [existing] = (await this.list<T & { key: string }>(kind)).filter((item) => item.key === key);
      return { record: existing as T, created: false };
    }
  }

  /** Adds fields to a record (one that is not there is left absent). */
  async amend(kind: OutboxKind, key: string, fields: Record<string, unknown>): Promise<void> {
    const names = Object.keys(fields);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { kind, key },
          UpdateExpression: `SET ${names.map((_, index) => `#f${index} = :f${index}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(#key)',
          ExpressionAttributeNames: { '#key': 'key', ...Object.fromEntries(names.map((name, index) => [`#f${index}`, name])) },
          ExpressionAttributeValues: Object.fromEntries(names.map((name, index) => [`:f${index}`, fields[name]])),
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async list<T>(kind: OutboxKind): Promise<T[]> {
    const items: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'kind = :kind',
          ExpressionAttributeValues: { ':kind': kind },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as T[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
