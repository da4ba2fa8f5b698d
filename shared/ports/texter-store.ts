import type { E164 } from '../domain/phone';
import type { Texter } from '../domain/sms/conversation';

/** A text waiting to be sent to a texter. */
export interface OutgoingText {
  id: string;
  text: string;
  at: string;
  /** Sent even to an opted-out number: the one confirmation of the opt-out itself. */
  evenIfOptedOut?: boolean;
}

export interface PendingTexts {
  phone: E164;
  optedOut: boolean;
  texts: OutgoingText[];
  attempts: number;
  /** Not to be tried before this time (after a failure). */
  dueAt: string;
}

/**
 * Texters (by a keyed hash of their number): their conversation, opt-out, limits, and the texts
 * queued for them. Saving a texter and queueing its replies is one write, so a reply is never
 * lost between the two; the sender takes them from there.
 */
export interface TexterStore {
  /** The texter behind a number and the version to save against. */
  load(phone: E164): Promise<{ texter: Texter; version: number } | undefined>;
  /**
   * Saves the texter and queues texts for it, unless someone saved it since `expectedVersion`
   * (undefined for a texter not saved before): then StaleVersionError.
   */
  save(phone: E164, texter: Texter, expectedVersion: number | undefined, texts: OutgoingText[]): Promise<void>;
  /**
   * Queues a text to a number outside the conversation (a staff reply): refused for a number that
   * opted out, or that never texted the hotline.
   */
  queueText(phone: E164, text: OutgoingText): Promise<'queued' | 'opted_out' | 'unknown'>;
  /** The texts queued for a texter, by its key (the hash), with its number to send them to. */
  pendingTexts(key: string): Promise<PendingTexts | undefined>;
  /** Takes sent (or dropped) texts off the queue. */
  markSent(key: string, ids: string[]): Promise<void>;
  /**
   * Keeps the queue and makes it due again at `retryAt`, if it is still `outbox` (the texts the
   * failed send was from): a text queued meanwhile keeps the due time it set. Counts the attempt.
   */
  recordSendFailure(key: string, outbox: OutgoingText[], error: string, retryAt: Date): Promise<void>;
  /** Keys of texters with texts due for sending. */
  listDueTexts(now: Date, limit: number): Promise<string[]>;
  /** The key of a number, for the sender and the console. */
  keyOf(phone: E164): Promise<string>;
}

/** What a conversation reads and saves of its texter (sms-intake's, through a TexterCache). */
export type ConversationTexters = Pick<TexterStore, 'load' | 'save' | 'keyOf'>;
