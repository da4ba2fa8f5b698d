/**
 * A function's SDK floor: the least a function constructing the same SDK clients can be. For
 * each client the function's bundle holds, the floor constructs it and sends one command the
 * project sends through it; no zod, no Powertools, no domain. The bench bundles it exactly like
 * the functions, and measures each function against its own floor (issue 18).
 */
export const FLOOR_CLIENTS = {
  'client-dynamodb': {
    imports: ["import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", "import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';"],
    construct: 'const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
    send: "dynamodb.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { pk: event.id }, ConditionExpression: 'attribute_not_exists(pk)' }))",
  },
  'client-kms': {
    imports: ["import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';"],
    construct: 'const kms = new KMSClient({});',
    send: "kms.send(new GenerateDataKeyCommand({ KeyId: process.env.PII_KEY_ARN, KeySpec: 'AES_256' }))",
  },
  'client-connect': {
    imports: ["import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';"],
    construct: 'const connect = new ConnectClient({});',
    send: "connect.send(new StartTaskContactCommand({ InstanceId: process.env.CONNECT_INSTANCE_ID, ContactFlowId: process.env.TASK_FLOW_ID, Name: 'floor' }))",
  },
  'client-sqs': {
    imports: ["import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';"],
    construct: 'const sqs = new SQSClient({});',
    send: "sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.NOTICE_QUEUE_URL, Entries: [{ Id: '1', MessageBody: event.id }] }))",
  },
  'client-sns': {
    imports: ["import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';"],
    construct: 'const sns = new SNSClient({});',
    send: "sns.send(new PublishCommand({ PhoneNumber: event.id, Message: 'floor' }))",
  },
  'client-sesv2': {
    imports: ["import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';"],
    construct: 'const ses = new SESv2Client({});',
    send: "ses.send(new SendEmailCommand({ FromEmailAddress: process.env.NOTICE_EMAIL_FROM, Destination: { ToAddresses: [event.id] }, Content: { Simple: { Subject: { Data: 'floor' }, Body: { Text: { Data: 'floor' } } } } }))",
  },
} as const;

export type FloorClient = keyof typeof FLOOR_CLIENTS;

export function isFloorClient(name: string): name is FloorClient {
  return Object.hasOwn(FLOOR_CLIENTS, name);
}

/** The floor's source: the clients constructed at load, as a function does, one command each. */
export function floorSource(clients: readonly FloorClient[]): string {
  const parts = [...clients].sort().map((client) => FLOOR_CLIENTS[client]);
  return [
    ...parts.flatMap((part) => part.imports),
    ...parts.map((part) => part.construct),
    `export const handler = async (event: { id: string }) => Promise.all([${parts.map((part) => part.send).join(', ')}]);`,
    '',
  ].join('\n');
}
