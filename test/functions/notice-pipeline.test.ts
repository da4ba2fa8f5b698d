import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryHandler } from '../../functions/notice-delivery/create-handler';
import { createFanOutHandler } from '../../functions/notice-fanout/create-handler';
import { emailSenderFromEnvironment, hotlineNumbersFromEnvironment, noticeQueuesFromEnvironment, smsSenderFromEnvironment } from '../../shared/adapters/aws/environment';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { observability } from '../../shared/adapters/lambda/observability';
import { CaseNumberSchema, noticeText, type CustodyEvent, type NoticeChannel } from '../../shared/domain/notifications';
import type { E164 } from '../../shared/domain/phone';
import { newTexter } from '../../shared/domain/sms/conversation';
import type { Language } from '../../shared/domain/taxonomy';
import { FAN_OUT_GRACE_MS } from '../../shared/adapters/dynamodb/custody-event-store';
import { FAN_OUT_PAGE } from '../../shared/use-cases/victim-notices';
import { lambdaContext } from '../../local/lambda-context';
import { manualClock, storeOnDynalite } from '../support/store';

const sns = mockClient(SNSClient);
const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());
beforeEach(() => {
  sns.reset();
  ses.reset();
  sqs.reset();
  sns.on(PublishCommand).callsFake(() => ({ MessageId: `sms-${sns.commandCalls(PublishCommand).length}` }));
  ses.on(SendEmailCommand).callsFake(() => ({ MessageId: `email-${ses.commandCalls(SendEmailCommand).length}` }));
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

const FAN_OUT_URL = 'https://sqs.us-east-1.amazonaws.com/111111111111/fan-out';
const NOTICE_URL = 'https://sqs.us-east-1.amazonaws.com/111111111111/notices';
const HOTLINE = hotlineNumbersFromEnvironment({ HOTLINE_NUMBER: '+18885550199', ORIGINATION_NUMBER: '+18885550100' });
const quiet = () => observability({ logLevel: 'SILENT' });

const fanOut = () =>
  createFanOutHandler({ ...quiet(), clock: time.clock, registrations: env.registrations, events: env.events, ...noticeQueuesFromEnvironment({ FAN_OUT_QUEUE_URL: FAN_OUT_URL, NOTICE_QUEUE_URL: NOTICE_URL }) });
const delivery = (emailEnvironment: NodeJS.ProcessEnv = { NOTICE_EMAIL_FROM: 'notices@enlace.example' }) =>
  createDeliveryHandler({
    ...quiet(),
    registrations: env.registrations,
    events: env.events,
    texters: env.texters,
    sms: smsSenderFromEnvironment({ ORIGINATION_NUMBER: '+18885550100' }),
    email: emailSenderFromEnvironment(emailEnvironment),
    hotline: HOTLINE,
    paceMs: 0,
  });

/** What the fan-out put on a queue since the last reset, as SQS would hand it to the next function. */
function queued(queueUrl: string) {
  const bodies = sqs
    .commandCalls(SendMessageBatchCommand)
    .filter((call) => call.args[0].input.QueueUrl === queueUrl)
    .flatMap((call) => call.args[0].input.Entries!.map((entry) => entry.MessageBody!));
  return bodies.map((body, index) => ({ messageId: `${queueUrl}-${index}`, body, eventSource: 'aws:sqs' }));
}

/** The stream record DynamoDB emits when the event is written. */
async function streamOf(event: CustodyEvent) {
  const { Item } = await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: keys.custodyEvent(event.caseNumber, event.id) }));
  return { Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall(Item!) } }] };
}

interface Registrant {
  language: Language;
  channels: NoticeChannel[];
  phone?: string;
  email?: string;
  active?: boolean;
}

let registrations = 0;
async function register(caseNumber: string, registrant: Registrant) {
  const { registration } = await env.registrations.create({
    sourceKey: `test:${++registrations}`,
    caseNumber: CaseNumberSchema.parse(caseNumber),
    language: registrant.language,
    channels: registrant.channels,
    ...(registrant.phone ? { phone: registrant.phone as E164 } : {}),
    ...(registrant.email ? { email: registrant.email } : {}),
    source: 'console',
    createdBy: 'carmen',
    active: registrant.active ?? true,
  });
  return registration;
}

async function record(caseNumber: string, type: CustodyEvent['type'], key: string) {
  const { event } = await env.events.record({ idempotencyKey: key, caseNumber: CaseNumberSchema.parse(caseNumber), type, date: '2026-12-01', recordedBy: 'carmen' });
  return event;
}

/** Stream → fan-out → notice queue → delivery, the way AWS runs it. */
async function runPipeline(event: CustodyEvent) {
  expect(await fanOut()(await streamOf(event), lambdaContext('notice-fanout'))).toEqual({ batchItemFailures: [] });
  const notices = queued(NOTICE_URL);
  expect(await delivery()({ Records: notices }, lambdaContext('notice-delivery'))).toEqual({ batchItemFailures: [] });
  return notices;
}

describe('notices for a custody event', () => {
  const CASE = '4400123';
  const people: Registrant[] = [
    { language: 'en', channels: ['sms'], phone: '+12025550401' },
    { language: 'es', channels: ['sms'], phone: '+12025550402' },
    { language: 'en', channels: ['email'], email: 'ana.victim@example.org' },
    { language: 'es', channels: ['email'], email: 'familia@example.org' },
    { language: 'es', channels: ['sms', 'email'], phone: '+12025550403', email: 'beatriz@example.org' },
  ];

  it('reach every active registrant once per channel, in their language, from the intake number or by SES', async () => {
    for (const person of people) await register(CASE, person);
    await register(CASE, { language: 'en', channels: ['sms'], phone: '+12025550404', active: false }); // never confirmed
    const withdrawn = await register(CASE, { language: 'en', channels: ['email'], email: 'gone@example.org' });
    await env.registrations.withdraw(CASE, withdrawn.id, 'registrant');
    await register('4400999', { language: 'en', channels: ['sms'], phone: '+12025550405' }); // another case

    const event = await record(CASE, 'released', 'event-released-1');
    const notices = await runPipeline(event);
    expect(notices).toHaveLength(6);
    expect(queued(FAN_OUT_URL)).toEqual([]);

    const text = (language: Language, channel: NoticeChannel) => noticeText(event, language, channel, HOTLINE);
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual(
      expect.arrayContaining(
        [
          ['+12025550401', 'en'],
          ['+12025550402', 'es'],
          ['+12025550403', 'es'],
        ].map(([PhoneNumber, language]) => ({
          PhoneNumber,
          Message: text(language as Language, 'sms').body,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+18885550100' },
          },
        })),
      ),
    );
    expect(sns.commandCalls(PublishCommand)).toHaveLength(3);
    const emails = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
    expect(emails).toHaveLength(3);
    for (const [address, language] of [
      ['ana.victim@example.org', 'en'],
      ['familia@example.org', 'es'],
      ['beatriz@example.org', 'es'],
    ] as const) {
      expect(emails).toContainEqual({
        FromEmailAddress: 'notices@enlace.example',
        Destination: { ToAddresses: [address] },
        Content: {
          Simple: {
            Subject: { Data: text(language, 'email').subject, Charset: 'UTF-8' },
            Body: { Text: { Data: text(language, 'email').body, Charset: 'UTF-8' } },
          },
        },
      });
    }
    // Each message goes to one registrant; none names another or the registrant themselves.
    for (const input of [...sns.commandCalls(PublishCommand).map((call) => call.args[0].input.Message!), ...emails.map((email) => email.Content!.Simple!.Body!.Text!.Data!)]) {
      expect(input).not.toMatch(/\+1202|@example\.org/);
    }
    expect(await env.events.deliveryCounts(event.id)).toMatchObject({ sent: 6 });
  });

  it('send nothing twice when the stream or the queue delivers again', async () => {
    const event = await record(CASE, 'released', 'event-released-1'); // the same form, submitted again
    const notices = await runPipeline(event);
    expect(await delivery()({ Records: notices }, lambdaContext('notice-delivery'))).toEqual({ batchItemFailures: [] });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(await env.events.deliveryCounts(event.id)).toMatchObject({ sent: 6 });
  });

  it('skip a number that has opted out of texts, and a withdrawn registrant', async () => {
    const stop = '+12025550401' as E164;
    await env.texters.save(stop, { ...newTexter(time.clock()), optedOut: true }, undefined, []);
    const [spanish] = (await env.registrations.byPhone('+12025550402' as E164)).filter((registration) => registration.caseNumber === CASE);
    await env.registrations.withdraw(CASE, spanish!.id, 'registrant');

    const event = await record(CASE, 'transferred', 'event-transferred-1');
    await runPipeline(event);
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input.PhoneNumber)).toEqual(['+12025550403']);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect(await env.events.deliveryCounts(event.id)).toMatchObject({ sent: 4, skipped: 1 });
  });

  it('record a failed send for staff, report it for retry, and send it once when the retry works', async () => {
    sns
      .on(PublishCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }))
      .resolves({ MessageId: 'sms-retried' });
    const event = await record(CASE, 'escaped', 'event-escaped-1');
    await fanOut()(await streamOf(event), lambdaContext('notice-fanout'));
    const notices = queued(NOTICE_URL);
    const sms = notices.filter((notice) => JSON.parse(notice.body).channel === 'sms');
    const first = await delivery()({ Records: notices }, lambdaContext('notice-delivery'));
    expect(first.batchItemFailures).toHaveLength(1);
    expect(sms.map((notice) => notice.messageId)).toContain(first.batchItemFailures[0]!.itemIdentifier);
    expect(await env.events.deliveryCounts(event.id)).toMatchObject({ sent: 3, failed: 1 });

    // SQS hands the failed message back after its visibility timeout (with the others, as if they had been redelivered too).
    expect(await delivery()({ Records: notices }, lambdaContext('notice-delivery'))).toEqual({ batchItemFailures: [] });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect(await env.events.deliveryCounts(event.id)).toMatchObject({ sent: 4 });
  });

  it('leave a notice another worker is sending to the queue\'s retry, which then finds it sent', async () => {
    const event = await record(CASE, 'returned', 'event-returned-1');
    await fanOut()(await streamOf(event), lambdaContext('notice-fanout'));
    const [notice] = queued(NOTICE_URL);
    const task = JSON.parse(notice!.body);
    // A duplicate copy of the message is in another worker's hands, mid-send.
    expect(await env.events.claimDelivery(task.eventId, task.registrationId, task.channel)).toBe('claimed');
    expect(await delivery()({ Records: [notice!] }, lambdaContext('notice-delivery'))).toEqual({ batchItemFailures: [{ itemIdentifier: notice!.messageId }] });
    await env.events.finishDelivery(task.eventId, task.registrationId, task.channel, 'sent', 'by the other worker');
    expect(await delivery()({ Records: [notice!] }, lambdaContext('notice-delivery'))).toEqual({ batchItemFailures: [] });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('fail visibly, not silently, when e-mail was deployed without a sending address', async () => {
    const event = await record(CASE, 'removed', 'event-removed-1');
    await fanOut()(await streamOf(event), lambdaContext('notice-fanout'));
    const emails = queued(NOTICE_URL).filter((notice) => JSON.parse(notice.body).channel === 'email');
    const { batchItemFailures } = await delivery({})({ Records: emails }, lambdaContext('notice-delivery'));
    expect(batchItemFailures).toHaveLength(emails.length);
    expect(await env.events.deliveryCounts(event.id)).toMatchObject({ failed: emails.length });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('refuse a malformed queue message (dead-lettered after its retries) and a stream item that is not an event', async () => {
    const bad = { Records: [{ messageId: 'm-bad', body: '{"caseNumber":"1","eventId":"x"}', eventSource: 'aws:sqs' }] };
    expect(await delivery()(bad, lambdaContext('notice-delivery'))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
    expect(await fanOut()(bad, lambdaContext('notice-fanout'))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
    const intake = { Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '2', NewImage: marshall({ pk: 'INTAKE#1', sk: 'INTAKE', itemType: 'intake' }) } }] };
    expect(await fanOut()(intake, lambdaContext('notice-fanout'))).toEqual({ batchItemFailures: [] });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });
});

describe('a case with 5,000 registrants', () => {
  it('fans out in bounded pages through the fan-out queue, and queues one notice per registrant', async () => {
    const CASE = '5500001';
    const total = 5000;
    for (let start = 0; start < total; start += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, total - start) }, (_, offset) => {
          const n = start + offset;
          return register(CASE, n % 2 ? { language: 'es', channels: ['email'], email: `r${n}@example.org` } : { language: 'en', channels: ['sms'], phone: `+1202555${String(n).padStart(4, '0')}` });
        }),
      );
    }
    const event = await record(CASE, 'release_scheduled', 'event-big-1');

    // Each run handles one page and queues the next: no run grows with the case.
    const runs: number[] = [];
    const registrants = new Set<string>();
    let input: unknown = await streamOf(event);
    for (;;) {
      sqs.resetHistory();
      expect(await fanOut()(input, lambdaContext('notice-fanout'))).toEqual({ batchItemFailures: [] });
      const notices = queued(NOTICE_URL);
      runs.push(notices.length);
      for (const notice of notices) registrants.add(JSON.parse(notice.body).registrationId);
      const next = queued(FAN_OUT_URL);
      if (next.length === 0) break;
      expect(next).toHaveLength(1);
      input = { Records: next };
    }
    // A page that ends on the last registrant still carries a cursor (DynamoDB's LastEvaluatedKey),
    // so one more, empty, run may follow.
    const full = total / FAN_OUT_PAGE;
    expect(runs.slice(0, full)).toEqual(Array(full).fill(FAN_OUT_PAGE));
    expect(runs.slice(full).every((notices) => notices === 0) && runs.length <= full + 1).toBe(true);
    expect(registrants.size).toBe(total);
  }, 120_000); // 5,000 registrations to write first, each with its contact claim (one registration per contact in a case)
});

describe('the fan-out sweep', () => {
  it('fans out again an event the stream never delivered, once its grace time is over', async () => {
    const registrant = await register('4400777', { language: 'es', channels: ['email'], email: 'barrido@example.org' });
    const event = await record('4400777', 'released', 'event-swept-1');
    time.advance(FAN_OUT_GRACE_MS + 1000);
    expect(await fanOut()({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, lambdaContext('notice-fanout'))).toBeUndefined();
    expect(queued(NOTICE_URL).map((notice) => JSON.parse(notice.body))).toContainEqual({ caseNumber: '4400777', eventId: event.id, registrationId: registrant.id, channel: 'email' });
    // Fanned out: no longer pending for the next sweep.
    expect((await env.events.listDueFanOuts(new Date('9999-12-31T00:00:00.000Z'), 100)).map((pending) => pending.id)).not.toContain(event.id);
  });
});
