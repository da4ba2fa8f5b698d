import type { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { DEFAULT_HOURS, HoursByCategorySchema } from '../shared/domain/hours';
import { DEFAULT_RETENTION_DAYS } from '../shared/domain/retention';
import { CategorySchema, LanguageSchema } from '../shared/domain/taxonomy';
import { DEFAULT_FLOW_OPTIONS } from '../shared/flows/hotline';

const LOG_RETENTION_CHOICES = new Set(Object.values(RetentionDays).filter((value) => typeof value === 'number'));

/** A context value given on the command line arrives as a string; JSON ones are parsed. */
const json = <S extends z.core.SomeType>(schema: S) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }, schema);

/**
 * What an operator may change without touching code, read from CDK context (`cdk.json`, or
 * `-c enlace:key=value`). Everything has a safe default.
 */
export const ConfigSchema = z.object({
  /**
   * Days a resolved or referred intake (its timeline with it) is kept before it is deleted; also
   * how long victim-case items, held texts and opt-outs are kept (see the README's Privacy section).
   */
  intakeRetentionDays: z.coerce.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS.intake),
  /** Days a texter's conversation is kept after their last text. */
  texterRetentionDays: z.coerce.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS.texter),
  /** Days an audit event of what staff saw is kept. */
  auditRetentionDays: z.coerce.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS.audit),
  /** Days a message is kept in a dead-letter queue (SQS keeps one at most 14 days). */
  deadLetterRetentionDays: z.coerce.number().int().min(1).max(14).default(DEFAULT_RETENTION_DAYS.deadLetter),
  /** Days function logs are kept. */
  logRetentionDays: z.coerce
    .number()
    .refine((days) => LOG_RETENTION_CHOICES.has(days), { message: 'must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, ...)' })
    .default(90),
  /** The Connect instance's alias: its agent workspace is https://<alias>.my.connect.aws. */
  connectInstanceAlias: z
    .string()
    .regex(/^(?!d-)[\da-zA-Z]+(-*[\da-zA-Z])*$/, 'letters, digits and hyphens, not starting with d-')
    .max(45)
    .optional(),
  /** The prefix of the staff sign-in page, <prefix>.auth.<region>.amazoncognito.com. */
  cognitoDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and hyphens')
    .optional(),
  /** How staff sign in to Connect: users managed in Connect, or your identity provider (SAML). */
  connectIdentity: z.enum(['CONNECT_MANAGED', 'SAML']).default('CONNECT_MANAGED'),
  /** Opening hours of each line (JSON: {"detainee": {"timeZone": ..., "days": {...}}, ...}). */
  hours: json(HoursByCategorySchema).default(DEFAULT_HOURS),
  /** The language of callers who do not choose one. */
  defaultLanguage: z._default(LanguageSchema, DEFAULT_FLOW_OPTIONS.defaultLanguage),
  /** The line of callers who never make a menu choice. */
  generalCategory: z._default(CategorySchema, DEFAULT_FLOW_OPTIONS.generalCategory),
  /**
   * The address victim notices are e-mailed from. An SES identity is created for it (SES e-mails
   * the address a link to verify it). Without it, no e-mail can be sent: notices go by text only.
   */
  notificationEmailFrom: z.email().optional(),
  /** PUBLISHED hosted flow tests are validated by Connect on deploy and can be run; SAVED ones are drafts. */
  hostedTestStatus: z.enum(['PUBLISHED', 'SAVED']).default('PUBLISHED'),
  /** Where alarms are e-mailed (subscribed to the alarm topic; the address must confirm it). */
  alarmEmail: z.email().optional(),
  /** An existing SNS topic (paging, chat) that every alarm also notifies. */
  alarmTopicArn: z
    .string()
    .regex(/^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, 'an SNS topic ARN')
    .optional(),
  /**
   * ISO 3166-1 alpha-2 codes of the countries the texting functions may text; End User Messaging
   * blocks every other country for this account (a protect configuration).
   */
  smsCountries: json(z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 codes, e.g. ["US"]')).min(1)).default(['US']),
});
export type EnlaceConfig = z.infer<typeof ConfigSchema>;

export function configFromContext(app: App): EnlaceConfig {
  const raw = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .map((key) => [key, app.node.tryGetContext(`enlace:${key}`)])
      .filter(([, value]) => value !== undefined),
  );
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`Invalid enlace configuration: ${result.error.issues.map((i) => `enlace:${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
