import { ConnectClient } from '@aws-sdk/client-connect';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../../domain/schema';
import { HoursByCategorySchema, type HoursByCategory } from '../../domain/hours';
import { NOTICE_SENDING } from '../../domain/notifications';
import type { E164, HotlineNumbers } from '../../domain/phone';
import type { Clock } from '../../ports/clock';
import type { HeldTextStore } from '../../ports/held-texts';
import { DynamoHeldTextStore } from '../dynamodb/held-text-store';
import type { AuditLog } from '../../ports/audit-log';
import type { IntakeStore } from '../../ports/intake-store';
import type { SmsSender } from '../../ports/sms-sender';
import type { TaskRouter } from '../../ports/task-router';
import type { TexterStore } from '../../ports/texter-store';
import type { CustodyEventStore, EmailSender, RegistrationStore, WorkQueue } from '../../ports/victim-notices';
import type { FanOutTask, NoticeTask } from '../../use-cases/victim-notices';
import { DynamoCustodyEventStore } from '../dynamodb/custody-event-store';
import { DynamoRegistrationStore } from '../dynamodb/registration-store';
import { SesEmailSender } from '../ses/email-sender';
import { SqsWorkQueue } from '../sqs/work-queue';
import { ConnectTaskRouter } from '../connect/task-router';
import { DynamoTexterStore } from '../dynamodb/texter-store';
import { SnsSmsSender } from '../sns/sms-sender';
import { DynamoAuditLog } from '../dynamodb/audit-log';
import { documentClient } from '../dynamodb/client';
import { DynamoIntakeStore } from '../dynamodb/intake-store';
import { KmsOneWayKey } from '../pii/kms-one-way-key';
import { KmsPiiVault } from '../pii/kms-vault';

/**
 * Builds a function's AWS adapters from its environment, once, at cold start. A missing or bad
 * variable fails the start with a message that names it.
 *
 * Each schema is built when it is read, not when this module loads: a bundle keeps (and a cold
 * start builds) only the schemas of the adapters its function uses. Zod takes a few
 * milliseconds of a cold start to build the five that most functions do not use.
 */
function environment<S extends z.ZodMiniType>(schema: () => S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema().safeParse(env);
  if (!result.success) {
    throw new Error(`Bad function environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

// Keep SDK calls well inside the 8 seconds Connect waits for a function.
const SDK_TIMEOUTS = { maxAttempts: 3, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } };

const StoreEnvironment = () =>
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    DATA_KEY_ARN: z.string().check(z.minLength(1)),
    FINGERPRINT_KEY_ARN: z.string().check(z.minLength(1)),
    SOURCE_KEY_ARN: z.string().check(z.minLength(1)),
    INTAKE_RETENTION_DAYS: z.coerce.number().check(z.int(), z.positive()),
    TEXTER_RETENTION_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 30),
    AUDIT_RETENTION_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 2557),
  });

/** The table, through one client and one vault shared by the stores of a function. */
function storeBasics(env: NodeJS.ProcessEnv) {
  const vars = environment(StoreEnvironment, env);
  const kms = new KMSClient(SDK_TIMEOUTS);
  return {
    vars,
    kms,
    client: documentClient(SDK_TIMEOUTS),
    vault: new KmsPiiVault({ kms, encryptionKeyId: vars.DATA_KEY_ARN, macKeyId: vars.FINGERPRINT_KEY_ARN }),
  };
}

export interface Stores {
  intakes: IntakeStore;
  texters: TexterStore;
  audit: AuditLog;
  registrations: RegistrationStore;
  events: CustodyEventStore;
  held: HeldTextStore;
}

/** The clock is the caller's: a test or the local runtime decides what time it is, never this module. */
export function storesFromEnvironment(clock: Clock, env: NodeJS.ProcessEnv = process.env): Stores {
  const { vars, client, vault, kms } = storeBasics(env);
  const shared = { client, tableName: vars.TABLE_NAME, vault, clock };
  return {
    intakes: new DynamoIntakeStore({ ...shared, sourceKeys: new KmsOneWayKey(kms, vars.SOURCE_KEY_ARN), retentionDays: vars.INTAKE_RETENTION_DAYS }),
    texters: new DynamoTexterStore({ ...shared, retentionDays: vars.TEXTER_RETENTION_DAYS }),
    audit: new DynamoAuditLog({ client, tableName: vars.TABLE_NAME, clock, retentionDays: vars.AUDIT_RETENTION_DAYS }),
    registrations: new DynamoRegistrationStore({ ...shared, retentionDays: vars.INTAKE_RETENTION_DAYS }),
    events: new DynamoCustodyEventStore({ client, tableName: vars.TABLE_NAME, clock }),
    held: new DynamoHeldTextStore(shared),
  };
}

const HoursEnvironment = () =>
  z.object({
    HOURS: z.pipe(
      z.string(),
      z.transform((text, ctx) => {
        try {
          return HoursByCategorySchema.parse(JSON.parse(text));
        } catch (error) {
          ctx.issues.push({ code: 'custom', message: `not the hours of every category as JSON (${(error as Error).message})`, input: text });
          return z.NEVER;
        }
      }),
    ),
  });

export function hoursFromEnvironment(env: NodeJS.ProcessEnv = process.env): HoursByCategory {
  return environment(HoursEnvironment, env).HOURS;
}

const TaskEnvironment = () =>
  z.object({
    CONNECT_INSTANCE_ID: z.string().check(z.minLength(1)),
    TASK_FLOW_ID: z.string().check(z.minLength(1)),
    CONSOLE_URL: z.optional(z.url()),
  });

export function taskRouterFromEnvironment(clock: Clock, env: NodeJS.ProcessEnv = process.env): TaskRouter {
  const vars = environment(TaskEnvironment, env);
  return new ConnectTaskRouter({
    client: new ConnectClient(SDK_TIMEOUTS),
    instanceId: vars.CONNECT_INSTANCE_ID,
    taskFlowId: vars.TASK_FLOW_ID,
    ...(vars.CONSOLE_URL ? { consoleUrl: vars.CONSOLE_URL } : {}),
    clock,
  });
}

const SmsEnvironment = () =>
  z.object({
    /** The intake number in E.164: replies come from it. */
    ORIGINATION_NUMBER: z.string().check(z.regex(/^\+\d{8,15}$/, 'a number in E.164')),
  });

export function smsSenderFromEnvironment(env: NodeJS.ProcessEnv = process.env): SmsSender {
  return new SnsSmsSender(new SNSClient(SDK_TIMEOUTS), environment(SmsEnvironment, env).ORIGINATION_NUMBER);
}

const HotlineEnvironment = () =>
  z.extend(SmsEnvironment(), {
    /** The toll-free number callers dial, in E.164. */
    HOTLINE_NUMBER: z.string().check(z.regex(/^\+\d{8,15}$/, 'a number in E.164')),
  });

/** The numbers that reach the hotline, as notices say them. */
export function hotlineNumbersFromEnvironment(env: NodeJS.ProcessEnv = process.env): HotlineNumbers {
  const vars = environment(HotlineEnvironment, env);
  return { call: vars.HOTLINE_NUMBER as E164, text: vars.ORIGINATION_NUMBER as E164 };
}

const NoticeQueuesEnvironment = () => z.object({ FAN_OUT_QUEUE_URL: z.url(), NOTICE_QUEUE_URL: z.url() });

export function noticeQueuesFromEnvironment(env: NodeJS.ProcessEnv = process.env): { fanOut: WorkQueue<FanOutTask>; notices: WorkQueue<NoticeTask> } {
  const vars = environment(NoticeQueuesEnvironment, env);
  const client = new SQSClient(SDK_TIMEOUTS);
  return { fanOut: new SqsWorkQueue(client, vars.FAN_OUT_QUEUE_URL), notices: new SqsWorkQueue(client, vars.NOTICE_QUEUE_URL) };
}

const EmailEnvironment = () => z.object({ NOTICE_EMAIL_FROM: z.optional(z.email()) });

/** Without a sending address (enlace:notificationEmailFrom), an e-mail notice fails visibly: staff see it. */
const emailNotConfigured: EmailSender = {
  send: () => Promise.reject(new Error('E-mail notices are not set up: deploy with the context value enlace:notificationEmailFrom')),
};

const NoticePaceEnvironment = () =>
  z.object({
    /** Milliseconds a delivery function waits after each text (see NOTICE_SENDING). */
    NOTICE_PACE_MS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(10_000)), NOTICE_SENDING.paceMs),
  });

export function noticePaceFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  return environment(NoticePaceEnvironment, env).NOTICE_PACE_MS;
}

export function emailSenderFromEnvironment(env: NodeJS.ProcessEnv = process.env): EmailSender {
  const from = environment(EmailEnvironment, env).NOTICE_EMAIL_FROM;
  return from ? new SesEmailSender(new SESv2Client(SDK_TIMEOUTS), from) : emailNotConfigured;
}
