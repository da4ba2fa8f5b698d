import { StaleVersionError } from '../domain/errors';
import type { E164 } from '../domain/phone';
import type { Texter } from '../domain/sms/conversation';
import type { ConversationTexters, OutgoingText } from '../ports/texter-store';

export interface TexterCacheOptions {
  /** Texters kept (least recently used go first). */
  capacity?: number;
  /** How long a texter is kept after its last message: a conversation's replies come minutes apart. */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  texter: Texter;
  version: number;
  storedAt: number;
}

/**
 * Remembers, in a warm function, the texters it saved: the next text from the same number skips
 * the read. Safe because every save is conditional on the version: if another function moved the
 * conversation on meanwhile, the save fails, the entry is dropped, and the caller reads afresh
 * (the retry every save already has). Only for the conversation's read-then-save; anything that
 * reads a texter to decide alone (is this number opted out?) must use the store itself.
 */
export class TexterCache implements ConversationTexters {
  private readonly entries = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: ConversationTexters,
    options: TexterCacheOptions = {},
  ) {
    this.capacity = options.capacity ?? 5000;
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async load(phone: E164): Promise<{ texter: Texter; version: number } | undefined> {
    const entry = this.entries.get(phone);
    if (entry && this.now() - entry.storedAt < this.ttlMs) return { texter: structuredClone(entry.texter), version: entry.version };
    this.entries.delete(phone);
    const stored = await this.store.load(phone);
    if (stored) this.remember(phone, stored.texter, stored.version);
    return stored;
  }

  async save(phone: E164, texter: Texter, expectedVersion: number | undefined, texts: OutgoingText[]): Promise<void> {
    try {
      await this.store.save(phone, texter, expectedVersion, texts);
      this.remember(phone, texter, (expectedVersion ?? 0) + 1);
    } catch (error) {
      if (error instanceof StaleVersionError) this.entries.delete(phone);
      throw error;
    }
  }

  private remember(phone: E164, texter: Texter, version: number): void {
    this.entries.delete(phone);
    this.entries.set(phone, { texter, version, storedAt: this.now() });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  keyOf(phone: E164) {
    return this.store.keyOf(phone);
  }
}
