import { ConnectClient, ContactNotFoundException, InternalServiceException, StartTaskContactCommand, StopContactCommand, ThrottlingException } from '@aws-sdk/client-connect';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRouterHandler } from '../../functions/intake-router/create-handler';
import { taskRouterFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import type { Intake } from '../../shared/domain/intake';
import { lambdaContext } from '../../local/lambda-context';
import { manualClock, storeOnDynalite } from '../support/store';

const connect = mockClient(ConnectClient);
const time = manualClock('2026-11-28T15:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());
beforeEach(() => connect.reset());

const TASK_ENV = { CONNECT_INSTANCE_ID: 'instance-1', TASK_FLOW_ID: 'flow-task', CONSOLE_URL: 'https://console.example.org' };

function handler() {
  return createRouterHandler({ ...observability({ logLevel: 'SILENT' }), store: env.store, router: taskRouterFromEnvironment(time.clock, TASK_ENV), clock: time.clock });
}

function streamEvent(...intakes: Intake[]) {
  return {
    Records: intakes.map((intake, index) => ({
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: String(100 + index), NewImage: marshall({ pk: `INTAKE#${intake.id}`, sk: 'INTAKE', ...intake }, { removeUndefinedValues: true }) },
    })),
  };
}

/** The stream's record of a change to an intake (a move by staff: routed before, unrouted now). */
function modified(intake: Intake) {
  return { Records: streamEvent(intake).Records.map((record) => ({ ...record, eventName: 'MODIFY' })) };
}

async function callback(sourceKey: string) {
  const { intake } = await env.store.create({
    sourceKey,
    category: 'detainee',
    language: 'es',
    channel: 'voice',
    phone: '2025550188',
    callbackAt: '2026-11-30T13:00:00.000Z',
  });
  return intake;
}

describe('the intake router', () => {
  it('starts one Connect task per new intake, scheduled for a callback, and records it', async () => {
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-1' });
    const intake = await callback('router-1');
    const response = await handler()(streamEvent(intake), lambdaContext('intake-router'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(connect.commandCalls(StartTaskContactCommand).map((call) => call.args[0].input)).toEqual([
      {
        InstanceId: 'instance-1',
        ContactFlowId: 'flow-task',
        Name: `Callback ${intake.id} · detainee · es`,
        Attributes: { intakeId: intake.id, queueKey: 'detainee-es', category: 'detainee', language: 'es', channel: 'voice' },
        References: { intake: { Type: 'URL', Value: `https://console.example.org/#/intakes/${intake.id}` } },
        ClientToken: `intake-${intake.id}`,
        ScheduledTime: new Date('2026-11-30T13:00:00.000Z'),
      },
    ]);
    expect(await env.store.get(intake.id)).toMatchObject({ routing: { state: 'routed', via: 'task', taskId: 'task-1' } });
    expect((await env.store.timeline(intake.id)).map((event) => event.type)).toEqual(['routed']);
    // No phone number leaves for Connect.
    expect(JSON.stringify(connect.calls().map((call) => call.args[0].input))).not.toContain('2025550188');
  });

  it('gives the task the reference number and the console link only: what was said is read in the console, audited', async () => {
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-summary' });
    const summary = 'Venden droga en la casa azul de la calle Elm, el hombre se llama Rogelio';
    const { intake } = await env.store.create({ sourceKey: 'router-summary', category: 'tip', language: 'es', channel: 'sms', anonymous: true, summary });
    await handler()(streamEvent(intake), lambdaContext('intake-router'));
    const [input] = connect.commandCalls(StartTaskContactCommand).map((call) => call.args[0].input);
    expect(input).not.toHaveProperty('Description');
    expect(input!.References).toEqual({ intake: { Type: 'URL', Value: `https://console.example.org/#/intakes/${intake.id}` } });
    expect(JSON.stringify(input)).not.toContain('Rogelio');
  });

  it('keeps a failed intake unrouted and visible, and routes it on a later sweep', async () => {
    connect.on(StartTaskContactCommand).rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} })).resolves({ ContactId: 'task-2' });
    const intake = await callback('router-2');
    expect(await handler()(streamEvent(intake), lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(await env.store.get(intake.id)).toMatchObject({ routing: { state: 'unrouted', attempts: 1, lastError: 'ThrottlingException: Rate exceeded' } });

    // Not due before its back-off; due after it.
    await handler()({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, lambdaContext('intake-router'));
    expect(connect.commandCalls(StartTaskContactCommand)).toHaveLength(1);
    time.advance(2 * 60_000);
    await handler()({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, lambdaContext('intake-router'));
    expect(connect.commandCalls(StartTaskContactCommand)).toHaveLength(2);
    expect(await env.store.get(intake.id)).toMatchObject({ routing: { state: 'routed', taskId: 'task-2' } });
    expect((await env.store.timeline(intake.id)).map((event) => event.type)).toEqual(['routing_failed', 'routed']);
  });

  it('reports a record back to the stream only when even the failure cannot be recorded', async () => {
    connect.on(StartTaskContactCommand).rejects(new Error('boom'));
    const intake = await callback('router-3');
    const record = vi.spyOn(env.store, 'recordRoutingFailure').mockRejectedValueOnce(new Error('table unavailable'));
    expect(await handler()(streamEvent(intake), lambdaContext('intake-router'))).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    record.mockRestore();
  });

  it('counts every new intake on its queue\'s day once, a call (no task) as a text, however often the stream delivers it', async () => {
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-count' });
    // The first intakes of this queue's day in these tests: nothing counted before.
    const { intake: call } = await env.store.create({ sourceKey: 'router-count-call', category: 'victim', language: 'en', channel: 'voice', summary: 'Call' });
    const { intake: text } = await env.store.create({ sourceKey: 'router-count-text', category: 'victim', language: 'en', channel: 'sms', summary: 'Text' });
    const receivedToday = async () => (await env.store.dailyCounts('victim-en', call.createdAt.slice(0, 10), call.createdAt.slice(0, 10)))[0]?.received ?? 0;
    expect(await receivedToday()).toBe(0);

    // The same records twice in a batch (same sequence numbers), and the batch again (a retry after a timeout).
    const once = streamEvent(call, text);
    const batch = { Records: [...once.Records, ...once.Records] };
    expect(await handler()(batch, lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(await handler()(batch, lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(await receivedToday()).toBe(2);
    // A change of an intake is not a new one.
    const modified = { Records: batch.Records.map((record) => ({ ...record, eventName: 'MODIFY' })) };
    const { intake: late } = await env.store.create({ sourceKey: 'router-count-late', category: 'victim', language: 'en', channel: 'voice', summary: 'Call' });
    const lateChange = streamEvent(late).Records.map((record) => ({ ...record, eventName: 'MODIFY', dynamodb: { ...record.dynamodb, SequenceNumber: '200' } }));
    expect(await handler()({ Records: [...modified.Records.map((record, index) => ({ ...record, dynamodb: { ...record.dynamodb, SequenceNumber: String(300 + index) } })), ...lateChange] }, lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(await receivedToday()).toBe(2);
  });

  it('ends the task in the old queue once the intake moved by staff has its task in the new one', async () => {
    connect.on(StartTaskContactCommand).resolvesOnce({ ContactId: 'task-old-queue' }).resolves({ ContactId: 'task-new-queue' });
    connect.on(StopContactCommand).resolves({});
    const { intake } = await env.store.create({ sourceKey: 'router-move', category: 'tip', language: 'en', channel: 'sms', summary: 'Boxes at night' });
    await handler()(streamEvent(intake), lambdaContext('intake-router'));
    time.advance(1000);
    const moved = await env.store.transfer(intake.id, { to: 'detainee-en', reason: 'Her brother is detained', expectedVersion: 1, actor: 'ana' });
    expect(connect.commandCalls(StopContactCommand)).toHaveLength(0);

    expect(await handler()(modified(moved), lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(await env.store.get(intake.id)).toMatchObject({ queueKey: 'detainee-en', routing: { state: 'routed', taskId: 'task-new-queue' } });
    // Before, the old queue's agents kept a task for an intake that was no longer theirs.
    expect(connect.commandCalls(StopContactCommand).map((call) => call.args[0].input)).toEqual([{ InstanceId: 'instance-1', ContactId: 'task-old-queue' }]);
  });

  it('takes a task already ended as ended, and routes the intake even when its old task cannot be ended', async () => {
    connect.on(StartTaskContactCommand).resolvesOnce({ ContactId: 'task-ended' }).resolvesOnce({ ContactId: 'task-a' }).resolvesOnce({ ContactId: 'task-b' }).resolves({ ContactId: 'task-c' });
    connect
      .on(StopContactCommand)
      .rejectsOnce(new ContactNotFoundException({ message: 'Contact not found', $metadata: {} }))
      .rejects(new InternalServiceException({ message: 'Internal error', $metadata: {} }));
    const logs = observability({ logLevel: 'WARN' });
    const warn = vi.spyOn(logs.logger, 'warn').mockImplementation(() => undefined);
    const router = createRouterHandler({ ...logs, store: env.store, router: taskRouterFromEnvironment(time.clock, TASK_ENV), clock: time.clock });
    const moveTwice = async (sourceKey: string) => {
      const { intake } = await env.store.create({ sourceKey, category: 'tip', language: 'en', channel: 'sms', summary: 'Boxes at night' });
      await router(streamEvent(intake), lambdaContext('intake-router'));
      time.advance(1000);
      return env.store.transfer(intake.id, { to: 'victim-en', reason: 'A victim', expectedVersion: 1, actor: 'ana' });
    };

    const ended = await moveTwice('router-move-ended');
    expect(await router(modified(ended), lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(await env.store.get(ended.id)).toMatchObject({ routing: { state: 'routed', taskId: 'task-a' } });
    expect(warn).not.toHaveBeenCalled();

    const failing = await moveTwice('router-move-failing');
    expect(await router(modified(failing), lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(await env.store.get(failing.id)).toMatchObject({ routing: { state: 'routed', taskId: 'task-c' } });
    // Logged by the task's id, never by the intake's reference number.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]).toEqual(['Could not end a task its intake left', { taskId: 'task-b', error: expect.objectContaining({ name: 'InternalServiceException' }) }]);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(failing.id);
    expect(connect.commandCalls(StopContactCommand).map((call) => call.args[0].input.ContactId)).toEqual(['task-ended', 'task-b']);
  });

  it('skips records that are not intakes, and rejects an event it does not know', async () => {
    const notIntake = { Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall({ pk: 'X', sk: 'Y' }) } }] };
    expect(await handler()(notIntake, lambdaContext('intake-router'))).toEqual({ batchItemFailures: [] });
    expect(connect.calls()).toHaveLength(0);
    await expect(handler()({ hello: 'world' }, lambdaContext('intake-router'))).rejects.toThrow('router event');
  });
});
