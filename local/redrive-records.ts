import { DecryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import * as z from 'zod';
import { SealedDeadLetterSchema, WRAPPING_ALGORITHM, openDeadLetter } from '../shared/adapters/sqs/sealed-dead-letters';

/**
 * What an asynchronous invocation's on-failure destination receives: the invocation record, with
 * the original event under `requestPayload`
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
const InvocationRecordSchema = z.object({
  requestContext: z.object({ functionArn: z.string(), condition: z.string(), approximateInvokeCount: z.number().optional() }).loose(),
  requestPayload: z.unknown(),
}).loose();

/** An SQS message as `aws sqs receive-message` prints it: the record is its Body, as JSON text. */
const SqsMessageSchema = z.object({ Body: z.string() }).loose();

export type DeadLetter = { event: unknown; functionArn?: string; condition?: string };

/** The event to replay from one dead-letter message: an invocation record unwrapped, anything else as it is. */
export function unwrapDeadLetter(message: unknown): DeadLetter {
  const sqs = SqsMessageSchema.safeParse(message);
  const body = sqs.success ? parseJson(sqs.data.Body) : typeof message === 'string' ? parseJson(message) : message;
  const record = InvocationRecordSchema.safeParse(body);
  if (!record.success) return { event: body };
  return { event: record.data.requestPayload, functionArn: record.data.requestContext.functionArn, condition: record.data.requestContext.condition };
}

/** Messages from a file: a JSON array, `aws sqs receive-message` output ({"Messages": [...]}) or one JSON value a line. */
export function deadLettersIn(text: string): unknown[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const whole = JSON.parse(trimmed) as unknown;
    if (Array.isArray(whole)) return whole;
    if (whole && typeof whole === 'object' && Array.isArray((whole as { Messages?: unknown }).Messages)) return (whole as { Messages: unknown[] }).Messages;
    return [whole];
  } catch {
    return trimmed.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as unknown);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The original message of a sealed dead letter (shared/adapters/sqs/sealed-dead-letters.ts),
 * its message key unwrapped by KMS Decrypt (RSAES_OAEP_SHA_256) under the caller's own
 * credentials; anything else as it is. A sealed one without a key to open it is refused.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html (KeyId is required for an asymmetric key)
 */
export async function openIfSealed(event: unknown, opener?: { kms: KMSClient; keyArn: string }): Promise<unknown> {
  const sealed = SealedDeadLetterSchema.safeParse(event);
  if (!sealed.success) return event;
  if (!opener) throw new Error(`sealed with ${sealed.data.keyId}: pass --key with that key's ARN to open it`);
  return openDeadLetter(sealed.data, async (wrappedKey) => {
    const { Plaintext } = await opener.kms.send(new DecryptCommand({ KeyId: opener.keyArn, CiphertextBlob: wrappedKey, EncryptionAlgorithm: WRAPPING_ALGORITHM }));
    if (!Plaintext) throw new Error('KMS returned no plaintext');
    return Plaintext;
  });
}
