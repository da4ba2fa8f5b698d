import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FLOW_OPTIONS } from '../../shared/flows/hotline';
import { heardText, hotlineJourneys, type Journey } from '../../shared/flows/journeys';
import { runCall, type CallTranscript } from '../../local/flow-interpreter';
import { startServices, type LocalServices } from '../../local/services';

// The same journeys are deployed as hosted Connect test cases (test/infra/hosted-tests.test.ts).
const OPEN = '2026-11-23T15:00:00.000Z'; // Monday 10:00 Eastern
const CLOSED = '2026-11-28T15:00:00.000Z'; // Saturday
let now = OPEN;
let services: LocalServices;
beforeAll(async () => {
  services = await startServices({ clock: () => new Date(now) });
});
afterAll(() => services.stop());

const journeys = hotlineJourneys(DEFAULT_FLOW_OPTIONS);

async function travel(journey: Journey): Promise<CallTranscript> {
  now = journey.open ? OPEN : CLOSED;
  const keys = journey.steps.flatMap((step) => (step.press ? [step.press] : []));
  // An eager caller presses each key as soon as it is offered: a key offered by a Play prompt is lost.
  return runCall(services.voice.environment, services.voice.entryFlow, { from: '+12025550143', keys, eager: true });
}

/** Where the journey goes wrong in this transcript; empty when the caller lived it step by step. */
function deviations(transcript: CallTranscript, journey: Journey): string[] {
  const problems: string[] = [];
  let at = 0;
  for (const step of journey.steps) {
    const text = heardText(step, journey);
    const language = step.hear.language ?? journey.language;
    const found = transcript.entries.findIndex((entry, index) => index >= at && entry.type === 'prompt' && entry.language === language && entry.text.includes(text));
    if (found < 0) {
      problems.push(`never heard, in ${language}: ${text}`);
      continue;
    }
    at = found + 1;
    if (!step.press) continue;
    const prompt = transcript.entries[found]!;
    const input = transcript.entries.slice(at).find((entry) => entry.type === 'input');
    // The key is taken by the very block that offered it.
    if (input?.type !== 'input' || prompt.type !== 'prompt' || input.action !== prompt.action || input.ignored || input.keys !== step.press) {
      problems.push(`pressed ${step.press} after "${text}" but the flow took ${JSON.stringify(input)}`);
    }
  }
  const outcome = transcript.outcome;
  if ('queue' in journey.end && (outcome.type !== 'answered' || outcome.queue !== journey.end.queue)) problems.push(`ended ${JSON.stringify(outcome)}`);
  if ('hangUp' in journey.end && outcome.type !== 'disconnected') problems.push(`ended ${JSON.stringify(outcome)}`);
  return problems;
}

describe('the hotline journeys (also deployed as hosted Connect test cases)', () => {
  it('cover every category in each language, and after hours in each language', () => {
    const covered = new Set(journeys.filter((j) => j.open).map((j) => `${j.category}-${j.language}`));
    expect(covered).toEqual(new Set(['detainee-en', 'tip-en', 'victim-en', 'detainee-es', 'tip-es', 'victim-es']));
    expect(journeys.filter((j) => !j.open).map((j) => j.language).sort()).toEqual(['en', 'es']);
  });

  it.each(journeys.map((journey) => [journey.name, journey] as const))('%s goes as written', async (_, journey) => {
    const transcript = await travel(journey);
    expect(deviations(transcript, journey)).toEqual([]);
  });

  it('would notice a journey that goes elsewhere', async () => {
    const journey = journeys.find((j) => j.name === 'detainee-en')!;
    const elsewhere: Journey = { ...journey, end: { queue: 'tip-en' } };
    expect(deviations(await travel(journey), elsewhere)).toEqual([`ended {"type":"answered","queue":"detainee-en"}`]);
  });
});
