import type { WorkQueue } from '../../ports/victim-notices';
import { loggableError } from '../lambda/observability';

/**
 * A queue in this process, drained by the local runtime as Lambda drains SQS in AWS: a message
 * whose work fails is tried again, up to `maxAttempts`, then kept aside as SQS would dead-letter it.
 */
export class LocalWorkQueue<T> implements WorkQueue<T> {
  private readonly waiting: { message: T; attempts: number }[] = [];
  readonly deadLetters: { message: T; error: string }[] = [];

  constructor(private readonly maxAttempts = 3) {}

  async send(messages: T[]): Promise<void> {
    this.waiting.push(...messages.map((message) => ({ message, attempts: 0 })));
  }

  /** Works through everything queued, including what the work itself queues; returns how many succeeded. */
  async drain(work: (message: T) => Promise<unknown>): Promise<number> {
    let done = 0;
    for (let next = this.waiting.shift(); next !== undefined; next = this.waiting.shift()) {
      try {
        await work(next.message);
        done++;
      } catch (error) {
        if (++next.attempts < this.maxAttempts) this.waiting.push(next);
        // The error as the logs would show it: a service's message can quote a number or an address.
        else this.deadLetters.push({ message: next.message, error: loggableError(error).message });
      }
    }
    return done;
  }
}
