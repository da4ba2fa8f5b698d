import { ConnectClient } from '@aws-sdk/client-connect';
import { KMSClient } from '@aws-sdk/client-kms';
import * as z from 'zod';
import { HoursByCategorySchema, type HoursByCategory } from '../../domain/hours';
import { systemClock } from '../../ports/clock';
import type { IntakeStore } from '../../ports/intake-store';
import type { TaskRouter } from '../../ports/task-router';
import { ConnectTaskRouter } from '../connect/task-router';
import { documentClient } from '../dynamodb/client';
import { DynamoIntakeStore } from '../dynamodb/intake-store';
import { KmsPiiVault } from '../pii/kms-vault';

/**
 * Builds a function's AWS adapters from its environment, once, at cold start. A missing or bad
 * variable fails the start with a message that names it.
 */
function environment<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new Error(`Bad function environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

// Keep SDK calls well inside the 8 seconds Connect waits for a function.
const SDK_TIMEOUTS = { maxAttempts: 3, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } };

const StoreEnvironment = z.object({
  TABLE_NAME: z.string().min(1),
  DATA_KEY_ARN: z.string().min(1),
  FINGERPRINT_KEY_ARN: z.string().min(1),
  INTAKE_RETENTION_DAYS: z.coerce.number().int().positive(),
});

export function intakeStoreFromEnvironment(env: NodeJS.ProcessEnv = process.env): IntakeStore {
  const vars = environment(StoreEnvironment, env);
  return new DynamoIntakeStore({
    client: documentClient(SDK_TIMEOUTS),
    tableName: vars.TABLE_NAME,
    vault: new KmsPiiVault({ kms: new KMSClient(SDK_TIMEOUTS), encryptionKeyId: vars.DATA_KEY_ARN, macKeyId: vars.FINGERPRINT_KEY_ARN }),
    clock: systemClock,
    retentionDays: vars.INTAKE_RETENTION_DAYS,
  });
}

const HoursEnvironment = z.object({
  HOURS: z.string().transform((text, ctx) => {
    try {
      return HoursByCategorySchema.parse(JSON.parse(text));
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not the hours of every category as JSON (${(error as Error).message})` });
      return z.NEVER;
    }
  }),
});

export function hoursFromEnvironment(env: NodeJS.ProcessEnv = process.env): HoursByCategory {
  return environment(HoursEnvironment, env).HOURS;
}

const TaskEnvironment = z.object({
  CONNECT_INSTANCE_ID: z.string().min(1),
  TASK_FLOW_ID: z.string().min(1),
  CONSOLE_URL: z.url().optional(),
});

export function taskRouterFromEnvironment(env: NodeJS.ProcessEnv = process.env): TaskRouter {
  const vars = environment(TaskEnvironment, env);
  return new ConnectTaskRouter({
    client: new ConnectClient(SDK_TIMEOUTS),
    instanceId: vars.CONNECT_INSTANCE_ID,
    taskFlowId: vars.TASK_FLOW_ID,
    ...(vars.CONSOLE_URL ? { consoleUrl: vars.CONSOLE_URL } : {}),
    clock: systemClock,
  });
}
