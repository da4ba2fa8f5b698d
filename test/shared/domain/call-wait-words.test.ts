import { describe, expect, it } from 'vitest';
import { callSummary } from '../../../shared/domain/call-record';
import { durationWords } from '../../../shared/domain/record-words';

describe('a call wait in staff words', () => {
  it('says a wait in seconds, minutes and hours, leaving out a zero part', () => {
    expect([0, 45, 60, 130, 240, 3600, 3900, 3929.6].map(durationWords)).toEqual(['0 s', '45 s', '1 min', '2 min 10 s', '4 min', '1 h', '1 h 5 min', '1 h 5 min']);
  });

  it("adds the wait and how it ended to the call's entry", () => {
    const call = { type: 'call', route: 'menu', anonymity: 'left_number', queueKey: 'tip-en' } as const;
    expect(callSummary(call)).not.toContain('Waited');
    expect(callSummary({ ...call, wait: { seconds: 130, outcome: 'answered' } })).toMatch(/Put through to the tip \(English\) queue\. Waited 2 min 10 s in the queue, answered\.$/);
    expect(callSummary({ ...call, wait: { seconds: 240, outcome: 'abandoned' } })).toMatch(/Left the queue unanswered after 4 min \(hung up, or took the offered callback\)\.$/);
  });
});
