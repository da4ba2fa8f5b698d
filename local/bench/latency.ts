import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand, type AttributeValue, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createCallIntakeHandler } from '../../functions/call-intake/create-handler';
import { createSmsIntakeHandler } from '../../functions/sms-intake/create-handler';
import { TexterCache } from '../../shared/adapters/texter-cache';
import { DynamoIntakeStore } from '../../shared/adapters/dynamodb/intake-store';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { DynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { DynamoTexterStore } from '../../shared/adapters/dynamodb/texter-store';
import { observability } from '../../shared/adapters/lambda/observability';
import { LocalPiiVault } from '../../shared/adapters/pii/local-vault';
import { DEFAULT_HOURS } from '../../shared/domain/hours';
import { toE164 } from '../../shared/domain/phone';
import { systemClock } from '../../shared/ports/clock';
import { localClientConfig, startLocalDynamo, type LocalDynamo } from '../dynamo';
import { lambdaContext } from '../lambda-context';
import { inboundSmsEvent } from '../sms-events';
import { LocalOneWayKey } from '../../shared/adapters/pii/local-one-way-key';
import { summarize, timeConcurrently, type LatencySummary } from './stats';

export interface LatencyOptions {
  count: number;
  concurrency: number;
  /** Unmeasured runs first, of each side, so that the JIT and the connections are warm. */
  warmup: number;
  /** The sides take turns in this many blocks (of the warm-up, then of the measured runs). */
  rounds: number;
}

export interface SideResult extends LatencySummary {
  /** CPU time of this whole process (handler, SDK and dynalite) per operation. */
  cpuMsPerOp: number;
}

export interface LatencyResult {
  handler: SideResult;
  raw: SideResult;
  ratio: { p50: number; p99: number };
  /** The size of the item written, as DynamoDB counts it; the raw PutItem writes one as big. */
  itemBytes: number;
  /** DynamoDB requests the handler made per invocation, by operation. */
  dynamoCallsPerInvocation: Record<string, number>;
  /** The condition of the handler's write, which the raw PutItem carries too. */
  condition: string;
  scenario: string;
}

/** dynalite in this process, and a count of the requests made through its document client. */
async function instrumentedDynamo(): Promise<{ dynamo: LocalDynamo; calls: Map<string, number>; lastWrite: { condition?: WriteCondition } }> {
  const dynamo = await startLocalDynamo({ tableName: `bench-${randomUUID().slice(0, 8)}` });
  const calls = new Map<string, number>();
  const lastWrite: { condition?: WriteCondition } = {};
  // The document client shares its middleware stack with the client it wraps: every request
  // the stores make passes here.
  dynamo.client.middlewareStack.add(
    (next, context) => (args) => {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      calls.set(name, (calls.get(name) ?? 0) + 1);
      const input = args.input as { ConditionExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> };
      if ((name === 'PutItem' || name === 'UpdateItem') && input.ConditionExpression) lastWrite.condition = conditionOf(input);
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
  return { dynamo, calls, lastWrite };
}

/** A write's condition, in the document client's terms (plain values). */
export interface WriteCondition {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function conditionOf(input: { ConditionExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> }): WriteCondition {
  const expression = input.ConditionExpression!;
  // Only what the condition refers to: an UpdateItem's names and values also serve its SET.
  const used = (map: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(map ?? {}).filter(([token]) => new RegExp(`${token}\\b`).test(expression)));
  return { expression, names: used(input.ExpressionAttributeNames) as Record<string, string>, values: used(input.ExpressionAttributeValues) };
}

/**
 * The raw side's PutItem carries the handler's condition. Where the condition asks an attribute
 * to equal a value (`#version = :expected`), the raw item is first written with that value (not
 * measured), as the handler's item was, so that the condition holds and the write goes through.
 */
export function rawConditionalPut(condition: WriteCondition | undefined): {
  params: Pick<PutItemCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;
  seed: Record<string, AttributeValue>;
} {
  if (!condition) return { params: {}, seed: {} };
  const values = marshall(condition.values);
  const seed: Record<string, AttributeValue> = {};
  for (const [, name, token] of condition.expression.matchAll(/(#?[A-Za-z_][\w]*)\s*=\s*(:[\w]+)/g)) {
    seed[name!.startsWith('#') ? condition.names[name!]! : name!] = values[token!]!;
  }
  return {
    params: {
      ConditionExpression: condition.expression,
      ...(Object.keys(condition.names).length ? { ExpressionAttributeNames: condition.names } : {}),
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
    seed,
  };
}

function stores(dynamo: LocalDynamo) {
  const vault = new LocalPiiVault('bench');
  const shared = { client: dynamo.client, tableName: dynamo.tableName, clock: systemClock };
  return {
    vault,
    intakes: new DynamoIntakeStore({ ...shared, vault, sourceKeys: new LocalOneWayKey('bench'), retentionDays: 730, auditRetentionDays: 2557 }),
    texters: new DynamoTexterStore({ ...shared, vault, retentionDays: 30, optedOutRetentionDays: 730 }),
    registrations: new DynamoRegistrationStore({ ...shared, vault, retentionDays: 730, optedOutRetentionDays: 730 }),
  };
}

/** DynamoDB's item size: attribute names plus values (strings in UTF-8, numbers about 1 byte per 2 digits). */
export function dynamoItemSize(item: Record<string, AttributeValue>): number {
  const value = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
    if (v.B !== undefined) return v.B.length;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.L !== undefined) return 3 + v.L.reduce((sum, item) => sum + 1 + value(item), 0);
    if (v.M !== undefined) return 3 + Object.entries(v.M).reduce((sum, [name, item]) => sum + 1 + Buffer.byteLength(name) + value(item), 0);
    if (v.SS !== undefined) return v.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
    if (v.NS !== undefined) return v.NS.reduce((sum, n) => sum + Math.ceil(n.length / 2) + 1, 0);
    return 0;
  };
  return Object.entries(item).reduce((sum, [name, v]) => sum + Buffer.byteLength(name) + value(v), 0);
}

/**
 * Handler and raw PutItem, same endpoint, same count and concurrency. Both sides warm up first,
 * then they take turns: `rounds` blocks of each, so that the JIT, the growing table and the
 * growing heap weigh on both alike (measured one after the other, the side measured first paid
 * for most of the JIT's work). `written` reads back the item an invocation wrote so that the raw
 * write carries one exactly as big.
 */
async function compare(
  options: LatencyOptions,
  scenario: string,
  setup: (dynamo: LocalDynamo) => Promise<{
    invoke: (index: number, phase: 'warmup' | 'measure') => Promise<unknown>;
    written: () => Promise<Record<string, unknown>>;
  }>,
): Promise<LatencyResult> {
  const { dynamo, calls, lastWrite } = await instrumentedDynamo();
  const raw = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  try {
    const { invoke, written } = await setup(dynamo);
    // The item an invocation wrote, read back: the raw write copies it under new keys.
    await invoke(0, 'warmup');
    const { Item } = await raw.send(new GetItemCommand({ TableName: dynamo.tableName, Key: toAttributes(await written()), ConsistentRead: true }));
    if (!Item) throw new Error(`${scenario}: the handler wrote no item where expected`);
    // The same condition as the handler's write: without it the raw side skips dynalite's
    // expression parsing and evaluation, which the handler pays for.
    const { params: condition, seed } = rawConditionalPut(lastWrite.condition);
    const rawKey = (index: number) => ({ S: `BENCH#${index}` });
    if (Object.keys(seed).length > 0) {
      await timeConcurrently(options.warmup + options.count, options.concurrency, (index) =>
        raw.send(new PutItemCommand({ TableName: dynamo.tableName, Item: { ...Item, ...seed, pk: rawKey(index) } })),
      );
    }
    let rawIndex = 0;
    const rawPut = () => raw.send(new PutItemCommand({ TableName: dynamo.tableName, Item: { ...Item, ...seed, pk: rawKey(rawIndex++) }, ...condition }));

    const rounds = Math.max(1, Math.min(options.rounds, Math.floor(options.count / options.concurrency)));
    const blocks = (total: number) => Array.from({ length: rounds }, (_, i) => Math.floor((total * (i + 1)) / rounds) - Math.floor((total * i) / rounds));
    let warmed = 1;
    for (const size of blocks(options.warmup)) {
      const from = warmed;
      await timeConcurrently(size, options.concurrency, (i) => invoke(from + i, 'warmup'));
      await timeConcurrently(size, options.concurrency, rawPut);
      warmed += size;
    }

    calls.clear();
    const handlerDurations: number[] = [];
    const rawDurations: number[] = [];
    let handlerCpu = 0;
    let rawCpu = 0;
    let measured = 0;
    for (const size of blocks(options.count)) {
      const from = measured;
      let cpu = process.cpuUsage();
      handlerDurations.push(...(await timeConcurrently(size, options.concurrency, (i) => invoke(from + i, 'measure'))));
      handlerCpu += cpuMicros(process.cpuUsage(cpu));
      cpu = process.cpuUsage();
      rawDurations.push(...(await timeConcurrently(size, options.concurrency, rawPut)));
      rawCpu += cpuMicros(process.cpuUsage(cpu));
      measured += size;
    }
    const callsPerInvocation = Object.fromEntries([...calls].map(([name, n]) => [name, Math.round((n / options.count) * 100) / 100]));

    const handler = { ...summarize(handlerDurations, options.concurrency), cpuMsPerOp: Math.round(handlerCpu / options.count / 10) / 100 };
    const rawSide = { ...summarize(rawDurations, options.concurrency), cpuMsPerOp: Math.round(rawCpu / options.count / 10) / 100 };
    return {
      scenario,
      handler,
      raw: rawSide,
      ratio: { p50: ratio(handler.p50Ms, rawSide.p50Ms), p99: ratio(handler.p99Ms, rawSide.p99Ms) },
      itemBytes: dynamoItemSize(Item),
      dynamoCallsPerInvocation: callsPerInvocation,
      condition: lastWrite.condition?.expression ?? '',
    };
  } finally {
    raw.destroy();
    await dynamo.stop();
  }
}

function toAttributes(key: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: String(value) }]));
}

function cpuMicros(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

/** What Amazon Connect sends a flow's Lambda function: a new call asking for an intake. */
export function connectCreateEvent(contactId: string, callerNumber: string) {
  const instanceArn = 'arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: { language: 'es', category: 'detainee' },
        AwsRegion: 'us-east-1',
        Channel: 'VOICE',
        ContactId: contactId,
        CustomerEndpoint: { Address: callerNumber, Type: 'TELEPHONE_NUMBER' },
        CustomerId: null,
        Description: null,
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: instanceArn,
        LanguageCode: 'es-US',
        MediaStreams: { Customer: { Audio: null } },
        Name: null,
        PreviousContactId: contactId,
        Queue: null,
        References: {},
        SystemEndpoint: { Address: '+18005550100', Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: { action: 'create', category: 'detainee', language: 'es', anonymous: 'false' },
    },
    Version: '1.0',
  };
}

/** A distinct, valid US number per index (the 555-01XX range has too few). */
export function texterNumber(index: number): string {
  const exchange = 200 + Math.floor(index / 10_000);
  const number = `+1202${exchange}${String(index % 10_000).padStart(4, '0')}`;
  if (!toE164(number)) throw new Error(`${number} is not a valid number`);
  return number;
}

/** call-intake: a new call in Spanish about a detained person, a new ContactId each time. */
export function benchCallIntake(options: LatencyOptions): Promise<LatencyResult> {
  return compare(options, 'Connect "create" event, new ContactId each: one new intake', async (dynamo) => {
    const { intakes, registrations, texters } = stores(dynamo);
    const handler = createCallIntakeHandler({
      ...observability({ logLevel: 'SILENT', serviceName: 'call-intake' }),
      store: intakes,
      registrations,
      texters,
      hours: DEFAULT_HOURS,
      clock: systemClock,
    });
    let lastRef: string | undefined;
    return {
      invoke: async (index, phase) => {
        const result = await handler(connectCreateEvent(`${phase}-${index}-${randomUUID()}`, '+12025550143'), lambdaContext('call-intake'));
        if (result.result !== 'created') throw new Error(`call-intake answered ${JSON.stringify(result)}`);
        lastRef = result.referenceNumber;
      },
      written: async () => keys.intake(lastRef!),
    };
  });
}

/**
 * sms-intake: a texter answers the menu ("3", victim services) in the middle of a conversation.
 * Every invocation is a different texter, brought to the menu beforehand (not measured).
 */
export function benchSmsIntake(options: LatencyOptions): Promise<LatencyResult> {
  return compare(options, 'texter answers the menu ("3"), mid-conversation, a distinct texter each', async (dynamo) => {
    const { intakes, registrations, texters, vault } = stores(dynamo);
    // Composed as functions/sms-intake/handler.ts is: the warm function remembers the texters it saved.
    const handler = createSmsIntakeHandler({ ...observability({ logLevel: 'SILENT', serviceName: 'sms-intake' }), intakes, texters: new TexterCache(texters), registrations, clock: systemClock });
    const number = (index: number, phase: 'warmup' | 'measure') => texterNumber(phase === 'warmup' ? 90_000 + index : index);
    const expectStep = (result: { step?: string; replies: string[] } | undefined, step: string) => {
      if (result?.step !== step || result.replies.length !== 1) throw new Error(`sms-intake answered ${JSON.stringify(result)}, not the ${step} step`);
    };
    // Every texter first writes a vague text and gets the menu.
    const toMenu = async (phase: 'warmup' | 'measure', count: number) =>
      timeConcurrently(count, options.concurrency, async (index) => {
        const [result] = await handler(inboundSmsEvent(number(index, phase), 'necesito información por favor'), lambdaContext('sms-intake'));
        expectStep(result, 'category');
      });
    await toMenu('warmup', options.warmup + 1);
    await toMenu('measure', options.count);
    let lastNumber: string | undefined;
    return {
      invoke: async (index, phase) => {
        lastNumber = number(index, phase);
        const [result] = await handler(inboundSmsEvent(lastNumber, '3'), lambdaContext('sms-intake'));
        expectStep(result, 'victim_need');
      },
      written: async () => keys.texter(await vault.fingerprint(toE164(lastNumber!)!)),
    };
  });
}
