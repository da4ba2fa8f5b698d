import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSmsIntakeHandler } from '../../functions/sms-intake/create-handler';
import { inboundFailuresFromEnvironment } from '../../shared/adapters/aws/environment';
import { SealedDeadLetterSchema, openDeadLetter } from '../../shared/adapters/sqs/sealed-dead-letters';
import { observability } from '../../shared/adapters/lambda/observability';
import { InvalidInputError } from '../../shared/domain/errors';
import type { E164 } from '../../shared/domain/phone';
import { lambdaContext } from '../../local/lambda-context';
import { inboundSmsEvent } from '../../local/sms-events';
import { manualClock, storeOnDynalite } from '../support/store';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoTexterStore } from '../../shared/adapters/dynamodb/texter-store';
import { keys } from '../../shared/adapters/dynamodb/keys';

const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

function handler(logLevel: 'SILENT' | 'INFO' = 'SILENT') {
  return createSmsIntakeHandler({ ...observability({ logLevel, serviceName: 'sms-intake' }), intakes: env.store, texters: env.texters, registrations: env.registrations, clock: time.clock });
}

describe('the sms-intake handler', () => {
  it('answers a text and reports what it did', async () => {
    const [result] = await handler()(inboundSmsEvent('+12025550143', 'Mi hermano fue detenido ayer', 'in-1'), lambdaContext('sms-intake'));
    expect(result).toMatchObject({ duplicate: false, language: 'es', category: 'detainee', step: 'details' });
  });

  it.each([
    [{}, 'Records'],
    [{ Records: [] }, 'Records'],
    [{ Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'x', Message: 'not json' } }] }, 'Records.0.Sns.Message: not JSON'],
    [{ Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'x', Message: JSON.stringify({ messageBody: 'hola' }) } }] }, 'originationNumber'],
  ])('rejects a malformed event %#, naming what is wrong, to be retried and dead-lettered', async (event, field) => {
    const call = handler()(event, lambdaContext('sms-intake'));
    await expect(call).rejects.toBeInstanceOf(InvalidInputError);
    await expect(call).rejects.toThrow(field);
  });

  it('seals a texter\'s number once in a warm function: the next texts reuse it, and it still opens for the record', async () => {
    // A vault that counts its seals (KMS GenerateDataKey calls, in AWS).
    let seals = 0;
    const vault = Object.assign(Object.create(env.vault) as typeof env.vault, { seal: (...args: Parameters<typeof env.vault.seal>) => (seals++, env.vault.seal(...args)) });
    const texters = new DynamoTexterStore({ client: env.dynamo.client, tableName: env.dynamo.tableName, vault, clock: time.clock, retentionDays: 7, optedOutRetentionDays: 30 });
    const warm = createSmsIntakeHandler({ ...observability({ logLevel: 'SILENT', serviceName: 'sms-intake' }), intakes: env.store, texters, registrations: env.registrations, clock: time.clock });
    const phone = '+12025550177' as E164;
    for (const [index, text] of ['necesito información por favor', '3', 'STOP', 'START'].entries()) {
      time.advance(1000);
      await warm(inboundSmsEvent(phone, text, `seal-${index}`), lambdaContext('sms-intake'));
    }
    expect(seals).toBe(1);
    // The number sealed with the first text is the record's, and opens there.
    const key = await texters.keyOf(phone);
    const { Item } = await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: keys.texter(key), ConsistentRead: true }));
    expect(await env.vault.open(Item!.phoneCipher as string, { ...keys.texter(key), field: 'phone' })).toBe(phone);
  });

  it('rejects a number that is not one', async () => {
    await expect(handler()(inboundSmsEvent('12', 'hola'), lambdaContext('sms-intake'))).rejects.toThrow('originationNumber: not a valid phone number');
  });

  it('logs neither the number nor the text, even when it fails', async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      await handler('INFO')(inboundSmsEvent('+12025550199', 'Mi vecino Pedro Gómez fue detenido', 'in-log'), lambdaContext('sms-intake'));
      const bad = inboundSmsEvent('+12025550199', 'Secreto', 'in-log-2');
      bad.Records[0]!.Sns.Message = JSON.stringify({ ...JSON.parse(bad.Records[0]!.Sns.Message), inboundMessageId: 42 });
      await handler('INFO')(bad, lambdaContext('sms-intake')).catch(() => undefined);
    } finally {
      write.mockRestore();
      errors.mockRestore();
    }
    const logs = lines.join('');
    expect(logs).toContain('"inboundMessageId":"in-log"');
    for (const secret of ['2025550199', 'Pedro', 'Gómez', 'Secreto']) expect(logs).not.toContain(secret);
  });

  it('answers a held text on the scheduled sweep, and forgets it once answered', async () => {
    await env.held.hold({ from: '+12025550166', body: 'Mi hermano fue detenido', messageId: 'in-held-1' });
    const sweep = createSmsIntakeHandler({ ...observability({ logLevel: 'SILENT', serviceName: 'sms-intake' }), intakes: env.store, texters: env.texters, registrations: env.registrations, held: env.held, clock: time.clock });
    await sweep({ source: 'aws.events' }, lambdaContext('sms-intake'));
    expect(await env.held.due(new Date('9999-12-31T00:00:00.000Z'), 10)).toEqual([]);
    // Taken in as if it had just come: the texter's conversation started.
    expect((await env.texters.load('+12025550166' as E164))?.texter.conversation.step).toBe('details');
  });

  it('handles any text from any number, or refuses it with a clear error (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.stringMatching(/^\+?1?[2-9]\d{9}$/), fc.uuid(), async (body, from, id) => {
        try {
          const [result] = await handler()(inboundSmsEvent(from, body, id), lambdaContext('sms-intake'));
          expect(result!.replies.length).toBeLessThanOrEqual(2);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('a text sms-intake fails to handle', () => {
  const kms = mockClient(KMSClient);
  const sqs = mockClient(SQSClient);
  // The dead-letter key's pair: KMS keeps the private half; here the test plays KMS.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });
  const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/dead-letter-key';
  const queueUrl = 'https://sqs.us-east-1.amazonaws.com/111122223333/inbound-text-failures';
  /** What KMS Decrypt with RSAES_OAEP_SHA_256 does with the private half. */
  const unwrap = async (wrapped: Uint8Array) => privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, wrapped);

  beforeEach(() => {
    kms.reset();
    sqs.reset();
    kms.on(GetPublicKeyCommand).resolves({ KeyId: keyArn, PublicKey: publicKey.export({ type: 'spki', format: 'der' }), KeyUsage: 'ENCRYPT_DECRYPT', EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dl-1' });
  });

  function failing() {
    const failures = inboundFailuresFromEnvironment(undefined, { DEAD_LETTER_KEY_ARN: keyArn, INBOUND_TEXT_FAILURES_URL: queueUrl });
    return createSmsIntakeHandler({ ...observability({ logLevel: 'SILENT', serviceName: 'sms-intake' }), intakes: env.store, texters: env.texters, registrations: env.registrations, clock: time.clock, failures });
  }
  /** A text the handler refuses (a message id that is no string), with a number and words in it. */
  const refused = (from: string, body: string, id: string) => {
    const event = inboundSmsEvent(from, body, id);
    event.Records[0]!.Sns.Message = JSON.stringify({ ...JSON.parse(event.Records[0]!.Sns.Message), inboundMessageId: 42 });
    return event;
  };

  it('goes to the dead-letter queue sealed, with neither the number nor the words in clear, and opens with the private key', async () => {
    const event = refused('+12025550177', 'Mi vecino Pedro Gómez fue detenido', 'in-dl-1');
    await expect(failing()(event, lambdaContext('sms-intake'))).resolves.toEqual([]);
    const sends = sqs.commandCalls(SendMessageCommand);
    expect(sends).toHaveLength(1);
    const { QueueUrl, MessageBody } = sends[0]!.args[0].input;
    expect(QueueUrl).toBe(queueUrl);
    for (const clear of ['2025550177', '0177', 'Pedro', 'Gómez', 'detenido', 'originationNumber', 'messageBody']) expect(MessageBody).not.toContain(clear);
    const envelope = SealedDeadLetterSchema.parse(JSON.parse(MessageBody!));
    expect(envelope.keyId).toBe(keyArn);
    expect(await openDeadLetter(envelope, unwrap)).toEqual(event);
  });

  it('fetches the public key once, and seals each text under a key of its own', async () => {
    const handler = failing();
    await handler(refused('+12025550178', 'uno', 'in-dl-2'), lambdaContext('sms-intake'));
    await handler(refused('+12025550178', 'uno', 'in-dl-3'), lambdaContext('sms-intake'));
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
    const [first, second] = sqs.commandCalls(SendMessageCommand).map((call) => SealedDeadLetterSchema.parse(JSON.parse(call.args[0].input.MessageBody!)));
    expect(first!.wrappedKey).not.toBe(second!.wrappedKey);
    // A message key moved to another envelope does not open it.
    await expect(openDeadLetter({ ...first!, wrappedKey: second!.wrappedKey }, unwrap)).rejects.toThrow();
  });

  it('throws, for Lambda to retry and dead-letter, only when the sealed text cannot be sent', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('SQS unavailable'));
    await expect(failing()(refused('+12025550179', 'hola', 'in-dl-4'), lambdaContext('sms-intake'))).rejects.toBeInstanceOf(InvalidInputError);
    kms.on(GetPublicKeyCommand).rejects(new Error('KMS unavailable'));
    await expect(failing()(refused('+12025550179', 'hola', 'in-dl-5'), lambdaContext('sms-intake'))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('answers a text it can handle as before, sending nothing to the queue', async () => {
    const [result] = await failing()(inboundSmsEvent('+12025550180', 'Mi hermano fue detenido ayer', 'in-dl-6'), lambdaContext('sms-intake'));
    expect(result).toMatchObject({ duplicate: false, category: 'detainee' });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });
});
