import type { Clock } from '../ports/clock';
import type { SmsSender } from '../ports/sms-sender';
import type { TexterStore } from '../ports/texter-store';
import { retryDelayMs } from './backoff';

export interface SendTextsDeps {
  texters: TexterStore;
  sender: SmsSender;
  clock: Clock;
}

export type SendOutcome = { sent: number; dropped: number; failed: boolean; notDue?: true };

/**
 * Sends a texter's queued texts, in order. An opted-out number gets none (but the confirmation of
 * the opt-out itself). A failure keeps the rest queued, due again after a back-off.
 */
export async function sendTexts(key: string, deps: SendTextsDeps): Promise<SendOutcome> {
  const pending = await deps.texters.pendingTexts(key);
  const outcome: SendOutcome = { sent: 0, dropped: 0, failed: false };
  if (!pending) return outcome;
  // A failure is retried after its back-off, however often the item shows up on the stream.
  if (Date.parse(pending.dueAt) > deps.clock().getTime()) return { ...outcome, notDue: true };
  const done: string[] = [];
  for (const text of pending.texts) {
    if (pending.optedOut && !text.evenIfOptedOut) {
      done.push(text.id);
      outcome.dropped++;
      continue;
    }
    try {
      await deps.sender.send(pending.phone, text.text);
      done.push(text.id);
      outcome.sent++;
    } catch (error) {
      outcome.failed = true;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      await deps.texters.recordSendFailure(key, pending.texts, message, new Date(deps.clock().getTime() + retryDelayMs(pending.attempts + 1)));
      break;
    }
  }
  if (done.length) await deps.texters.markSent(key, done);
  return outcome;
}

/** Sends every queue that is due: the sweep behind the stream. */
export async function sendDueTexts(deps: SendTextsDeps, limit = 25): Promise<SendOutcome> {
  const total: SendOutcome = { sent: 0, dropped: 0, failed: false };
  for (const key of await deps.texters.listDueTexts(deps.clock(), limit)) {
    const outcome = await sendTexts(key, deps);
    total.sent += outcome.sent;
    total.dropped += outcome.dropped;
    total.failed ||= outcome.failed;
  }
  return total;
}
