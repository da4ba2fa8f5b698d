/**
 * How long the hotline keeps what it holds, in days: the defaults of the deployment's
 * configuration (infra/config.ts), which passes them to every function's environment, and what
 * `npm start` uses. Every item of the table expires from one of these (see the README's Privacy
 * section for the anchor of each kind of item).
 */
export const DEFAULT_RETENTION_DAYS = {
  /** An intake and its timeline after it is resolved or referred; a victim case's items after they are written. */
  intake: 730,
  /** A texter's record (their conversation) after their last text. */
  texter: 30,
  /** Audit events of what staff saw, after they saw it. */
  audit: 2557,
  /**
   * A message in a dead-letter queue (SQS keeps one 14 days at most): a week for the operators to
   * redrive it, longer than the 4 days of the work queues whose messages SQS moves there (it keeps
   * a moved message's first enqueue time).
   */
  deadLetter: 7,
} as const;

/** A queue's daily counters (the supervisors' metrics: the last 7 days shown, a year to compare with). */
export const QUEUE_METRICS_DAYS = 400;

/** A staff member stays in the staff directory (the assignment list) this long after their last request. */
export const STAFF_DIRECTORY_DAYS = 30;

export type RetentionDays = { -readonly [K in keyof typeof DEFAULT_RETENTION_DAYS]: number };

const DAY_SECONDS = 86_400;

/** The epoch second (DynamoDB's TTL unit) `days` after `from`. */
export function expiryAfter(from: Date | string, days: number): number {
  const ms = typeof from === 'string' ? Date.parse(from) : from.getTime();
  return Math.floor(ms / 1000) + days * DAY_SECONDS;
}
