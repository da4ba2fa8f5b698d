import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRouterHandler } from '../../functions/intake-router/create-handler';
import { createSmsIntakeHandler } from '../../functions/sms-intake/create-handler';
import { createSenderHandler } from '../../functions/sms-sender/create-handler';
import { ConnectTaskRouter } from '../../shared/adapters/connect/task-router';
import { documentClient } from '../../shared/adapters/dynamodb/client';
import { DynamoIntakeStore } from '../../shared/adapters/dynamodb/intake-store';
import { DynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { DynamoTexterStore } from '../../shared/adapters/dynamodb/texter-store';
import { observability } from '../../shared/adapters/lambda/observability';
import { LocalPiiVault } from '../../shared/adapters/pii/local-vault';
import { SnsSmsSender } from '../../shared/adapters/sns/sms-sender';
import type { Intake } from '../../shared/domain/intake';
import type { E164 } from '../../shared/domain/phone';
import { DEFAULT_FLOW_OPTIONS } from '../../shared/flows/hotline';
import { startLocalDynamo, localClientConfig, type LocalDynamo } from '../../local/dynamo';
import { runCall } from '../../local/flow-interpreter';
import { lambdaContext } from '../../local/lambda-context';
import { inboundSmsEvent } from '../../local/sms-events';
import { localVoice } from '../../local/voice';
import { faultyDynamo } from '../support/faulty-dynamo';
import { LocalOneWayKey } from '../../shared/adapters/pii/local-one-way-key';
import { manualClock } from '../support/store';

/**
 * Faults injected where AWS would produce them: DynamoDB throttling on the wire (the real SDK
 * retries it), Connect and SNS errors from their clients, a function slower than the flow waits.
 * Each test counts the faults it injected and checks that no intake was lost.
 */
const connect = mockClient(ConnectClient);
const sns = mockClient(SNSClient);
const time = manualClock('2026-11-23T15:00:00.000Z'); // a Monday, 10:00 in New York: every line open
let dynamo: LocalDynamo;
let proxy: Awaited<ReturnType<typeof faultyDynamo>>;
let stores: ReturnType<typeof storesOn>;

/** The functions' stores, through the proxy, with the SDK settings the functions use in AWS. */
function storesOn(endpoint: string, tableName: string) {
  const client = documentClient({ ...localClientConfig(endpoint), maxAttempts: 3 });
  const vault = new LocalPiiVault('faults');
  const shared = { client, tableName, vault, clock: time.clock };
  return {
    intakes: new DynamoIntakeStore({ ...shared, sourceKeys: new LocalOneWayKey('faults'), retentionDays: 30, auditRetentionDays: 30 }),
    texters: new DynamoTexterStore({ ...shared, retentionDays: 30, optedOutRetentionDays: 30 }),
    registrations: new DynamoRegistrationStore({ ...shared, retentionDays: 30, optedOutRetentionDays: 30 }),
  };
}

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  proxy = await faultyDynamo(dynamo.endpoint);
  stores = storesOn(proxy.endpoint, dynamo.tableName);
});
afterAll(async () => {
  await proxy.stop();
  await dynamo.stop();
});
beforeEach(() => {
  proxy.clear();
  for (const key of Object.keys(proxy.injected)) delete proxy.injected[key];
  connect.reset();
  sns.reset();
});

const quiet = () => observability({ logLevel: 'SILENT' });
const voice = () => localVoice({ store: stores.intakes, registrations: stores.registrations, texters: stores.texters, clock: time.clock, flowOptions: DEFAULT_FLOW_OPTIONS, ...quiet() });
const smsIntake = () => createSmsIntakeHandler({ ...quiet(), intakes: stores.intakes, texters: stores.texters, registrations: stores.registrations, clock: time.clock });
const allIntakes = async () => {
  const found: Intake[] = [];
  for (const queue of ['tip-en', 'tip-es', 'detainee-en', 'detainee-es', 'victim-en', 'victim-es'] as const) {
    found.push(...(await stores.intakes.listQueue({ queueKey: queue, status: 'new', limit: 100 })).items);
  }
  return found;
};

/** Lambda's asynchronous invocation, as SNS uses it: the first try, 2 retries, then the on-failure destination. */
async function invokeAsync(handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>, event: unknown, deadLetters: unknown[]) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await handler(event, lambdaContext('async'));
      return 'done';
    } catch {
      // Lambda waits, then tries again.
    }
  }
  deadLetters.push(event);
  return 'dead-lettered';
}

describe('DynamoDB throttling on create', () => {
  it('a call: retried by the SDK, the intake is recorded once and the caller hears the reference', async () => {
    proxy.inject({ operation: 'PutItem', times: 2, kind: 'throttle' });
    const { environment, entryFlow } = voice();
    const transcript = await runCall(environment, entryFlow, { from: '+12025550901', keys: ['1', '1'] });
    expect(proxy.injected).toEqual({ PutItem: 2 });
    const created = transcript.entries.find((entry) => entry.type === 'lambda' && entry.response?.referenceNumber);
    expect(created).toBeDefined();
    const reference = (created as { response: Record<string, string> }).response.referenceNumber!;
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'detainee-en' });
    expect(await stores.intakes.get(reference)).toMatchObject({ category: 'detainee', channel: 'voice' });
  });

  it('a call: still throttled after the retries, the caller hears an apology and is transferred all the same', async () => {
    proxy.inject({ operation: 'PutItem', times: 3, kind: 'throttle' });
    const before = (await allIntakes()).length;
    const { environment, entryFlow } = voice();
    const transcript = await runCall(environment, entryFlow, { from: '+12025550902', keys: ['2', '2', '2'] });
    expect(proxy.injected).toEqual({ PutItem: 3 });
    expect(transcript.entries.find((entry) => entry.type === 'lambda')).toMatchObject({ error: expect.stringContaining('throughput exceeded') });
    // The call itself is the contact: it reaches the tip line's Spanish queue, nothing half-written is left.
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'tip-es' });
    expect((await allIntakes()).length).toBe(before);
  });

  it('a text: retried by the SDK, one intake and one reply', async () => {
    const from = '+12025550903';
    await smsIntake()(inboundSmsEvent(from, 'Mi hermano fue detenido ayer por ICE en Houston y no sabemos dónde está', 'in-throttled-1'), lambdaContext('sms-intake'));
    const before = (await allIntakes()).length;
    proxy.inject({ operation: 'PutItem', times: 2, kind: 'throttle' });
    const [result] = await smsIntake()(inboundSmsEvent(from, '1', 'in-throttled-2'), lambdaContext('sms-intake'));
    expect(proxy.injected).toEqual({ PutItem: 2 });
    expect(result!.replies).toHaveLength(1);
    expect((await allIntakes()).length).toBe(before + 1);
  });

  it('a text: still throttled through every retry, it is dead-lettered; redriven, it becomes one intake: none lost', async () => {
    const deadLetters: unknown[] = [];
    const texters = ['+12025550904', '+12025550905', '+12025550906'];
    for (const from of texters) {
      await smsIntake()(inboundSmsEvent(from, 'Mi esposo fue detenido por inmigración esta mañana y no sabemos a dónde lo llevaron', `in-dlq-${from}-1`), lambdaContext('sms-intake'));
    }
    const before = (await allIntakes()).length;
    // The confirmations create the intakes: enough throttling for every try of every invocation of the first.
    proxy.inject({ operation: 'PutItem', times: 9, kind: 'throttle' });
    const confirmations = texters.map((from) => inboundSmsEvent(from, '1', `in-dlq-${from}-2`));
    const outcomes = [];
    for (const event of confirmations) outcomes.push(await invokeAsync(smsIntake(), event, deadLetters));
    // 3 invocations x 3 SDK attempts for the first confirmation; the others went through.
    expect(proxy.injected).toEqual({ PutItem: 9 });
    expect(outcomes).toEqual(['dead-lettered', 'done', 'done']);
    expect((await allIntakes()).length).toBe(before + 2);

    // An operator redrives the dead-letter queue once the table is healthy again; SNS may also deliver again.
    for (const event of deadLetters.splice(0)) expect(await invokeAsync(smsIntake(), event, deadLetters)).toBe('done');
    for (const event of confirmations) await smsIntake()(event, lambdaContext('sms-intake'));
    expect(deadLetters).toEqual([]);

    // Three confirmations, three intakes: none lost, none doubled.
    expect((await allIntakes()).length).toBe(before + 3);
    for (const from of texters) expect((await stores.texters.load(from as E164))?.texter.lastIntake).toBeDefined();
  });
});

describe('a Lambda timeout inside a flow', () => {
  it('the flow stops waiting, apologizes and transfers; the write finishes later and nothing is lost', async () => {
    proxy.inject({ operation: 'PutItem', times: 1, kind: { delayMs: 300 } });
    const { environment, entryFlow } = voice();
    // timeScale 0.01: the flow's 8-second limit becomes 80 ms.
    const transcript = await runCall({ ...environment, timeScale: 0.01 }, entryFlow, { from: '+12025550907', keys: ['1', '3', '2'] });
    expect(proxy.injected).toEqual({ PutItem: 1 });
    expect(transcript.entries.find((entry) => entry.type === 'lambda')).toMatchObject({ error: 'timed out after 80 ms' });
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'victim-en' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await allIntakes()).filter((intake) => intake.category === 'victim' && intake.channel === 'voice')).toHaveLength(1);
  });
});

describe('StartTaskContact failures', () => {
  it('leave the intake unrouted, with the error; the sweep retries with back-off and routes it once', async () => {
    const { intake } = await stores.intakes.create({ sourceKey: 'faults-route-1', category: 'tip', language: 'es', channel: 'sms', summary: 'Venden droga en la esquina' });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const quota = Object.assign(new Error('Too many active tasks'), { name: 'ServiceQuotaExceededException' });
    const faults = [throttled, quota];
    connect.on(StartTaskContactCommand).callsFake((input: { ClientToken?: string }) => {
      if (input.ClientToken !== `intake-${intake.id}`) return { ContactId: `task-for-${input.ClientToken}` };
      const fault = faults.shift();
      if (fault) throw fault;
      return { ContactId: 'task-after-faults' };
    });
    const router = createRouterHandler({
      ...quiet(),
      store: stores.intakes,
      router: new ConnectTaskRouter({ client: new ConnectClient({ region: 'us-east-1', maxAttempts: 1 }), instanceId: 'i', taskFlowId: 'f', clock: time.clock }),
      clock: time.clock,
    });
    const stream = { Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall({ pk: `INTAKE#${intake.id}`, sk: 'INTAKE', ...intake }, { removeUndefinedValues: true }) } }] };
    const sweep = { source: 'aws.events', 'detail-type': 'Scheduled Event' };

    expect(await router(stream, lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(await stores.intakes.get(intake.id)).toMatchObject({ routing: { state: 'unrouted', attempts: 1, lastError: expect.stringContaining('ThrottlingException') } });
    // Earlier tests left intakes unrouted too: the sweep routes them as well; count this one's attempts.
    const attempts = () => connect.commandCalls(StartTaskContactCommand).filter((call) => call.args[0].input.ClientToken === `intake-${intake.id}`);
    await router(sweep, lambdaContext('intake-router')); // not due yet: nothing is tried
    expect(attempts()).toHaveLength(1);

    time.advance(61_000);
    await router(sweep, lambdaContext('intake-router'));
    expect(await stores.intakes.get(intake.id)).toMatchObject({ routing: { state: 'unrouted', attempts: 2, lastError: expect.stringContaining('ServiceQuotaExceededException') } });
    time.advance(121_000);
    await router(sweep, lambdaContext('intake-router'));
    expect(await stores.intakes.get(intake.id)).toMatchObject({ routing: { state: 'routed', taskId: 'task-after-faults' } });

    // Two faults injected, three attempts, all with the intake's token: one task, however many attempts.
    expect(attempts()).toHaveLength(3);
  });
});

describe('SNS publish failure', () => {
  it('keeps the intake and the reply; the reply is retried and sent once', async () => {
    const from = '+12025550908' as E164;
    const handler = smsIntake();
    await handler(inboundSmsEvent(from, 'Mi hermano fue detenido ayer por ICE en Houston y no sabemos dónde está', 'in-sns-1'), lambdaContext('sms-intake'));
    await handler(inboundSmsEvent(from, '1', 'in-sns-2'), lambdaContext('sms-intake'));
    const reference = (await stores.texters.load(from))!.texter.lastIntake!.ref;
    expect(await stores.intakes.get(reference)).toBeDefined();

    const failure = Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
    let faults = 2;
    const delivered: string[] = [];
    sns.on(PublishCommand).callsFake((input: { PhoneNumber?: string; Message?: string }) => {
      if (input.PhoneNumber !== from) return { MessageId: 'other' };
      if (faults-- > 0) throw failure;
      delivered.push(input.Message!);
      return { MessageId: `sns-${delivered.length}` };
    });
    const sender = createSenderHandler({ ...quiet(), texters: stores.texters, sender: new SnsSmsSender(new SNSClient({ region: 'us-east-1', maxAttempts: 1 }), '+18885550100'), clock: time.clock });
    const key = await stores.texters.keyOf(from);
    const stream = { Records: [{ eventName: 'MODIFY', dynamodb: { SequenceNumber: '2', NewImage: marshall({ pk: `TEXTER#${key}`, sk: 'TEXTER' }) } }] };
    const sweep = { source: 'aws.events', 'detail-type': 'Scheduled Event' };

    await sender(stream, lambdaContext('sms-sender'));
    for (let minute = 0; minute < 10 && (await stores.texters.pendingTexts(key)); minute++) {
      time.advance(60_000);
      await sender(sweep, lambdaContext('sms-sender'));
    }
    const attempts = sns.commandCalls(PublishCommand).filter((call) => call.args[0].input.PhoneNumber === from);
    expect(faults).toBeLessThan(0); // both injected faults were met
    expect(attempts).toHaveLength(delivered.length + 2);
    // Every reply queued for the texter went out exactly once, in order, the reference last.
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.at(-1)).toContain(reference);
    expect(await stores.texters.pendingTexts(key)).toBeUndefined();
    expect(await stores.intakes.get(reference)).toMatchObject({ category: 'detainee', language: 'es' });
  });
});
