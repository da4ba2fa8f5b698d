/** An inbound text as it arrived, kept for later when it could not be taken in now. */
export interface HeldText {
  from: string;
  body: string;
  messageId: string;
}

/**
 * Inbound texts that could not be saved (the texter kept changing under a burst, or the store
 * refused): kept, sealed, and answered by the next sweep, never dropped.
 */
export interface HeldTextStore {
  /** Keeps a text; holding the same message id twice keeps it once. */
  hold(text: HeldText): Promise<void>;
  /** Texts held and due again by `now`, oldest first. */
  due(now: Date, limit: number): Promise<HeldText[]>;
  /** Tries a held text again later (it failed again). */
  postpone(messageId: string, until: Date): Promise<void>;
  /** Keeps a text that cannot be taken in at all (from a short code, not a phone number), for the record. */
  keepRefused(text: HeldText, reason: string): Promise<void>;
  /** The text was taken in: forget it. */
  release(messageId: string): Promise<void>;
}
