import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The least a function that writes to DynamoDB can be: the document client and one PutItem, no
 * zod, no Powertools, no domain. The bench bundles it like the functions, as the floor their
 * bundle size and init time are measured against.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { id: string }) => client.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { pk: event.id } }));
