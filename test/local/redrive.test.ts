import { execFile } from 'node:child_process';
import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { deadLettersIn, openIfSealed, unwrapDeadLetter } from '../../local/redrive-records';
import { sealDeadLetter } from '../../shared/adapters/sqs/sealed-dead-letters';
import { inboundSmsEvent } from '../../local/sms-events';
import { startServices } from '../../local/services';
import type { E164 } from '../../shared/domain/phone';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The record Lambda sends to an on-failure destination after the last retry of an asynchronous invocation. */
const onFailureRecord = (event: unknown) => ({
  version: '1.0',
  timestamp: '2026-11-23T15:04:00.000Z',
  requestContext: { requestId: 'a1b2c3', functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:enlace-SmsIntake:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
  requestPayload: event,
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload: { errorType: 'ProvisionedThroughputExceededException', errorMessage: 'Throughput exceeds the current capacity' },
});

describe('redrive', () => {
  it('unwraps on-failure records (requestPayload), in the shapes an operator saves them', () => {
    const event = inboundSmsEvent('+12025550951', 'hola', 'redrive-unit-1');
    expect(unwrapDeadLetter(onFailureRecord(event))).toMatchObject({ event, condition: 'RetriesExhausted', functionArn: expect.stringContaining('SmsIntake') });
    expect(unwrapDeadLetter({ MessageId: 'm1', Body: JSON.stringify(onFailureRecord(event)) }).event).toEqual(event);
    expect(unwrapDeadLetter(JSON.stringify(event)).event).toEqual(event);
    expect(deadLettersIn(JSON.stringify({ Messages: [{ Body: '{}' }, { Body: '[]' }] }))).toHaveLength(2);
    expect(deadLettersIn('{"a":1}\n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('npm run redrive replays dead-lettered texts into the local hotline, once however often it runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'enlace-redrive-'));
    const data = path.join(dir, 'data');
    const from = '+12025550952';
    const file = path.join(dir, 'dead-letters.json');
    const texts = [
      inboundSmsEvent(from, 'Mi esposo fue detenido por inmigración esta mañana y no sabemos a dónde lo llevaron', 'redrive-1'),
      inboundSmsEvent(from, '1', 'redrive-2'),
    ];
    writeFileSync(file, JSON.stringify({ Messages: texts.map((event, index) => ({ MessageId: `m-${index}`, Body: JSON.stringify(onFailureRecord(event)) })) }));
    const first = await run(process.execPath, ['--import', 'tsx', 'local/redrive.ts', '--data', data, file], { cwd: ROOT });
    expect(JSON.parse(first.stdout)).toEqual({ replayed: 2, failed: [] });
    const again = await run(process.execPath, ['--import', 'tsx', 'local/redrive.ts', '--data', data, file], { cwd: ROOT });
    expect(JSON.parse(again.stdout)).toEqual({ replayed: 2, failed: [] });

    const services = await startServices({ dataDir: data });
    try {
      const texter = (await services.texters.load(from as E164))!.texter;
      expect(texter.recentMessageIds).toEqual(['redrive-1', 'redrive-2']);
      const intake = await services.store.get(texter.lastIntake!.ref);
      expect(intake).toMatchObject({ category: 'detainee', channel: 'sms' });
      const queue = await services.store.listQueue({ queueKey: intake!.queueKey, status: 'new' });
      expect(queue.items.filter((item) => item.contact?.phoneLast4 === '0952')).toHaveLength(1);
    } finally {
      await services.stop();
    }
  }, 60_000);

  it('reports what cannot be replayed, by field, and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'enlace-redrive-bad-'));
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify(onFailureRecord({ Records: [] }))}\n`);
    const failure = await run(process.execPath, ['--import', 'tsx', 'local/redrive.ts', '--data', path.join(dir, 'data'), file], { cwd: ROOT }).catch((error: { code: number; stdout: string }) => error);
    expect((failure as { code: number }).code).toBe(1);
    const report = JSON.parse((failure as { stdout: string }).stdout) as { replayed: number; failed: { index: number; error: string }[] };
    expect(report).toMatchObject({ replayed: 0, failed: [{ index: 0, error: expect.stringContaining('Records') }] });
  }, 60_000);

  describe('sealed dead letters (what sms-intake sends itself)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/dead-letter-key';
    const sealed = (event: unknown) => sealDeadLetter(event, publicKey.export({ type: 'spki', format: 'der' }), keyArn);

    it('opens them with KMS Decrypt (RSAES_OAEP_SHA_256, the key named) and replays the original text', async () => {
      const kms = mockClient(KMSClient);
      // KMS's side of Decrypt with the private half.
      kms.on(DecryptCommand).callsFake((input: { CiphertextBlob: Uint8Array }) => ({
        Plaintext: privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, input.CiphertextBlob),
      }));
      const from = '+12025550953';
      const event = inboundSmsEvent(from, 'Mi esposo fue detenido por inmigración esta mañana', 'redrive-sealed-1');
      const message = { MessageId: 'm-sealed', Body: JSON.stringify(sealed(event)) };
      expect(message.Body).not.toContain('2025550953');
      const opened = await openIfSealed(unwrapDeadLetter(message).event, { kms: new KMSClient({ region: 'us-east-1' }), keyArn });
      expect(opened).toEqual(event);
      expect(kms.commandCalls(DecryptCommand).map((call) => [call.args[0].input.KeyId, call.args[0].input.EncryptionAlgorithm])).toEqual([[keyArn, 'RSAES_OAEP_SHA_256']]);
      kms.restore();

      const services = await startServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'enlace-redrive-sealed-')) });
      try {
        await services.invokeSmsIntake(opened);
        expect((await services.texters.load(from as E164))!.texter.recentMessageIds).toEqual(['redrive-sealed-1']);
      } finally {
        await services.stop();
      }
    }, 60_000);

    it('refuses a sealed one without --key, naming the key, and replays nothing', async () => {
      await expect(openIfSealed(sealed(inboundSmsEvent('+12025550954', 'hola', 'redrive-sealed-2')))).rejects.toThrow(`sealed with ${keyArn}: pass --key`);
      const dir = mkdtempSync(path.join(tmpdir(), 'enlace-redrive-sealed-cli-'));
      const file = path.join(dir, 'sealed.json');
      writeFileSync(file, JSON.stringify([{ Body: JSON.stringify(sealed(inboundSmsEvent('+12025550954', 'hola', 'redrive-sealed-2'))) }]));
      const failure = await run(process.execPath, ['--import', 'tsx', 'local/redrive.ts', '--data', path.join(dir, 'data'), file], { cwd: ROOT }).catch((error: { code: number; stdout: string }) => error);
      expect((failure as { code: number }).code).toBe(1);
      expect(JSON.parse((failure as { stdout: string }).stdout)).toMatchObject({ replayed: 0, failed: [{ index: 0, error: expect.stringContaining('pass --key') }] });
    }, 60_000);
  });
});
