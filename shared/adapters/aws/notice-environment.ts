import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../../domain/schema';
import { NOTICE_SENDING } from '../../domain/notifications';
import type { EmailSender, WorkQueue } from '../../ports/victim-notices';
import type { FanOutTask, NoticeTask } from '../../use-cases/victim-notices';
import { SesEmailSender } from '../ses/email-sender';
import { SqsWorkQueue } from '../sqs/work-queue';
import { SDK_TIMEOUTS, readEnvironment } from './function-environment';

const NoticeQueuesEnvironment = () => z.object({ FAN_OUT_QUEUE_URL: z.url(), NOTICE_QUEUE_URL: z.url() });

export function noticeQueuesFromEnvironment(env: NodeJS.ProcessEnv = process.env): { fanOut: WorkQueue<FanOutTask>; notices: WorkQueue<NoticeTask> } {
  const vars = readEnvironment(NoticeQueuesEnvironment, env);
  const client = new SQSClient(SDK_TIMEOUTS);
  return { fanOut: new SqsWorkQueue(client, vars.FAN_OUT_QUEUE_URL), notices: new SqsWorkQueue(client, vars.NOTICE_QUEUE_URL) };
}

const NoticePaceEnvironment = () =>
  z.object({
    /** Milliseconds a delivery function waits after each text (see NOTICE_SENDING). */
    NOTICE_PACE_MS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(10_000)), NOTICE_SENDING.paceMs),
  });

export function noticePaceFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  return readEnvironment(NoticePaceEnvironment, env).NOTICE_PACE_MS;
}

const EmailEnvironment = () => z.object({ NOTICE_EMAIL_FROM: z.optional(z.email()) });

/** Without a sending address (enlace:notificationEmailFrom), an e-mail notice fails visibly: staff see it. */
const emailNotConfigured: EmailSender = {
  send: () => Promise.reject(new Error('E-mail notices are not set up: deploy with the context value enlace:notificationEmailFrom')),
};

export function emailSenderFromEnvironment(env: NodeJS.ProcessEnv = process.env): EmailSender {
  const from = readEnvironment(EmailEnvironment, env).NOTICE_EMAIL_FROM;
  return from ? new SesEmailSender(new SESv2Client(SDK_TIMEOUTS), from) : emailNotConfigured;
}
