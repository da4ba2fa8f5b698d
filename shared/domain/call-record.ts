import { maskPhone } from './phone';
import { parseQueueKey } from './queues';
import { CALL_WORDS, CATEGORY_WORDS, LANGUAGE_WORDS, durationWords, fill } from './staff-words';
import type { TimelineEntry } from './timeline';

/** What the system knows of a call when it becomes an intake. */
export type CallRecord = Extract<TimelineEntry, { type: 'call' }>;

/** A call intake's summary, in staff words: the call's path through the line, nothing invented. */
export function callSummary(call: CallRecord): string {
  const { category, language } = parseQueueKey(call.queueKey);
  const values = { category: CATEGORY_WORDS[category], language: LANGUAGE_WORDS[language] };
  const sentences: string[] = [fill(call.callback ? CALL_WORDS.callback : CALL_WORDS.call, values)];
  sentences.push(call.route === 'general' ? CALL_WORDS.byGeneralRoute : CALL_WORDS.byMenu);
  if (call.anonymity) sentences.push(call.anonymity === 'anonymous' ? CALL_WORDS.anonymous : CALL_WORDS.leftNumber);
  if (call.callback) {
    sentences.push(fill(call.callback.keyed ? CALL_WORDS.callbackNumberKeyed : CALL_WORDS.callbackNumberOwn, { number: maskPhone(call.callback.numberLast4) }));
  } else {
    sentences.push(fill(CALL_WORDS.queued, { queue: `${values.category} (${values.language})` }));
  }
  if (call.wait) sentences.push(fill(call.wait.outcome === 'answered' ? CALL_WORDS.waitAnswered : CALL_WORDS.waitAbandoned, { wait: durationWords(call.wait.seconds) }));
  return sentences.join(' ');
}
