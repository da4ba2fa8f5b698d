/**
 * dynalite's own share of sms-intake's latency ratio: the texter write the handler makes (an
 * UpdateItem, captured from a real "3" at the menu) replayed on other texters at the menu, against
 * the bench's raw side (a PutItem of the written item with the same condition), one request at a
 * time, in CPU ms per request. No handler code runs in the measured loops.
 *
 *   npx tsx local/bench/update-vs-put.ts [count]
 */
import { GetItemCommand, PutItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { createSmsIntakeHandler } from '../../functions/sms-intake/create-handler';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { DynamoTexterStore } from '../../shared/adapters/dynamodb/texter-store';
import { observability } from '../../shared/adapters/lambda/observability';
import { LocalPiiVault } from '../../shared/adapters/pii/local-vault';
import { TexterCache } from '../../shared/adapters/texter-cache';
import type { IntakeStore } from '../../shared/ports/intake-store';
import type { RegistrationStore } from '../../shared/ports/victim-notices';
import { toE164 } from '../../shared/domain/phone';
import { systemClock } from '../../shared/ports/clock';
import { localClientConfig, startLocalDynamo } from '../dynamo';
import { lambdaContext } from '../lambda-context';
import { inboundSmsEvent } from '../sms-events';
import { texterNumber } from './latency';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const count = Number(process.argv[2] ?? 1000);
const dynamo = await startLocalDynamo({ tableName: 'update-vs-put' });
const raw = new DynamoDBClient(localClientConfig(dynamo.endpoint));
const vault = new LocalPiiVault('bench');
const texters = new DynamoTexterStore({ client: dynamo.client, tableName: dynamo.tableName, vault, clock: systemClock, retentionDays: 30, optedOutRetentionDays: 730 });
// The menu answer touches neither intakes nor registrations.
const handler = createSmsIntakeHandler({ ...observability({ logLevel: 'SILENT' }), intakes: {} as IntakeStore, texters: new TexterCache(texters), registrations: {} as RegistrationStore, clock: systemClock });

let captured: UpdateCommandInput | undefined;
dynamo.client.middlewareStack.add(
  (next, context) => (args) => {
    if (context.commandName === 'UpdateItemCommand') captured = structuredClone(args.input as UpdateCommandInput);
    return next(args);
  },
  { step: 'initialize', name: 'captureTexterWrite' },
);

// Every texter at the menu (version 1), as the bench brings them there.
const texterKey = async (index: number) => keys.texter(await vault.fingerprint(toE164(texterNumber(index))!));
for (let index = 0; index <= 2 * count; index++) await handler(inboundSmsEvent(texterNumber(index), 'necesito información por favor'), lambdaContext('sms-intake'));
await handler(inboundSmsEvent(texterNumber(0), '3'), lambdaContext('sms-intake'));
const update = captured!;
const { Item } = await raw.send(new GetItemCommand({ TableName: dynamo.tableName, Key: { pk: { S: (await texterKey(0)).pk }, sk: { S: (await texterKey(0)).sk } } }));
const expected = update.ExpressionAttributeValues![':expected'] as number;
for (let index = 0; index < count; index++) await raw.send(new PutItemCommand({ TableName: dynamo.tableName, Item: { ...Item!, pk: { S: `BENCH#${index}` }, version: { N: String(expected) } } }));

const cpuMsPerRequest = async (run: (index: number) => Promise<unknown>, from: number, size: number) => {
  const start = process.cpuUsage();
  for (let index = from; index < from + size; index++) await run(index);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / size / 1000;
};
const keysOf = await Promise.all(Array.from({ length: count }, (_, index) => texterKey(index + 1)));
const updates = (index: number) => dynamo.client.send(new UpdateCommand({ ...update, Key: keysOf[index]! }));
const puts = (index: number) =>
  raw.send(new PutItemCommand({ TableName: dynamo.tableName, Item: { ...Item!, pk: { S: `BENCH#${index}` } }, ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': { N: String(expected) } } }));
// In turns, half each time, so that the JIT and the growing heap weigh on both alike.
const half = Math.floor(count / 2);
const result = { update: 0, put: 0 };
for (const from of [0, half]) {
  result.update += (await cpuMsPerRequest(updates, from, half)) / 2;
  result.put += (await cpuMsPerRequest(puts, from, half)) / 2;
}
console.log(JSON.stringify({ count: 2 * half, updateExpression: update.UpdateExpression, cpuMsPerRequest: { update: +result.update.toFixed(2), put: +result.put.toFixed(2) }, ratio: +(result.update / result.put).toFixed(2) }, null, 2));
raw.destroy();
await dynamo.stop();
