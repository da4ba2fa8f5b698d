/**
 * Where a message the hotline could not handle is kept for an operator to replay: sealed, so that
 * the queue holds no number or words in clear (shared/adapters/sqs/sealed-dead-letters.ts).
 */
export interface DeadLetterQueue {
  /** Keeps the whole message; rejects if it could not be kept. */
  send(message: unknown): Promise<void>;
}
