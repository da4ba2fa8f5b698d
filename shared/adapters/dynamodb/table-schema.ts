import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one DynamoDB table, defined once: the CDK construct and the local bootstrap both build
 * it from this description, and the store reads its attribute names from here.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which DynamoDB deletes the item (sessions, closed intakes). */
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /** A queue's intakes in one status, oldest first. */
    byQueue: { indexName: 'byQueue', partitionKey: 'byQueuePk', sortKey: 'byQueueSk' },
    /**
     * Sparse: work still to be done, one partition per kind (an intake waiting for its Connect
     * task, texts waiting to be sent), sorted by when it is next due.
     */
    pending: { indexName: 'pending', partitionKey: 'pendingPk', sortKey: 'pendingSk' },
    /**
     * Sparse: intakes with a phone number, by the keyed hash of that number, newest first: staff
     * find a contact's intakes without a scan and without the number ever being a key. Items
     * without `byContactPk` are not in it (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html).
     */
    byContact: { indexName: 'byContact', partitionKey: 'byContactPk', sortKey: 'byContactSk' },
    /**
     * Sparse: audit events by the UTC day they happened, in time order (the audit page: a day, and
     * within it a person by a filter on one partition). Only items that carry an audit event have
     * `auditDayPk`. One index, not one per filter: CloudFormation adds one index per table update
     * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html).
     */
    byAuditDay: { indexName: 'byAuditDay', partitionKey: 'auditDayPk', sortKey: 'auditSk' },
  },
} as const;

export type IndexName = keyof typeof TABLE_SCHEMA.indexes;

/** The CreateTable request for the local runtime and the tests (all keys are strings). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const indexes = Object.values(TABLE_SCHEMA.indexes);
  const attributes = [
    TABLE_SCHEMA.partitionKey,
    TABLE_SCHEMA.sortKey,
    ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
