import * as z from './schema';
import { CATEGORIES, LANGUAGES, type Category, type Language } from './taxonomy';

/**
 * A staff queue: one per category and language. The key is the only name a queue has in
 * code; Connect queue names, DynamoDB partitions and console routes are all derived from it.
 */
export type QueueKey = `${Category}-${Language}`;

export const QUEUE_KEYS: readonly QueueKey[] = CATEGORIES.flatMap((category) =>
  LANGUAGES.map((language) => queueKeyOf(category, language)),
);

export const QueueKeySchema = z.enum(QUEUE_KEYS as [QueueKey, ...QueueKey[]]);

export function queueKeyOf(category: Category, language: Language): QueueKey {
  return `${category}-${language}`;
}

export function parseQueueKey(key: QueueKey): { category: Category; language: Language } {
  const [category, language] = key.split('-') as [Category, Language];
  return { category, language };
}
