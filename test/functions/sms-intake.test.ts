import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSmsIntakeHandler } from '../../functions/sms-intake/create-handler';
import { observability } from '../../shared/adapters/lambda/observability';
import { InvalidInputError } from '../../shared/domain/errors';
import type { E164 } from '../../shared/domain/phone';
import { lambdaContext } from '../../local/lambda-context';
import { inboundSmsEvent } from '../../local/sms-events';
import { manualClock, storeOnDynalite } from '../support/store';

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
