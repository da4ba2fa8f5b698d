import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../../domain/schema';
import type { DeadLetterQueue } from '../../ports/dead-letters';
import { SealedDeadLetterQueue } from '../sqs/sealed-dead-letters';
import { SDK_TIMEOUTS, readEnvironment } from './function-environment';

const InboundFailuresEnvironment = () =>
  z.object({
    /** The asymmetric key whose public half seals dead letters (DataKeys.deadLetterKey). */
    DEAD_LETTER_KEY_ARN: z.string().check(z.minLength(1)),
    /** The InboundTextFailures queue (SmsChannel). */
    INBOUND_TEXT_FAILURES_URL: z.url(),
  });

/**
 * sms-intake's dead-letter queue for texts it failed to handle, sealed
 * (shared/adapters/sqs/sealed-dead-letters.ts). `kms` is the function's one KMS client, the
 * table's (a second client measured no slower a start under Node 22: this is for one client per
 * function, as the table's stores share theirs).
 */
export function inboundFailuresFromEnvironment(kms: KMSClient = new KMSClient(SDK_TIMEOUTS), env: NodeJS.ProcessEnv = process.env): DeadLetterQueue {
  const vars = readEnvironment(InboundFailuresEnvironment, env);
  return new SealedDeadLetterQueue({ kms, keyId: vars.DEAD_LETTER_KEY_ARN, sqs: new SQSClient(SDK_TIMEOUTS), queueUrl: vars.INBOUND_TEXT_FAILURES_URL });
}
