import * as z from './schema';

/** The values a refusal's sentence needs, as machine values (a status code, a category, a queue key, an ISO time). */
export type RefusalFacts = Record<string, string | number | string[]>;

/**
 * What a refusal is, for whoever says it in words: a stable code (`not_allowed.view_intake`,
 * `status.needsRole`), a key of the staff catalog's `error.` sentences
 * (shared/domain/catalog/staff-refusals.ts), and the facts that sentence is filled with. The
 * domain writes no sentence of its own: the console says it in the staff member's language and
 * the staff API in English, both by shared/domain/refusal-words.ts.
 */
export interface Refusal {
  code: string;
  facts?: RefusalFacts;
}

/** A refusal in one line for logs and developers: `claim.claimedBy {"id":"…","status":"in_progress"}`. */
export function refusalLine(refusal: Refusal): string {
  return refusal.facts && Object.keys(refusal.facts).length > 0 ? `${refusal.code} ${JSON.stringify(refusal.facts)}` : refusal.code;
}

/** Base for errors the domain raises on purpose; adapters map them to 4xx answers. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** The refusal's own code, when it has one more precise than the class's `code`. */
  refusalCode?: string;
  facts: RefusalFacts = {};

  protected refuse(refusal: Refusal | undefined): void {
    if (!refusal) return;
    this.refusalCode = refusal.code;
    this.facts = refusal.facts ?? {};
  }
}

/** "Intake 1234567890": the intake a subject names, if it names one. */
function intakeOf(subject: string): string | undefined {
  return /^Intake (\d{10})$/.exec(subject)?.[1];
}

/**
 * What is wrong with one field: `message` in English for API clients and logs, and `code`, a key
 * of the staff catalog's `issue.` sentences, with its `facts`, for the console to say it in the
 * staff member's language ("Reason: at most 300 characters").
 */
export interface FieldIssue {
  field: string;
  message: string;
  code?: string;
  facts?: RefusalFacts;
}

/**
 * A zod issue's kind as the staff catalog's `issue.` sentence that says it. A check that knows
 * better names its own sentence with `params: { code }` (a custom issue: a phone number, a case
 * number). zod's issue shapes: `$ZodIssue` in zod/v4/core/errors.d.ts
 */
export function issueWords(issue: z.core.$ZodIssue): Pick<FieldIssue, 'code' | 'facts'> {
  switch (issue.code) {
    case 'custom':
      return { code: typeof issue.params?.code === 'string' ? issue.params.code : 'invalid' };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { code: 'required' };
      return { code: issue.origin === 'string' ? 'tooShort' : 'tooSmall', facts: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { code: issue.origin === 'string' ? 'tooLong' : 'tooBig', facts: { maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { code: 'oneOf' };
    case 'invalid_format':
      return { code: issue.format === 'email' ? 'email' : issue.format === 'date' ? 'date' : issue.format === 'datetime' ? 'dateTime' : 'format' };
    default:
      return { code: 'invalid' };
  }
}

/** Input that does not fit a schema. The message names every field that is wrong. */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid_input';
  constructor(
    readonly subject: string,
    readonly issues: FieldIssue[],
    refusal?: Refusal,
  ) {
    super(`Invalid ${subject}: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.name = 'InvalidInputError';
    this.refuse(refusal);
  }

  /** A refusal about one field (a check digit, a date): the sentence is the refusal's, by its code. */
  static ofField(subject: string, field: string, refusal: Refusal): InvalidInputError {
    return new InvalidInputError(subject, [{ field, message: refusalLine(refusal) }], refusal);
  }

  static fromZod(subject: string, error: z.core.$ZodError): InvalidInputError {
    return new InvalidInputError(
      subject,
      error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.join('.') : '(root)',
        message: issue.message,
        ...issueWords(issue),
      })),
    );
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(subject: string, refusal?: Refusal) {
    super(`${subject} not found`);
    this.name = 'NotFoundError';
    const intake = intakeOf(subject);
    this.refuse(refusal ?? (intake ? { code: 'not_found.intake', facts: { id: intake } } : undefined));
  }
}

/** Somebody changed the record since the caller read it. */
export class StaleVersionError extends DomainError {
  readonly code = 'stale_version';
  constructor(
    subject: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    // The versions stay on the error for code; staff read what happened.
    super(`${subject} was changed by someone else since you opened it`);
    this.name = 'StaleVersionError';
    const intake = intakeOf(subject);
    this.refuse(intake ? { code: 'stale_version.intake', facts: { id: intake } } : undefined);
  }
}

/** A rule of the domain forbids the change (a status transition, an opted-out number...). */
export class ForbiddenChangeError extends DomainError {
  readonly code = 'forbidden_change';
  constructor(refusal: Refusal) {
    super(refusalLine(refusal));
    this.name = 'ForbiddenChangeError';
    this.refuse(refusal);
  }
}

/** Parse with a schema, turning a failure into an InvalidInputError that names the fields. */
export function parseOrThrow<S extends z.core.$ZodType>(schema: S, subject: string, input: unknown): z.output<S> {
  const result = z.safeParse(schema, input);
  if (!result.success) throw InvalidInputError.fromZod(subject, result.error);
  return result.data;
}

/** An intake that moved to a queue the staff member does not work, told to its old queue's staff (a 404). */
export class MovedAwayError extends DomainError {
  readonly code = 'moved';
  constructor(refusal: Refusal) {
    super(refusalLine(refusal));
    this.name = 'MovedAwayError';
    this.refuse(refusal);
  }
}
