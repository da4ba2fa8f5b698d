import * as z from './schema';

/** Base for errors the domain raises on purpose; adapters map them to 4xx answers. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** Input that does not fit a schema. The message names every field that is wrong. */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid_input';
  constructor(
    readonly subject: string,
    readonly issues: FieldIssue[],
  ) {
    super(`Invalid ${subject}: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.name = 'InvalidInputError';
  }

  static fromZod(subject: string, error: z.core.$ZodError): InvalidInputError {
    return new InvalidInputError(
      subject,
      error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.join('.') : '(root)',
        message: issue.message,
      })),
    );
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(subject: string) {
    super(`${subject} not found`);
    this.name = 'NotFoundError';
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
  }
}

/** A rule of the domain forbids the change (a status transition, an opted-out number...). */
export class ForbiddenChangeError extends DomainError {
  readonly code = 'forbidden_change';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenChangeError';
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
  constructor(message: string) {
    super(message);
    this.name = 'MovedAwayError';
  }
}
