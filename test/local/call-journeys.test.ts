import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalTask } from '../../shared/adapters/local/task-router';
import { isReferenceNumber, referenceNumberFor } from '../../shared/domain/reference-number';
import type { Category, Language } from '../../shared/domain/taxonomy';
import type { IntakeStore } from '../../shared/ports/intake-store';
import { runCall, speechSeconds, type CallTranscript, type FlowEnvironment } from '../../local/flow-interpreter';
import type { FlowName } from '../../shared/flows/hotline';
import { localFlows } from '../support/flows';
import { startServices, type LocalServices } from '../../local/services';

const OPEN = '2026-11-23T15:00:00.000Z'; // Monday 10:00 Eastern
const CLOSED = '2026-11-28T15:00:00.000Z'; // Saturday
let now = OPEN;
let failCreate: 'no' | 'error' | 'hang' = 'no';
let services: LocalServices;

beforeAll(async () => {
  services = await startServices({
    clock: () => new Date(now),
    // Fault injection: the functions' store fails or hangs on create when a test asks it to.
    wrapStore: (store) =>
      new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'create' && failCreate === 'error') return () => Promise.reject(new Error('DynamoDB is unavailable'));
          if (property === 'create' && failCreate === 'hang') return () => new Promise(() => undefined);
          return Reflect.get(target, property, receiver);
        },
      }) as IntakeStore,
  });
});
afterAll(() => services.stop());

const LANGUAGE_KEY: Record<Language, string> = { en: '1', es: '2' };
/** The keys that reach a category's queue (victims choose to speak with victim services). */
const CATEGORY_KEYS: Record<Category, string[]> = { detainee: ['1'], tip: ['2', '2'], victim: ['3', '2'] };

const flows = (name: FlowName) => localFlows()[name];

async function call(keys: string[], options: { at?: string; from?: string; eager?: boolean; environment?: Partial<FlowEnvironment> } = {}): Promise<CallTranscript> {
  now = options.at ?? OPEN;
  const transcript = await runCall({ ...services.voice.environment, ...options.environment }, services.voice.entryFlow, {
    from: options.from ?? '+12025550143',
    keys,
    ...(options.eager ? { eager: true } : {}),
  });
  // No branch drops a caller silently: a hang-up comes right after something the caller heard
  // (or after the callback that a prompt just confirmed).
  const last = transcript.entries.at(-1)!;
  const beforeHangUp = transcript.entries.filter((entry) => entry.type !== 'callback').at(-2);
  if (last.type === 'disconnect') expect(beforeHangUp?.type).toBe('prompt');
  return transcript;
}

const heard = (transcript: CallTranscript) => transcript.entries.flatMap((entry) => (entry.type === 'prompt' ? [entry.text] : []));
const heardIn = (transcript: CallTranscript, language: Language) =>
  transcript.entries.flatMap((entry) => (entry.type === 'prompt' && entry.language === language ? [entry.text] : []));

describe('a caller', () => {
  describe.each(['en', 'es'] as const)('in %s', (language) => {
    it.each(['detainee', 'tip', 'victim'] as const)('reaches the %s queue with a reference number', async (category) => {
      const keys = [LANGUAGE_KEY[language], ...CATEGORY_KEYS[category]];
      const transcript = await call(keys);
      expect(transcript.outcome).toEqual({ type: 'answered', queue: `${category}-${language}` });
      expect(transcript.language).toBe(language);
      expect(isReferenceNumber(transcript.referenceNumber ?? '')).toBe(true);

      // Everything after the language choice is in that language.
      const afterChoice = transcript.entries.slice(transcript.entries.findIndex((entry) => entry.type === 'input') + 1);
      const languages = new Set(afterChoice.flatMap((entry) => (entry.type === 'prompt' ? [entry.language] : [])));
      expect([...languages]).toEqual([language]);

      // The number is read back digit by digit.
      const spelled = transcript.referenceNumber!.split('').join(' ');
      expect(heard(transcript).some((text) => text.includes(spelled))).toBe(true);

      const intake = await services.store.get(transcript.referenceNumber!);
      expect(intake).toMatchObject({ category, language, channel: 'voice', queueKey: `${category}-${language}`, contact: { phoneLast4: '0143' } });
    });
  });

  it('can report a tip without leaving a number', async () => {
    const transcript = await call(['1', '2', '1']);
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'tip-en' });
    expect(await services.store.get(transcript.referenceNumber!)).toMatchObject({ anonymous: true, contact: null });
    expect(await services.store.revealPhone(transcript.referenceNumber!)).toBeUndefined();
  });

  it('hears the menu again with 9, and is asked again after a wrong key', async () => {
    const transcript = await call(['1', '9', '7', '3', '2']);
    const menus = heard(transcript).filter((text) => text.startsWith('For questions about a detained person'));
    expect(menus).toHaveLength(3);
    expect(heard(transcript)).toContain('Sorry, that is not one of the options.');
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'victim-en' });
  });

  it('is spoken to in English by default after silence at the language choice', async () => {
    const transcript = await call(['timeout', '1']);
    expect(transcript.language).toBe('en');
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'detainee-en' });
  });

  it('hears both languages until choosing, and is asked again after a wrong key', async () => {
    const transcript = await call(['5', '2', '3', '2']);
    expect(heardIn(transcript, 'en')[0]).toContain('If this is an emergency, hang up and dial 911.');
    expect(heardIn(transcript, 'es')[0]).toContain('Si se trata de una emergencia, cuelgue y marque el 911.');
    expect(heardIn(transcript, 'es')[1]).toBe('Disculpe, esa no es una de las opciones. Para español, oprima 2.');
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'victim-es' });
  });

  it('reaches a person after three menu attempts without a choice', async () => {
    const transcript = await call(['2', 'timeout', '8', 'timeout']);
    expect(heardIn(transcript, 'es')).toContain('Disculpe, no escuché ninguna opción.');
    expect(heardIn(transcript, 'es')).toContain(
      'No pudimos registrar su opción. Por favor, permanezca en la línea para hablar con el próximo miembro del personal disponible.',
    );
    // The general route is the round-the-clock tip line, anonymous as a tip without a choice is.
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'tip-es' });
    expect(await services.store.get(transcript.referenceNumber!)).toMatchObject({ category: 'tip', anonymous: true, contact: null });
  });

  it('hears the status of an intake, and nothing else about it', async () => {
    const first = await call(['1', '3', '2']);
    const transcript = await call(['1', '4', `${first.referenceNumber}#`]);
    expect(heard(transcript)).toContain('Your request was received and is waiting for a staff member.');
    expect(transcript.entries.find((entry) => entry.type === 'lambda' && entry.parameters.action === 'status')).toMatchObject({
      response: { result: 'found', status: 'new' },
    });
    expect(transcript.outcome).toEqual({ type: 'disconnected' });
    expect(heard(transcript).at(-1)).toBe('Thank you for calling. Goodbye.');
  });

  it('is told a mistyped reference number is not valid, with no lookup, and reaches a person after three', async () => {
    const first = await call(['1', '3', '2']);
    const ref = first.referenceNumber!;
    const typo = ref.slice(0, 9) + ((Number(ref[9]) + 1) % 10);
    const get = vi.spyOn(services.store, 'get');
    const transcript = await call(['1', '4', `${typo}#`, `${typo}#`, `${typo}#`]);
    expect(heard(transcript).filter((text) => text === 'That number is not valid. Please check it and try again.')).toHaveLength(3);
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'tip-en' });
  });

  it('is told when a valid number matches nothing', async () => {
    const transcript = await call(['2', '4', `${referenceNumberFor('nobody called with this')}#`]);
    expect(heardIn(transcript, 'es')).toContain('No encontramos ninguna solicitud con ese número.');
    expect(transcript.entries.find((entry) => entry.type === 'lambda')).toMatchObject({ response: { result: 'not_found' } });
  });
});

describe('after hours', () => {
  it('a caller hears the hours and asks for a callback to their number, scheduled for opening time', async () => {
    const transcript = await call(['1', '1', '1', '1'], { at: CLOSED });
    expect(heard(transcript)).toContain('This line is closed now. It is open Monday to Friday, 8 AM to 8 PM, Eastern time.');
    expect(transcript.outcome).toEqual({ type: 'disconnected' });
    expect(heard(transcript).at(-1)).toBe('Thank you for calling. Goodbye.');
    const ref = transcript.referenceNumber!;
    expect(heard(transcript)).toContain(`Your callback request is registered. We will call you when we open. Your reference number is ${ref.split('').join(' ')}. Again, your reference number is ${ref.split('').join(' ')}.`);
    expect(await services.store.get(ref)).toMatchObject({ category: 'detainee', callbackAt: '2026-11-30T13:00:00.000Z', routing: { state: 'unrouted' } });

    await services.routeDue();
    const tasks = await services.outbox.list<LocalTask>('task');
    expect(tasks.find((task) => task.intakeId === ref)).toMatchObject({ queueKey: 'detainee-en', scheduledFor: '2026-11-30T13:00:00.000Z' });
    expect(await services.store.get(ref)).toMatchObject({ routing: { state: 'routed', via: 'task' } });
  });

  it('a caller can key in another number for the callback, and is asked again after an invalid one', async () => {
    const transcript = await call(['2', '3', '2', '1', '2', '555#', '2025550111#'], { at: CLOSED });
    expect(heardIn(transcript, 'es')).toContain('Disculpe, ese número de teléfono no es válido.');
    expect(await services.store.revealPhone(transcript.referenceNumber!)).toBe('+12025550111');
  });

  it('a caller who wants no callback hears where else to get help', async () => {
    const transcript = await call(['1', '3', '2', '2'], { at: CLOSED });
    expect(heard(transcript).slice(-2)).toEqual([
      'If this is an emergency, hang up and dial 911. You can also text us at any time at 8005550100.',
      'Thank you for calling. Goodbye.',
    ]);
    // Polly reads the intake number as a phone number, not as a count, in both languages.
    for (const language of ['en', 'es'] as const) {
      const otherHelp = localFlows()[`main-${language}`].Actions.find((action) => action.Identifier === 'OtherHelp');
      expect(JSON.stringify(otherHelp?.Parameters)).toContain('<say-as interpret-as=\\"telephone\\">8005550100</say-as>');
    }
    expect(transcript.referenceNumber).toBeUndefined();
  });

  it('the tip line still answers', async () => {
    const transcript = await call(['1', '2', '1'], { at: CLOSED });
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'tip-en' });
  });
});

describe('when something fails', () => {
  it('the caller hears an apology and still reaches the category queue if the function fails', async () => {
    failCreate = 'error';
    try {
      const transcript = await call(['2', '1']);
      expect(heardIn(transcript, 'es')).toContain('Lo sentimos, no pudimos registrar su solicitud, pero le estamos comunicando con un miembro del personal.');
      expect(transcript.outcome).toEqual({ type: 'answered', queue: 'detainee-es' });
      expect(transcript.entries.find((entry) => entry.type === 'lambda')).toMatchObject({ error: 'DynamoDB is unavailable' });
    } finally {
      failCreate = 'no';
    }
  });

  it('the same happens when the function times out', async () => {
    failCreate = 'hang';
    try {
      const transcript = await call(['1', '3', '2'], { environment: { timeScale: 0.01 } });
      expect(transcript.entries.find((entry) => entry.type === 'lambda')).toMatchObject({ error: 'timed out after 80 ms' });
      expect(transcript.outcome).toEqual({ type: 'answered', queue: 'victim-en' });
    } finally {
      failCreate = 'no';
    }
  });

  it('a caller who cannot be queued hears why before the call ends', async () => {
    const transcript = await call(['1', '1'], { environment: { fullQueues: new Set(['detainee-en']) } });
    expect(heard(transcript).slice(-2)).toEqual([
      'All of our staff are busy and we cannot take more calls right now. Please call again later. You can also text us at any time at 8005550100.',
      'Thank you for calling. Goodbye.',
    ]);
    expect(transcript.outcome).toEqual({ type: 'disconnected' });
  });
});

describe('in the queue', () => {
  it('a caller hears the queue size and can ask to be called back instead of waiting', async () => {
    const transcript = await call(['2', '3', '2', '1'], { environment: { queueContacts: () => Array.from({ length: 4 }, () => ({ channel: 'VOICE' as const })) } });
    expect(heardIn(transcript, 'es')).toContain('Llamadas en espera, incluida la suya: 4.');
    expect(transcript.outcome).toEqual({ type: 'callback', queue: 'victim-es' });
    expect(transcript.entries.find((entry) => entry.type === 'callback')).toMatchObject({ type: 'callback', number: '+12025550143', queue: 'victim-es' });
    expect(heardIn(transcript, 'es').at(-1)).toBe('Le devolveremos la llamada al número desde el que llama cuando sea su turno. Adiós.');
  });
});

describe('as Amazon Connect behaves (issue 14)', () => {
  it('1. an eager English caller is heard: the language choice listens while it speaks both languages', async () => {
    const transcript = await call(['1', '1'], { eager: true });
    expect(transcript.entries.filter((entry) => entry.type === 'input' && entry.ignored)).toEqual([]);
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'detainee-en' });
  });

  it('2. a caller who declines the callback goes back to the hold loop by End flow / Resume, then is answered', async () => {
    const transcript = await call(['1', '1', '2'], { environment: { holdCycles: 2 } });
    const offer = transcript.entries.findIndex((entry) => entry.type === 'input' && entry.action === 'Offer');
    expect(offer).toBeGreaterThan(0);
    expect(transcript.entries.slice(offer + 1).find((entry) => entry.type === 'prompt')).toMatchObject({ action: 'Hold' });
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'detainee-en' });
  });

  it('3. the hold message has a pause after it, so a minute of hold is not the same sentence back to back', async () => {
    const transcript = await call(['1', '1'], { environment: { holdCycles: 1 } });
    // The first interrupt period (60 s), up to the queue size and the callback offer.
    const firstPeriod = transcript.entries.slice(0, transcript.entries.findIndex((entry) => entry.type === 'input' && entry.action === 'Offer'));
    const held = firstPeriod.filter((entry) => entry.type === 'prompt' && entry.action === 'Hold');
    // At most three times a minute, not a dozen.
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThanOrEqual(3);
    const [message] = flows('queue-en').Actions.filter((a) => a.Type === 'MessageParticipantIteratively').flatMap((a) => a.Parameters.Messages);
    expect(speechSeconds(message!)).toBeGreaterThanOrEqual(20);
  });

  it('4. the queue size counts calls only, although texts and callbacks wait in the same queue as tasks', async () => {
    const queueContacts = () => [{ channel: 'VOICE' as const }, { channel: 'TASK' as const }, { channel: 'TASK' as const }, { channel: 'VOICE' as const }];
    const transcript = await call(['1', '1', '2'], { environment: { queueContacts } });
    expect(heard(transcript)).toContain('Calls waiting, including yours: 2.');
  });

  it('4. locally the metric comes from the queue state: a task waiting in the same queue is not a call', async () => {
    await services.outbox.putOnce('task', 'issue-14-task', { taskId: 't-14', intakeId: 'i-14', name: 'a text', queueKey: 'victim-es', createdAt: OPEN });
    const transcript = await call(['2', '3', '2', '2']);
    expect(heardIn(transcript, 'es')).toContain('Llamadas en espera, incluida la suya: 1.');
  });

  it('4. with no metric returned, the size is not said and the callback is still offered', async () => {
    const transcript = await call(['1', '1', '2'], { environment: { queueContacts: () => [] } });
    expect(heard(transcript).some((text) => text.startsWith('Calls waiting'))).toBe(false);
    expect(heard(transcript)).toContain('To hang up and have us call you back when it is your turn, press 1.');
  });

  it('5. silence at the callback-number prompt is "I did not hear", then the number is asked again', async () => {
    const transcript = await call(['1', '1', '1', '2', 'timeout', '2025550111#'], { at: CLOSED });
    expect(heard(transcript)).toContain('Sorry, I did not hear a number.');
    expect(heard(transcript)).not.toContain('Sorry, that phone number is not valid.');
    expect(await services.store.revealPhone(transcript.referenceNumber!)).toBe('+12025550111');
  });

  it('5. silence at the status prompt asks again and looks nothing up', async () => {
    const transcript = await call(['1', '4', 'timeout', 'timeout', 'timeout']);
    expect(heard(transcript).filter((text) => text === 'Sorry, I did not hear a number.')).toHaveLength(3);
    expect(heard(transcript)).not.toContain('That number is not valid. Please check it and try again.');
    expect(transcript.entries.filter((entry) => entry.type === 'lambda' && entry.parameters.action === 'status')).toEqual([]);
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'tip-en' });
  });

  it('5. silence at the case-number prompt asks again, then takes the number', async () => {
    const transcript = await call(['2', '3', '1', 'timeout', '123456#', '2']);
    expect(heardIn(transcript, 'es')).toContain('Disculpe, no escuché ningún número.');
    expect(heardIn(transcript, 'es').some((text) => text.startsWith('Usted ingresó 1 2 3 4 5 6.'))).toBe(true);
  });

  it('6. the callback is confirmed first and created with time to hang up; its attempts count the first call', async () => {
    const transcript = await call(['1', '1', '1']);
    const confirmed = transcript.entries.findIndex((entry) => entry.type === 'prompt' && entry.action === 'CallbackConfirmed');
    const created = transcript.entries.findIndex((entry) => entry.type === 'callback');
    expect(confirmed).toBeGreaterThan(0);
    expect(created).toBeGreaterThan(confirmed);
    const callback = transcript.entries[created];
    expect(callback).toMatchObject({ number: '+12025550143', queue: 'detainee-en', attempts: 2 });
    // The confirmation takes a few seconds to say; the first call comes well after it.
    const confirmation = flows('queue-en').Actions.find((a) => a.Identifier === 'CallbackConfirmed');
    expect(callback?.type === 'callback' && callback.delaySeconds).toBeGreaterThan(2 * speechSeconds(confirmation!.Parameters as { SSML: string }));
  });
});
