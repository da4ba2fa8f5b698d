import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCallEventsHandler } from '../../functions/call-events/create-handler';
import { createCallIntakeHandler } from '../../functions/call-intake/create-handler';
import { createRouterHandler } from '../../functions/intake-router/create-handler';
import { createDeliveryHandler } from '../../functions/notice-delivery/create-handler';
import { createFanOutHandler } from '../../functions/notice-fanout/create-handler';
import { createSmsIntakeHandler } from '../../functions/sms-intake/create-handler';
import { createSenderHandler } from '../../functions/sms-sender/create-handler';
import { createStaffApiHandler } from '../../functions/staff-api/create-handler';
import { STAFF_ROUTES } from '../../functions/staff-api/routes';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { observability } from '../../shared/adapters/lambda/observability';
import { InvalidInputError } from '../../shared/domain/errors';
import { DEFAULT_HOURS } from '../../shared/domain/hours';
import { STAFF_GROUPS } from '../../shared/domain/permissions';
import { CUSTODY_EVENT_TYPES } from '../../shared/domain/notifications';
import { QUEUE_KEYS } from '../../shared/domain/queues';
import { lambdaContext } from '../../local/lambda-context';
import { LOCAL_HOTLINE, inboundSmsEvent } from '../../local/sms-events';
import { manualClock, storeOnDynalite } from '../support/store';

/**
 * 10,000 random events per handler: each is processed, refused with an error that names what is
 * wrong, or reported back as a failed record (retried, then dead-lettered). Never anything else.
 * 3,000 for the queue workers and the staff API, whose every event writes several items (audit
 * copies, counters, the staff directory, opt-out and claim upkeep): at 10,000 they took 340 s of
 * the suite's 16 minutes.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const HEAVY_RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);
/** The events the current property must have handled (set by the property, checked after it). */
let runs = RUNS;
const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

const quiet = () => observability({ logLevel: 'SILENT' });
let sent = 0;
const fakeSender = { send: async () => ({ messageId: `m-${++sent}` }) };
const noQueue = { send: async () => {} };

/**
 * How the events of one property ended: enough must be really processed (a 4xx answer, a record
 * reported failed or an empty batch is not) for the run to mean something.
 */
let tally = { processed: 0, refused: 0 };
beforeEach(() => {
  tally = { processed: 0, refused: 0 };
  runs = RUNS;
});
afterEach(() => {
  expect(tally.processed + tally.refused).toBeGreaterThanOrEqual(runs);
  expect(tally.processed / (tally.processed + tally.refused)).toBeGreaterThan(0.2);
});

/**
 * Runs the handler; a throw must be a clear input error (the platform retries, then dead-letters).
 * `processed` says whether the answer is real processing (by default: any answer).
 */
async function outcome(run: () => Promise<unknown>, processed: (result: unknown) => boolean = () => true): Promise<{ result?: unknown }> {
  try {
    const result = await run();
    if (processed(result)) tally.processed++;
    else tally.refused++;
    return { result };
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.length).toBeGreaterThan(0);
    tally.refused++;
    return {};
  }
}

const text = fc.string({ maxLength: 60 });
const phoneish = fc.oneof(fc.stringMatching(/^\+1[2-9]\d{9}$/), fc.stringMatching(/^\+?\d{0,16}$/), text);
/** Anything at all, as JSON would carry it, or not even that. */
const garbage = fc.oneof(fc.anything(), fc.jsonValue(), fc.constant(undefined), fc.constant(null));

describe('fuzzing every handler with 10,000 events', () => {
  it('call-intake: a flat map of strings for Connect, or a clear refusal', async () => {
    const handler = createCallIntakeHandler({ ...quiet(), store: env.store, registrations: env.registrations, texters: env.texters, hours: DEFAULT_HOURS, clock: time.clock });
    const category = fc.constantFrom('detainee', 'tip', 'victim', 'x');
    const language = fc.constantFrom('en', 'es', 'fr');
    const parameters = fc.oneof(
      { arbitrary: fc.dictionary(text, text), weight: 1 },
      { arbitrary: fc.record({ action: fc.constant('create'), category, language, anonymous: fc.constantFrom('true', 'false', 'maybe') }, { requiredKeys: ['action'] }), weight: 2 },
      { arbitrary: fc.record({ action: fc.constant('status'), referenceNumber: fc.oneof(fc.stringMatching(/^\d{10}$/), text) }), weight: 2 },
      { arbitrary: fc.record({ action: fc.constant('register'), caseNumber: fc.oneof(fc.stringMatching(/^\d{6,12}#?$/), text), language }), weight: 2 },
      { arbitrary: fc.record({ action: fc.constant('callback'), category, language, callbackNumber: phoneish }), weight: 2 },
    );
    const event = fc.oneof(
      { arbitrary: garbage, weight: 1 },
      {
        arbitrary: fc.record({
          Name: fc.constant('ContactFlowEvent'),
          Details: fc.record({
            ContactData: fc.record({
              ContactId: fc.oneof(fc.uuid(), text),
              Channel: fc.constantFrom('VOICE', 'CHAT'),
              InstanceARN: text,
              CustomerEndpoint: fc.option(fc.record({ Address: phoneish, Type: text })),
            }),
            Parameters: parameters,
          }),
        }),
        weight: 4,
      },
    );
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        const { result } = await outcome(() => handler(input, lambdaContext('call-intake')));
        if (result !== undefined) for (const value of Object.values(result as object)) expect(typeof value).toBe('string');
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('call-events: a wait recorded once on the call\'s intake, or nothing, or a clear refusal', async () => {
    const handler = createCallEventsHandler({ ...quiet(), store: env.store });
    const callIntake = createCallIntakeHandler({ ...quiet(), store: env.store, registrations: env.registrations, texters: env.texters, hours: DEFAULT_HOURS, clock: time.clock });
    // Calls that made intakes, anonymous tips among them: the events name them, or contacts never seen.
    const contacts = ['fuzz-call-1', 'fuzz-call-2', 'fuzz-tip-1'];
    for (const contactId of contacts) {
      const anonymous = contactId.includes('tip');
      await callIntake(
        { Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: contactId, Channel: 'VOICE', InstanceARN: 'i', CustomerEndpoint: { Address: '+12025550144' } }, Parameters: { action: 'create', category: anonymous ? 'tip' : 'detainee', language: 'en', anonymous: String(anonymous) } } },
        lambdaContext('call-intake'),
      );
    }
    const when = fc.oneof(
      { arbitrary: fc.date({ min: new Date('2026-11-23T14:00:00Z'), max: new Date('2026-11-23T16:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()), weight: 19 },
      { arbitrary: text, weight: 1 },
    );
    const detail = fc.record(
      {
        eventType: fc.constantFrom('CONNECTED_TO_AGENT', 'DISCONNECTED', 'QUEUED', 'INITIATED', ''),
        contactId: fc.oneof({ arbitrary: fc.constantFrom(...contacts), weight: 4 }, fc.uuid(), text),
        channel: fc.constantFrom('VOICE', 'Voice', 'CHAT', 'TASK'),
        queueInfo: fc.record({ enqueueTimestamp: when }, { requiredKeys: [] }),
        agentInfo: fc.record({ connectedToAgentTimestamp: when }, { requiredKeys: [] }),
        disconnectTimestamp: when,
      },
      { requiredKeys: ['eventType', 'contactId', 'channel'] },
    );
    const event = fc.oneof(
      { arbitrary: garbage, weight: 1 },
      { arbitrary: fc.record({ source: fc.constantFrom('aws.connect', 'aws.events'), 'detail-type': fc.constant('Amazon Connect Contact Event'), detail }), weight: 6 },
    );
    const results = new Set(['recorded', 'already_recorded', 'unknown', 'anonymous', 'not_a_wait']);
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        // Any answer is a decision made on a read event (a wait, or why none): an unreadable one throws.
        const { result } = await outcome(() => handler(input, lambdaContext('call-events')));
        if (result !== undefined) expect(results).toContain((result as { result: string }).result);
      }),
      { numRuns: RUNS },
    );
    // Each call's wait once, whatever came after; never one on the anonymous tip.
    for (const contactId of contacts) {
      const ref = (await callIntake({ Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: contactId, Channel: 'VOICE', InstanceARN: 'i' }, Parameters: { action: 'create', category: contactId.includes('tip') ? 'tip' : 'detainee', language: 'en', anonymous: String(contactId.includes('tip')) } } }, lambdaContext('call-intake'))).referenceNumber!;
      const call = (await env.store.timeline(ref)).find((entry) => entry.type === 'call');
      if (contactId.includes('tip')) expect(call).not.toHaveProperty('wait');
      else expect(call).toHaveProperty('wait');
    }
  }, 300_000);

  it('sms-intake: at most two replies per text, or a clear refusal', async () => {
    const handler = createSmsIntakeHandler({ ...quiet(), intakes: env.store, texters: env.texters, registrations: env.registrations, clock: time.clock });
    const texters = fc.constantFrom('+12025550601', '+12025550602', '+12025550603', '+525512345678');
    const body = fc.oneof(text, fc.constantFrom('1', '2', '3', 'STOP', 'ALTO', 'START', 'HELP', 'AYUDA', 'YES', 'NO', 'RETIRAR', 'WITHDRAW', 'NUEVA', '123456789', 'hola', 'Mi hermano fue detenido', 'constructor', '__proto__'), fc.string({ maxLength: 1700 }));
    const event = fc.oneof(
      { arbitrary: garbage, weight: 1 },
      { arbitrary: fc.tuple(fc.oneof(texters, phoneish), body, fc.oneof(fc.uuid(), fc.constantFrom('dup-1', 'dup-2'))).map(([from, message, id]) => inboundSmsEvent(from, message, id)), weight: 4 },
      fc.record({ Records: fc.array(fc.record({ EventSource: fc.constant('aws:sns'), Sns: fc.record({ MessageId: fc.uuid(), Message: fc.oneof(text, fc.jsonValue().map((value) => JSON.stringify(value))) }) }), { maxLength: 2 }) }),
    );
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        time.advance(7_000);
        const { result } = await outcome(() => handler(input, lambdaContext('sms-intake')));
        if (result !== undefined) for (const each of result as { replies: unknown[] }[]) expect(each.replies.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  /** A stream batch: items of every kind the table holds, or random ones. */
  const streamEvent = (image: fc.Arbitrary<Record<string, unknown>>) =>
    fc.oneof(
      garbage,
      fc.record({ source: fc.constant('aws.events') }),
      fc.record({
        Records: fc.array(
          fc.record({ eventName: fc.constantFrom('INSERT', 'MODIFY', 'REMOVE'), dynamodb: fc.record({ SequenceNumber: fc.stringMatching(/^\d{1,5}$/), NewImage: image.map((item) => marshall(item, { removeUndefinedValues: true })) }, { requiredKeys: ['SequenceNumber'] }) }),
          { maxLength: 3 },
        ),
      }),
    );
  const item = fc.oneof(
    fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean())),
    fc.record({
      pk: fc.oneof(fc.constantFrom('TEXTER#abc', 'INTAKE#0000000000', 'CASE#123456'), text.map((value) => `TEXTER#${value}`)),
      sk: fc.constantFrom('TEXTER', 'INTAKE', 'CUSTODY#x'),
      itemType: fc.constantFrom('intake', 'custody_event', 'texter'),
      id: text,
      caseNumber: fc.stringMatching(/^\d{6,12}$/),
      type: fc.constantFrom(...CUSTODY_EVENT_TYPES),
      date: fc.constantFrom('2026-12-01', 'yesterday'),
      category: fc.constantFrom('tip', 'victim'),
      routing: fc.record({ state: fc.constantFrom('unrouted', 'routed') }),
    }, { requiredKeys: ['pk'] }),
  );
  const isBatchResponse = (result: unknown) => expect(result).toEqual({ batchItemFailures: expect.any(Array) });
  type BatchResponse = { batchItemFailures: { itemIdentifier: string }[] };

  const streamHandlers = {
    'intake-router': () => createRouterHandler({ ...quiet(), store: env.store, router: { startTask: async (intake) => ({ taskId: `task-${intake.id}` }), stopTask: async () => undefined }, clock: time.clock }),
    'sms-sender': () => createSenderHandler({ ...quiet(), texters: env.texters, sender: fakeSender, clock: time.clock }),
    'notice-fanout': () => createFanOutHandler({ ...quiet(), clock: time.clock, registrations: env.registrations, events: env.events, fanOut: noQueue, notices: noQueue }),
  };
  for (const [name, build] of Object.entries(streamHandlers)) {
    it(`${name} (stream and schedule): a batch response, or a clear refusal`, async () => {
      const handler = build();
      await fc.assert(
        fc.asyncProperty(streamEvent(item), async (input) => {
          const records = (input as { Records?: { dynamodb: { SequenceNumber: string } }[] } | undefined)?.Records;
          const { result } = await outcome(
            () => handler(input, lambdaContext(name)),
            // The sweep ran, or some record of the batch was worked on without failing.
            (answer) => answer === undefined || (answer as BatchResponse).batchItemFailures.length < (records?.length ?? 0),
          );
          // The sweep answers nothing; a stream batch answers the records to retry, each one of its own.
          if (result !== undefined) {
            isBatchResponse(result);
            const sequenceNumbers = records!.map((record) => record.dynamodb.SequenceNumber);
            for (const failure of (result as BatchResponse).batchItemFailures) expect(sequenceNumbers).toContain(failure.itemIdentifier);
          }
        }),
        { numRuns: RUNS },
      );
    }, 300_000);
  }

  /** What a fan-out did, by event: it queued the next page or finished the event. */
  const fannedOut = new Set<string>();
  const fanOutEffects = {
    ...env,
    fanOut: { send: async (tasks: { eventId: string }[]) => void tasks.forEach((task) => fannedOut.add(task.eventId)) },
    events: new Proxy({} as typeof env.events, {
      get: (_target, property) =>
        property === 'markFannedOut'
          ? async (caseNumber: string, eventId: string) => {
              fannedOut.add(eventId);
              await env.events.markFannedOut(caseNumber as never, eventId);
            }
          : (env.events[property as keyof typeof env.events] as (...args: unknown[]) => unknown).bind(env.events),
    }),
  };
  /** Each handler, and the visible effect of a message it says it processed. */
  const queueHandlers = {
    'notice-delivery': {
      build: () => createDeliveryHandler({ ...quiet(), registrations: env.registrations, events: env.events, texters: env.texters, sms: fakeSender, email: fakeSender, hotline: LOCAL_HOTLINE, paceMs: 0 }),
      // The delivery is on record (sent, skipped or failed): the claim comes before anything can throw.
      effect: async (task: { eventId: string; registrationId: string; channel: string }) =>
        !!(await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: keys.delivery(task.eventId, task.registrationId, task.channel), ConsistentRead: true }))).Item,
    },
    'notice-fanout': {
      build: () => createFanOutHandler({ ...quiet(), clock: time.clock, registrations: env.registrations, events: fanOutEffects.events, fanOut: fanOutEffects.fanOut, notices: noQueue }),
      effect: async (task: { eventId: string }) => fannedOut.has(task.eventId),
    },
  };
  const queueBody = fc.oneof(
    text,
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record({ caseNumber: fc.oneof(fc.stringMatching(/^\d{6,12}$/), text), eventId: text, registrationId: text, channel: fc.constantFrom('sms', 'email', 'fax'), cursor: fc.option(text, { nil: undefined }) })
      .map((value) => JSON.stringify(value)),
  );
  // Well-formed messages too, so that most runs get past validation and show their effect.
  const wellFormed = fc
    .record({ caseNumber: fc.stringMatching(/^\d{6,12}$/), eventId: fc.stringMatching(/^[a-f0-9]{1,24}$/), registrationId: fc.stringMatching(/^[a-f0-9]{1,24}$/), channel: fc.constantFrom('sms', 'email') })
    .map((value) => JSON.stringify(value));
  const queueEvent = fc.oneof(
    { arbitrary: garbage, weight: 1 },
    { arbitrary: fc.record({ Records: fc.array(fc.record({ messageId: fc.uuid(), body: fc.oneof({ arbitrary: queueBody, weight: 1 }, { arbitrary: wellFormed, weight: 3 }), eventSource: fc.constant('aws:sqs') }), { minLength: 1, maxLength: 3 }) }), weight: 4 },
  );
  for (const [name, { build, effect }] of Object.entries(queueHandlers)) {
    it(`${name} (queue): every message is processed (its effect visible) or reported failed (retried, then dead-lettered), never dropped`, async () => {
      const handler = build();
      await fc.assert(
        fc.asyncProperty(queueEvent, async (input) => {
          fannedOut.clear();
          const records = (input as { Records?: { messageId: string; body: string }[] } | undefined)?.Records;
          const { result } = await outcome(
            () => handler(input, lambdaContext(name)),
            (answer) => (answer as BatchResponse).batchItemFailures.length < (records?.length ?? 0),
          );
          if (result === undefined) return;
          isBatchResponse(result);
          const failed = new Set((result as BatchResponse).batchItemFailures.map((failure) => failure.itemIdentifier));
          for (const id of failed) expect(records!.map((record) => record.messageId)).toContain(id);
          // Not reported failed: then it was worked on, and it shows.
          for (const record of records!) {
            if (!failed.has(record.messageId)) expect(await effect(JSON.parse(record.body) as never), record.body).toBe(true);
          }
        }),
        { numRuns: (runs = HEAVY_RUNS) },
      );
    }, 300_000);
  }

  it('staff-api: every request gets a 2xx or a 4xx with a message, never a 500', async () => {
    const handler = createStaffApiHandler({ ...quiet(), intakes: env.store, texters: env.texters, audit: env.audit, registrations: env.registrations, events: env.events, directory: env.directory, clock: time.clock });
    const routeKey = fc.oneof(fc.constantFrom(...Object.keys(STAFF_ROUTES)), text);
    const params = fc.record({
      id: fc.oneof(fc.stringMatching(/^\d{10}$/), text),
      queue: fc.oneof(fc.constantFrom(...QUEUE_KEYS), text),
      case: fc.oneof(fc.stringMatching(/^\d{6,12}$/), text),
    });
    const body = fc.oneof(
      fc.constant(undefined),
      text,
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ version: fc.integer(), text, to: fc.constantFrom('in_progress', 'resolved', 'new'), language: fc.constantFrom('en', 'es'), email: text, phone: phoneish, key: fc.string({ minLength: 8, maxLength: 20 }), type: fc.constantFrom(...CUSTODY_EVENT_TYPES), date: fc.constantFrom('2026-12-01', '2026-13-45') }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
    );
    const groups = fc.subarray([...STAFF_GROUPS]).map((chosen) => `[${chosen.join(' ')}]`);
    // Requests a staff member could really make, so that a good share is processed (2xx).
    const reads = fc.constantFrom('GET /queues', 'GET /metrics', 'GET /queues/{queue}/intakes', 'GET /cases/{case}');
    const realistic = fc.record({
      version: fc.constant('2.0'),
      routeKey: reads,
      rawPath: fc.constant('/'),
      pathParameters: fc.record({ queue: fc.constantFrom(...QUEUE_KEYS), case: fc.stringMatching(/^\d{6,12}$/) }),
      queryStringParameters: fc.record({ status: fc.constantFrom('new', 'in_progress') }),
      isBase64Encoded: fc.constant(false),
      requestContext: fc.record({ authorizer: fc.record({ jwt: fc.record({ claims: fc.record({ 'cognito:username': fc.constantFrom('sam', 'ana'), 'cognito:groups': fc.constant('[supervisor]') }), scopes: fc.constant(null) }) }) }),
    });
    const event = fc.oneof(
      garbage,
      realistic,
      fc.record({
        version: fc.constant('2.0'),
        routeKey,
        rawPath: text,
        pathParameters: params,
        queryStringParameters: fc.option(fc.record({ status: fc.constantFrom('new', 'in_progress', 'bogus'), cursor: text }, { requiredKeys: [] }), { nil: undefined }),
        body,
        isBase64Encoded: fc.boolean(),
        requestContext: fc.record({ authorizer: fc.record({ jwt: fc.record({ claims: fc.record({ 'cognito:username': text, 'cognito:groups': fc.oneof(groups, text) }, { requiredKeys: [] }), scopes: fc.constant(null) }) }) }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        // Only a 2xx is processing; a 4xx is a refusal, however clear.
        const { result } = await outcome(
          () => handler(input, lambdaContext('staff-api')),
          (answer) => (answer as { statusCode: number }).statusCode < 300,
        );
        const response = result as Awaited<ReturnType<typeof handler>>;
        expect([200, 400, 401, 403, 404, 409]).toContain(response.statusCode);
        const payload = JSON.parse(response.body) as Record<string, unknown>;
        if (response.statusCode >= 400) expect(typeof payload.message).toBe('string');
      }),
      { numRuns: (runs = HEAVY_RUNS) },
    );
  }, 300_000);
});
