import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSenderHandler } from '../../functions/sms-sender/create-handler';
import { smsSenderFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import type { E164 } from '../../shared/domain/phone';
import { newTexter } from '../../shared/domain/sms/conversation';
import { lambdaContext } from '../../local/lambda-context';
import { manualClock, storeOnDynalite } from '../support/store';

const sns = mockClient(SNSClient);
const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());
beforeEach(() => sns.reset());

const handler = () =>
  createSenderHandler({
    ...observability({ logLevel: 'SILENT' }),
    texters: env.texters,
    sender: smsSenderFromEnvironment({ ORIGINATION_NUMBER: '+18885550100' }),
    clock: time.clock,
  });

async function queue(phone: E164, texts: string[], optedOut = false) {
  const stored = await env.texters.load(phone);
  const texter = { ...(stored?.texter ?? newTexter(time.clock())), optedOut };
  await env.texters.save(phone, texter, stored?.version, texts.map((text, index) => ({ id: `${phone}-${Date.now()}-${index}`, text, at: time.clock().toISOString() })));
  return env.texters.keyOf(phone);
}

const streamRecord = (key: string) => ({
  Records: [{ eventName: 'MODIFY', dynamodb: { SequenceNumber: '1', NewImage: { pk: { S: `TEXTER#${key}` }, sk: { S: 'TEXTER' } } } }],
});

describe('the SMS sender', () => {
  it('publishes each queued text from the intake number, as a transactional SMS, and empties the queue', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const key = await queue('+12025550143' as E164, ['Hola', 'Gracias']);
    expect(await handler()(streamRecord(key), lambdaContext('sms-sender'))).toEqual({ batchItemFailures: [] });
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual(
      ['Hola', 'Gracias'].map((Message) => ({
        PhoneNumber: '+12025550143',
        Message,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+18885550100' },
        },
      })),
    );
    expect(await env.texters.pendingTexts(key)).toBeUndefined();
    // The same stream record again sends nothing more.
    await handler()(streamRecord(key), lambdaContext('sms-sender'));
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it('keeps what failed queued, due after a back-off, and sends it on the sweep', async () => {
    sns.on(PublishCommand).resolvesOnce({ MessageId: 'm-2' }).rejectsOnce(new Error('Throttling')).resolves({ MessageId: 'm-3' });
    const key = await queue('+12025550144' as E164, ['one', 'two']);
    await handler()(streamRecord(key), lambdaContext('sms-sender'));
    expect((await env.texters.pendingTexts(key))?.texts.map((text) => text.text)).toEqual(['two']);
    // Recording the failure changed the item: the stream brings it back at once, and it waits.
    await handler()(streamRecord(key), lambdaContext('sms-sender'));
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect(await env.texters.listDueTexts(time.clock(), 10)).not.toContain(key);
    time.advance(61_000);
    expect(await env.texters.listDueTexts(time.clock(), 10)).toContain(key);
    await handler()({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, lambdaContext('sms-sender'));
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input.Message)).toEqual(['one', 'two', 'two']);
    expect(await env.texters.pendingTexts(key)).toBeUndefined();
  });

  it('never texts an opted-out number, and drops what was queued for it', async () => {
    const key = await queue('+12025550145' as E164, ['too late'], true);
    await handler()(streamRecord(key), lambdaContext('sms-sender'));
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(await env.texters.pendingTexts(key)).toBeUndefined();
  });
});
