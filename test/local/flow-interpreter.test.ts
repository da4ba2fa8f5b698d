import { describe, expect, it } from 'vitest';
import { FlowBuilder } from '../../shared/flows/builder';
import type { FlowDocument } from '../../shared/flows/flow-language';
import { runCall, speechSeconds, storedKeys, type CallTranscript, type FlowEnvironment } from '../../local/flow-interpreter';

const say = (text: string) => ({ SSML: `<speak>${text}</speak>` });
const QUEUE = 'arn:queue/tip-en';

function environment(flows: Record<string, FlowDocument>): FlowEnvironment {
  return {
    flows: new Map(Object.entries(flows)),
    hours: new Map(),
    queues: new Map([[QUEUE, 'tip-en']]),
    invoke: () => Promise.reject(new Error('no function here')),
    clock: () => new Date('2026-11-23T15:00:00.000Z'),
    instanceArn: 'arn:instance',
  };
}
const texts = (transcript: CallTranscript) => transcript.entries.flatMap((entry) => (entry.type === 'prompt' ? [entry.text] : []));

describe('the local flow interpreter follows the documented semantics', () => {
  it('stored input ends at the terminator or the maximum length, and * deletes what came before it', () => {
    expect(storedKeys('1234#', '#', false)).toBe('1234');
    expect(storedKeys('12*34#', '#', false)).toBe('34');
    expect(storedKeys('12*34#', '#', true)).toBe('12*34');
    expect(storedKeys('1#2##9', '##', false)).toBe('1#2');
    expect(storedKeys('123456#', '#', false, 3)).toBe('123');
    expect(storedKeys('*#', '#', false)).toBeNull();
  });

  it('a Play prompt ignores keys pressed while it speaks; Get customer input takes them', async () => {
    const flow = new FlowBuilder();
    flow.disconnect('End');
    flow.say('One', say('You chose one.'), 'End');
    flow.say('Two', say('You chose two.'), 'End');
    flow.menu('Menu', say('For one, press 1. For two, press 2.'), { keys: { '1': 'One', '2': 'Two' }, noInput: 'End', invalid: 'End' });
    flow.say('Notice', say('For the operator, press 1 at any time.'), 'Menu');
    flow.voice('Voice', 'Joanna', 'Notice');
    const flows = { test: flow.build('Voice') };
    const eager = await runCall(environment(flows), 'test', { from: '+12025550143', keys: ['1', '2'], eager: true });
    expect(eager.entries.filter((entry) => entry.type === 'input')).toMatchObject([
      { action: 'Notice', keys: '1', ignored: true },
      { action: 'Menu', keys: '2' },
    ]);
    expect(texts(eager).at(-1)).toBe('You chose two.');
    // A patient caller waits for the menu, and the same first key counts.
    const patient = await runCall(environment(flows), 'test', { from: '+12025550143', keys: ['1'] });
    expect(texts(patient).at(-1)).toBe('You chose one.');
  });

  it('stored input on silence succeeds with "Timeout", also where a phone number is validated', async () => {
    const flow = new FlowBuilder();
    flow.disconnect('End');
    flow.say('Got', say('Got $.StoredCustomerInput.'), 'End');
    flow.say('Invalid', say('Invalid.'), 'End');
    flow.collectPhone('Phone', say('Your number?'), 'Got', 'Invalid');
    flow.voice('Voice', 'Joanna', 'Phone');
    const flows = { test: flow.build('Voice') };
    expect(texts(await runCall(environment(flows), 'test', { from: '+12025550143', keys: ['timeout'] })).at(-1)).toBe('Got Timeout.');
    expect(texts(await runCall(environment(flows), 'test', { from: '+12025550143', keys: ['555#'] })).at(-1)).toBe('Invalid.');
    expect(texts(await runCall(environment(flows), 'test', { from: '+12025550143', keys: ['2025550111#'] })).at(-1)).toBe('Got +12025550111.');
  });

  it('a numeric comparison matches numbers only: an absent value takes the other branch', async () => {
    const flowCounting = (count: Record<string, string>) => {
      const flow = new FlowBuilder();
      flow.disconnect('End');
      flow.say('Some', say('Some.'), 'End');
      flow.say('None', say('None.'), 'End');
      flow.numberAbove('Check', '$.Attributes.count', 0, 'Some', 'None');
      flow.attributes('Set', count, 'Check');
      flow.voice('Voice', 'Joanna', 'Set');
      return { test: flow.build('Voice') };
    };
    const heardWith = async (count: Record<string, string>) => texts(await runCall(environment(flowCounting(count)), 'test', { from: '+12025550143', keys: [] }));
    expect(await heardWith({ count: '3' })).toEqual(['Some.']);
    expect(await heardWith({ count: '0' })).toEqual(['None.']);
    expect(await heardWith({})).toEqual(['None.']);
  });

  it('Loop prompts plays its messages over and over until the interrupt, then branches on MessagesInterrupted', async () => {
    const queueFlow = new FlowBuilder('CUSTOMER_QUEUE');
    queueFlow.endFlow('Resume');
    queueFlow.say('Interrupted', say('Still there?'), 'Resume');
    const message = say('Hold, please.<break time="10s"/>');
    queueFlow.loopPrompts('Hold', [message], 30, 'Interrupted');
    const main = new FlowBuilder();
    main.disconnect('End');
    main.say('Full', say('Full.'), 'End');
    main.transferToQueue('Transfer', 'Full');
    main.setQueue('Queue', QUEUE, 'Transfer', 'Full');
    main.queueFlow('Hook', 'queue', 'Queue');
    main.voice('Voice', 'Joanna', 'Hook');
    const flows = { main: main.build('Voice'), queue: queueFlow.build('Hold') };
    const transcript = await runCall({ ...environment(flows), holdCycles: 1 }, 'main', { from: '+12025550143', keys: [] });
    // About 11 s a message: three in each 30-second period, then the interrupt, then back (End flow / Resume).
    expect(speechSeconds(message)).toBeCloseTo(10.8, 1);
    expect(texts(transcript)).toEqual(['Hold, please.', 'Hold, please.', 'Hold, please.', 'Still there?', 'Hold, please.', 'Hold, please.', 'Hold, please.']);
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'tip-en' });
  });
});
