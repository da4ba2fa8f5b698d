import { DEFAULT_HOURS, describeHours, type HoursByCategory } from '../domain/hours';
import { INTAKE_STATUSES } from '../domain/status';
import { QUEUE_KEYS, queueKeyOf, type QueueKey } from '../domain/queues';
import { CATEGORIES, LANGUAGES, type Category, type Language } from '../domain/taxonomy';
import { FlowBuilder } from './builder';
import type { FlowDocument } from './flow-language';
import { bilingualSsml, followedByPause, sentence, ssml, type Sentence } from './speech';

/** What the flows point at: ARNs in AWS (CDK tokens), local identifiers in the local runtime. */
export interface FlowResources {
  callIntakeFunction: string;
  queues: Record<QueueKey, string>;
  hours: Record<Category, string>;
  mainFlows: Record<Language, string>;
  queueFlows: Record<Language, string>;
  /**
   * The intake text number without +1, the 10 digits Polly reads as a phone number: callers who
   * cannot wait or were not helped are told where to text (a CDK token in AWS).
   */
  textNumber: string;
}

export interface FlowOptions {
  /** The language of a caller who does not choose one. */
  defaultLanguage: Language;
  /** Where a caller who never makes a menu choice is sent. */
  generalCategory: Category;
  /** Read out to callers after hours. */
  hours: HoursByCategory;
}

/** English by default; the 24-hour tip line takes callers who never choose. */
export const DEFAULT_FLOW_OPTIONS: FlowOptions = { defaultLanguage: 'en', generalCategory: 'tip', hours: DEFAULT_HOURS };

/** Neural voices for each language (Polly: Joanna en-US, Lupe es-US). */
export const VOICES: Record<Language, { voice: string; code: 'en-US' | 'es-US' }> = {
  en: { voice: 'Joanna', code: 'en-US' },
  es: { voice: 'Lupe', code: 'es-US' },
};

/** The keys of the main menu. */
export const MENU = { detainee: '1', tip: '2', victim: '3', status: '4', repeat: '9' } as const;
/** The key of each language at the language choice. */
export const LANGUAGE_KEYS: Record<Language, string> = { en: '1', es: '2' };
/** How many times a caller is asked again after no input or a wrong key. */
export const ATTEMPTS = 3;

/** Where else to turn: the intake text number, read as a phone number. */
const textUs = (resources: FlowResources) => sentence('voice.textUs', { textNumber: { telephone: resources.textNumber } });

/** Every flow the hotline deploys, by name. The task flow routes tasks (texts, callbacks). */
export function hotlineFlows(resources: FlowResources, options: FlowOptions): Record<FlowName, FlowDocument> {
  return {
    entry: entryFlow(resources, options),
    'main-en': mainFlow('en', resources, options),
    'main-es': mainFlow('es', resources, options),
    'queue-en': queueFlow('en'),
    'queue-es': queueFlow('es'),
    task: taskFlow(resources),
  };
}
export type FlowName = 'entry' | 'main-en' | 'main-es' | 'queue-en' | 'queue-es' | 'task';

/** The Connect flow type of each flow. */
export const FLOW_TYPES: Record<FlowName, 'CONTACT_FLOW' | 'CUSTOMER_QUEUE'> = {
  entry: 'CONTACT_FLOW',
  'main-en': 'CONTACT_FLOW',
  'main-es': 'CONTACT_FLOW',
  'queue-en': 'CUSTOMER_QUEUE',
  'queue-es': 'CUSTOMER_QUEUE',
  task: 'CONTACT_FLOW',
};

const attempts = Array.from({ length: ATTEMPTS }, (_, index) => index + 1);

/**
 * A menu asked up to ATTEMPTS times: no input or a wrong key says so and asks again; after the
 * last attempt the caller goes to `exhausted`. Returns the first menu's identifier.
 */
function menuWithRetries(
  flow: FlowBuilder,
  name: string,
  language: Language,
  prompt: Sentence[],
  keys: Record<string, string>,
  exhausted: string,
): string {
  for (const n of attempts) {
    const again = n < ATTEMPTS ? `${name}-${n + 1}` : exhausted;
    flow.menu(`${name}-${n}`, ssml(language, ...prompt), {
      keys,
      noInput: flow.say(`${name}-NoInput-${n}`, ssml(language, sentence('voice.noInput')), again),
      invalid: flow.say(`${name}-Invalid-${n}`, ssml(language, sentence('voice.invalidChoice')), again),
    });
  }
  return `${name}-1`;
}

/**
 * The number callers dial: the emergency notice and the language choice, both languages in one
 * input block, then the main flow of the chosen language.
 */
export function entryFlow(resources: FlowResources, options: FlowOptions): FlowDocument {
  const flow = new FlowBuilder(FLOW_TYPES.entry);
  const toMain = (language: Language) => `To-${language}`;

  // If the hand-over fails the caller still hears, in both languages, where else to get help.
  flow.voice('Failed-Voice-en', VOICES.en.voice, 'Failed-en');
  flow.say('Failed-en', ssml('en', sentence('voice.otherHelp'), textUs(resources)), 'Failed-Voice-es');
  flow.voice('Failed-Voice-es', VOICES.es.voice, 'Failed-es');
  flow.say('Failed-es', ssml('es', sentence('voice.otherHelp'), textUs(resources)), 'Disconnect');
  flow.disconnect('Disconnect');

  for (const language of LANGUAGES) {
    flow.attributes(`Chose-${language}`, { language }, toMain(language));
    flow.transferToFlow(toMain(language), resources.mainFlows[language], 'Failed-Voice-en');
  }
  const keys = Object.fromEntries(LANGUAGES.map((language) => [LANGUAGE_KEYS[language], `Chose-${language}`]));
  const fallback = `Chose-${options.defaultLanguage}`;

  // Connect captures keys only while an input block plays (a Play prompt drops them), so one
  // block says both languages' notice and choice, English first, and listens throughout.
  for (const n of attempts) {
    const first = n === 1 ? [sentence('voice.welcome'), sentence('voice.emergency')] : [sentence('voice.invalidChoice')];
    const choice = (language: Language) => sentence('voice.languageChoice', { key: LANGUAGE_KEYS[language] });
    const again = n < ATTEMPTS ? `Language-${n + 1}` : fallback;
    const prompt = bilingualSsml(...LANGUAGES.map((language) => ({ language, sentences: [...first, choice(language)] })));
    // No key at all means the default language; a wrong key asks again.
    flow.menu(`Language-${n}`, prompt, { keys, noInput: fallback, invalid: again });
  }
  flow.voice('Voice', VOICES.en.voice, 'Language-1');
  flow.logging('Logging', 'Voice');
  return flow.build('Logging');
}

/** Everything after the language choice, in one language. */
export function mainFlow(language: Language, resources: FlowResources, options: FlowOptions): FlowDocument {
  const flow = new FlowBuilder(FLOW_TYPES[`main-${language}`]);
  const say = (id: string, next: string, ...sentences: Sentence[]) => flow.say(id, ssml(language, ...sentences), next);
  const referenceNumber = { attribute: '$.Attributes.referenceNumber', digits: true };

  // Endings.
  flow.disconnect('Disconnect');
  say('Goodbye', 'Disconnect', sentence('voice.goodbye'));
  say('OtherHelp', 'Goodbye', sentence('voice.otherHelp'), textUs(resources));
  say('TransferFailed', 'Goodbye', sentence('voice.queueFull'), textUs(resources));
  flow.transferToQueue('Transfer', 'TransferFailed');

  // One path per category: hours, the intake, its reference number, the queue.
  for (const category of CATEGORIES) {
    const queue = `Queue-${category}`;
    flow.setQueue(queue, resources.queues[queueKeyOf(category, language)], 'Transfer', 'TransferFailed');
    say(`IntakeFailed-${category}`, queue, sentence('voice.intakeFailed'));
    say(`SayReference-${category}`, queue, sentence('voice.referenceNumber', { referenceNumber }), sentence('voice.connecting'));
    flow.attributes(`Reference-${category}`, { referenceNumber: '$.External.referenceNumber' }, `SayReference-${category}`);
    flow.invoke(
      `Intake-${category}`,
      resources.callIntakeFunction,
      { action: 'create', category, language, anonymous: '$.Attributes.anonymous' },
      { next: `Reference-${category}`, error: `IntakeFailed-${category}` },
    );
    say(`Closed-${category}`, 'CallbackOffer-1', sentence('voice.closed', { schedule: describeHours(options.hours[category], language) }));
    flow.checkHours(`Hours-${category}`, resources.hours[category], {
      open: `Intake-${category}`,
      closed: `Closed-${category}`,
      // If the hours cannot be checked, let the caller through rather than turn them away.
      error: `Intake-${category}`,
    });
  }
  const choose = (id: string, category: Category, anonymous: boolean) =>
    flow.attributes(id, { category, anonymous: String(anonymous) }, `Hours-${category}`);
  choose('Choose-detainee', 'detainee', false);
  choose('Choose-victim', 'victim', false);
  choose('Choose-tip', 'tip', false);
  choose('Choose-tip-anonymous', 'tip', true);

  // Victims register for custody notices here, or go on to a person.
  say('RegisterSent', 'Goodbye', sentence('voice.registrationSent'));
  say('RegisterTextsOff', 'Goodbye', sentence('voice.registrationTextsOff'));
  say('RegisterNoNumber', 'Choose-victim', sentence('voice.registrationNoNumber'));
  say('RegisterFailed', 'Choose-victim', sentence('voice.registrationFailed'));
  say('RegisterInvalidCase', 'Choose-victim', sentence('voice.caseNumberInvalid'));
  flow.compare(
    'RegisterResult',
    '$.External.result',
    { sent: 'RegisterSent', texts_off: 'RegisterTextsOff', no_number: 'RegisterNoNumber', invalid_case: 'RegisterInvalidCase' },
    'RegisterFailed',
  );
  flow.invoke('Register', resources.callIntakeFunction, { action: 'register', caseNumber: '$.Attributes.caseNumber', language }, { next: 'RegisterResult', error: 'RegisterFailed' });
  for (const n of attempts) {
    const again = n < ATTEMPTS ? `RegisterCase-${n + 1}` : 'Choose-victim';
    say(`RegisterInvalid-${n}`, again, sentence('voice.caseNumberInvalid'));
    say(`RegisterNotHeard-${n}`, again, sentence('voice.notHeardNumber'));
    flow.menu(
      `RegisterCheck-${n}`,
      ssml(language, sentence('voice.caseNumberConfirm', { caseNumber: { attribute: '$.Attributes.caseNumber', digits: true }, yes: '1', again: '2' })),
      { keys: { '1': 'Register', '2': again }, noInput: again, invalid: again },
    );
    flow.attributes(`RegisterKeep-${n}`, { caseNumber: '$.StoredCustomerInput' }, `RegisterCheck-${n}`);
    // Silence at a stored-input prompt succeeds with the value "Timeout" (store-customer-input.html):
    // say nothing was heard and ask again, rather than read "Timeout" back.
    flow.compare(`RegisterTimeout-${n}`, '$.StoredCustomerInput', { Timeout: `RegisterNotHeard-${n}` }, `RegisterKeep-${n}`);
    flow.collectDigits(`RegisterCase-${n}`, ssml(language, sentence('voice.caseNumberPrompt')), 12, `RegisterTimeout-${n}`, `RegisterInvalid-${n}`);
  }
  const victimChoice = menuWithRetries(
    flow,
    'VictimChoice',
    language,
    [sentence('voice.victimChoice', { register: '1', speak: '2' })],
    { '1': 'RegisterCase-1', '2': 'Choose-victim' },
    'Choose-victim',
  );

  // A tip is anonymous unless the caller chooses to leave a number.
  const tipAnonymity = menuWithRetries(
    flow,
    'TipAnonymity',
    language,
    [sentence('voice.tipAnonymity', { anonymous: '1', leaveNumber: '2' })],
    { '1': 'Choose-tip-anonymous', '2': 'Choose-tip' },
    'Choose-tip-anonymous',
  );

  // No usable choice after every attempt: a person sorts it out.
  flow.attributes(
    'General-Route',
    { category: options.generalCategory, anonymous: String(options.generalCategory === 'tip'), menu: 'none' },
    `Hours-${options.generalCategory}`,
  );
  say('General', 'General-Route', sentence('voice.generalRoute'));

  // After hours: a callback at opening time, to the caller's number or one they key in.
  say('CallbackFailed', 'Goodbye', sentence('voice.callbackFailed'), textUs(resources));
  say('CallbackRegistered', 'Goodbye', sentence('voice.callbackRegistered'), sentence('voice.referenceNumber', { referenceNumber }));
  flow.attributes('CallbackReference', { referenceNumber: '$.External.referenceNumber' }, 'CallbackRegistered');
  // The number goes to the function as a parameter, never into a contact attribute: Connect keeps
  // a contact's attributes with its record and in flow logs, and a number is personal data.
  for (const [identifier, callbackNumber] of [
    ['CallbackCallerNumber', '$.CustomerEndpoint.Address'],
    ['CallbackEnteredNumber', '$.StoredCustomerInput'],
  ] as const) {
    flow.invoke(identifier, resources.callIntakeFunction, { action: 'callback', category: '$.Attributes.category', language, callbackNumber }, { next: 'CallbackReference', error: 'CallbackFailed' });
  }
  for (const n of attempts) {
    const again = n < ATTEMPTS ? `CallbackEntry-${n + 1}` : 'OtherHelp';
    say(`CallbackEntryInvalid-${n}`, again, sentence('voice.callbackNumberInvalid'));
    say(`CallbackEntryNotHeard-${n}`, again, sentence('voice.notHeardNumber'));
    // Silence succeeds with "Timeout", which is no number to call: ask again.
    flow.compare(`CallbackEntryTimeout-${n}`, '$.StoredCustomerInput', { Timeout: `CallbackEntryNotHeard-${n}` }, 'CallbackEnteredNumber');
    flow.collectPhone(`CallbackEntry-${n}`, ssml(language, sentence('voice.callbackNumberPrompt')), `CallbackEntryTimeout-${n}`, `CallbackEntryInvalid-${n}`);
  }
  menuWithRetries(
    flow,
    'CallbackNumber',
    language,
    [sentence('voice.callbackNumberChoice', { useThis: '1', other: '2' })],
    { '1': 'CallbackCallerNumber', '2': 'CallbackEntry-1' },
    'CallbackCallerNumber',
  );
  menuWithRetries(flow, 'CallbackOffer', language, [sentence('voice.callbackOffer', { yes: '1', no: '2' })], { '1': 'CallbackNumber-1', '2': 'OtherHelp' }, 'OtherHelp');

  // Status of an existing intake: the function checks the check digit before any lookup.
  say('StatusUnavailable', 'General', sentence('voice.statusUnavailable'));
  flow.menu('StatusMenu', ssml(language, sentence('voice.statusMenu', { menu: '1' })), { keys: { '1': 'Menu-1' }, noInput: 'Goodbye', invalid: 'Goodbye' });
  const statusSays = Object.fromEntries(
    INTAKE_STATUSES.map((status) => [status, say(`Status-${status}`, 'StatusMenu', sentence(`voice.status.${status}`))]),
  );
  flow.compare('StatusWhich', '$.External.status', statusSays, 'StatusUnavailable');
  for (const n of attempts) {
    const again = n < ATTEMPTS ? `Status-${n + 1}` : 'General';
    say(`StatusInvalid-${n}`, again, sentence('voice.statusInvalid'));
    say(`StatusNotFound-${n}`, again, sentence('voice.statusNotFound'));
    say(`StatusNotHeard-${n}`, again, sentence('voice.notHeardNumber'));
    flow.compare(`StatusResult-${n}`, '$.External.result', { invalid: `StatusInvalid-${n}`, not_found: `StatusNotFound-${n}`, found: 'StatusWhich' }, 'StatusUnavailable');
    flow.invoke(`StatusLookup-${n}`, resources.callIntakeFunction, { action: 'status', referenceNumber: '$.StoredCustomerInput' }, {
      next: `StatusResult-${n}`,
      error: 'StatusUnavailable',
    });
    // Silence ("Timeout") is not looked up: the caller is asked again.
    flow.compare(`StatusTimeout-${n}`, '$.StoredCustomerInput', { Timeout: `StatusNotHeard-${n}` }, `StatusLookup-${n}`);
    flow.collectDigits(`Status-${n}`, ssml(language, sentence('voice.statusPrompt')), 10, `StatusTimeout-${n}`, `StatusInvalid-${n}`);
  }

  // The main menu; 9 repeats it without using up an attempt.
  const menuPrompt = [
    sentence('voice.menu.detainee', { key: MENU.detainee }),
    sentence('voice.menu.tip', { key: MENU.tip }),
    sentence('voice.menu.victim', { key: MENU.victim }),
    sentence('voice.menu.status', { key: MENU.status }),
    sentence('voice.menu.repeat', { key: MENU.repeat }),
  ];
  for (const n of attempts) {
    const again = n < ATTEMPTS ? `Menu-${n + 1}` : 'General';
    flow.menu(`Menu-${n}`, ssml(language, ...menuPrompt), {
      keys: {
        [MENU.detainee]: 'Choose-detainee',
        [MENU.tip]: tipAnonymity,
        [MENU.victim]: victimChoice,
        [MENU.status]: 'Status-1',
        [MENU.repeat]: `Menu-${n}`,
      },
      noInput: say(`Menu-NoInput-${n}`, again, sentence('voice.noInput')),
      invalid: say(`Menu-Invalid-${n}`, again, sentence('voice.invalidChoice')),
    });
  }

  // The voice and language for the rest of the call, and the queue flow for the wait.
  flow.queueFlow('SetQueueFlow', resources.queueFlows[language], 'Menu-1');
  flow.languageCode('SetLanguage', VOICES[language].code, 'SetQueueFlow');
  flow.voice('SetVoice', VOICES[language].voice, 'SetLanguage');
  return flow.build('SetVoice');
}

/** Seconds of silence after the hold message, so the loop does not repeat it back to back. */
export const HOLD_PAUSE_SECONDS = 20;
/** How often the hold loop is interrupted for the queue size and the callback offer. */
export const HOLD_INTERRUPT_SECONDS = 60;
/**
 * Queued callbacks: the confirmation plays first, then the callback is created with a delay long
 * enough for the caller to hang up; MaximumConnectionAttempts counts every call, the first one
 * included, so 2 is one call and one retry five minutes later.
 * https://docs.aws.amazon.com/connect/latest/APIReference/interactions-createcallbackcontact.html
 */
export const QUEUED_CALLBACK = { initialDelaySeconds: 30, maximumAttempts: 2, retryDelaySeconds: 300 } as const;

/**
 * While a caller waits: a message with a pause on repeat; every minute the number of calls
 * waiting (voice only: texts and callbacks are tasks in the same queues) and an offer to be
 * called back. Like Amazon's sample interruptible queue flow, every interrupt ends with End flow /
 * Resume, which returns the caller to the loop: no prompt or input leads back into it.
 * https://docs.aws.amazon.com/connect/latest/adminguide/sample-interruptible-queue.html
 */
export function queueFlow(language: Language): FlowDocument {
  const flow = new FlowBuilder(FLOW_TYPES[`queue-${language}`]);
  const say = (id: string, next: string, ...sentences: Sentence[]) => flow.say(id, ssml(language, ...sentences), next);
  flow.disconnect('Disconnect');
  flow.endFlow('Resume');
  say('CallbackFailed', 'Resume', sentence('voice.queueCallbackFailed'));
  flow.createCallback('Callback', QUEUED_CALLBACK, 'Disconnect', 'CallbackFailed');
  say('CallbackConfirmed', 'Callback', sentence('voice.queueCallbackConfirmed'));
  flow.callbackNumber('CallbackNumber', '$.CustomerEndpoint.Address', 'CallbackConfirmed', 'CallbackFailed');
  flow.menu('Offer', ssml(language, sentence('voice.queueCallbackOffer', { callback: '1' })), { keys: { '1': 'CallbackNumber' }, noInput: 'Resume', invalid: 'Resume' }, 5);
  say('Position', 'Offer', sentence('voice.queueSize', { queueSize: { attribute: '$.Metrics.Queue.Size' } }));
  // Metrics are absent when the queue has no recent activity: then the size is not said.
  flow.numberAbove('HasSize', '$.Metrics.Queue.Size', 0, 'Position', 'Offer');
  flow.queueMetrics('Metrics', 'Voice', 'HasSize', 'Offer');
  flow.loopPrompts('Hold', [followedByPause(ssml(language, sentence('voice.queueHold')), HOLD_PAUSE_SECONDS)], HOLD_INTERRUPT_SECONDS, 'Metrics');
  return flow.build('Hold');
}

/**
 * Tasks (texts, callbacks) carry their queue key as an attribute; this flow puts each task in
 * that queue. A task with an unknown key goes to the first queue rather than being lost.
 */
export function taskFlow(resources: FlowResources): FlowDocument {
  const flow = new FlowBuilder(FLOW_TYPES.task);
  flow.disconnect('Disconnect');
  flow.transferToQueue('Transfer', 'Disconnect');
  const fallback = `Queue-${QUEUE_KEYS[0]}`;
  for (const key of QUEUE_KEYS) flow.setQueue(`Queue-${key}`, resources.queues[key], 'Transfer', key === QUEUE_KEYS[0] ? 'Disconnect' : fallback);
  flow.compare('Route', '$.Attributes.queueKey', Object.fromEntries(QUEUE_KEYS.map((key) => [key, `Queue-${key}`])), fallback);
  return flow.build('Route');
}
