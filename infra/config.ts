import type { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

const LOG_RETENTION_CHOICES = new Set(Object.values(RetentionDays).filter((value) => typeof value === 'number'));

/**
 * What an operator may change without touching code, read from CDK context
 * (`cdk.json` or `-c key=value`). Everything has a safe default.
 */
export const ConfigSchema = z.object({
  /** Days a resolved or referred intake is kept before it is deleted. */
  intakeRetentionDays: z.coerce.number().int().min(1).max(3650).default(730),
  /** Days function logs are kept. */
  logRetentionDays: z.coerce
    .number()
    .refine((days) => LOG_RETENTION_CHOICES.has(days), { message: 'must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, ...)' })
    .default(90),
});
export type EnlaceConfig = z.infer<typeof ConfigSchema>;

export function configFromContext(app: App): EnlaceConfig {
  const raw = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((key) => [key, app.node.tryGetContext(`enlace:${key}`)]),
  );
  const result = ConfigSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)));
  if (!result.success) {
    throw new Error(`Invalid enlace configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
