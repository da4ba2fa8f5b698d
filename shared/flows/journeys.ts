import { message, type MessageKey, type ParamsArgument } from '../domain/catalog';
import { describeHours } from '../domain/hours';
import { queueKeyOf, type QueueKey } from '../domain/queues';
import { CATEGORIES, LANGUAGES, type Category, type Language } from '../domain/taxonomy';
import { LANGUAGE_KEYS, MENU, type FlowOptions } from './hotline';

/**
 * Calls through the hotline written once, as what the caller hears and what they key in, and run
 * twice: by the local flow interpreter in the tests (test/local/hotline-journeys.test.ts), and by
 * Amazon Connect itself as hosted test cases (AWS::Connect::TestCase, see ./test-cases.ts).
 */
export interface JourneyStep {
  /** A sentence of the catalog the caller hears, in the journey's language unless given. */
  hear: { key: MessageKey; params: Record<string, string>; language?: Language };
  /** What the caller keys in while that sentence is said, in the block that says it. */
  press?: string;
}

export interface Journey {
  /** Short and unique: the hosted test case is named after it. */
  name: string;
  description: string;
  language: Language;
  category: Category;
  /** Whether the line is open (the hosted test overrides the hours check accordingly). */
  open: boolean;
  steps: JourneyStep[];
  /** Where the call ends: in a queue, or with the caller hanging up after the last step. */
  end: { queue: QueueKey } | { hangUp: true };
}

function hear<K extends MessageKey>(key: K, ...[params]: ParamsArgument<K>): JourneyStep['hear'] {
  return { key, params: (params ?? {}) as Record<string, string> };
}

/** The sentence a step hears, as spoken. */
export function heardText(step: JourneyStep, journey: Journey): string {
  const language = step.hear.language ?? journey.language;
  return message(language, step.hear.key, ...([step.hear.params] as ParamsArgument<MessageKey>));
}

/** The keys a caller presses to get from the main menu to a category's queue, with what they hear. */
const TO_QUEUE: Record<Category, JourneyStep[]> = {
  detainee: [{ hear: hear('voice.menu.detainee', { key: MENU.detainee }), press: MENU.detainee }],
  tip: [
    { hear: hear('voice.menu.tip', { key: MENU.tip }), press: MENU.tip },
    { hear: hear('voice.tipAnonymity', { anonymous: '1', leaveNumber: '2' }), press: '1' },
  ],
  victim: [
    { hear: hear('voice.menu.victim', { key: MENU.victim }), press: MENU.victim },
    { hear: hear('voice.victimChoice', { register: '1', speak: '2' }), press: '2' },
  ],
};

const chooseLanguage = (language: Language): JourneyStep => ({
  hear: { ...hear('voice.languageChoice', { key: LANGUAGE_KEYS[language] }), language },
  press: LANGUAGE_KEYS[language],
});

/** At least one journey per category and language, and after hours in each language. */
export function hotlineJourneys(options: FlowOptions): Journey[] {
  const open = LANGUAGES.flatMap((language) =>
    CATEGORIES.map(
      (category): Journey => ({
        name: `${category}-${language}`,
        description: `A ${language} caller reaches the ${category} queue with a reference number`,
        language,
        category,
        open: true,
        steps: [chooseLanguage(language), ...TO_QUEUE[category], { hear: hear('voice.connecting') }],
        end: { queue: queueKeyOf(category, language) },
      }),
    ),
  );
  const closed = LANGUAGES.map(
    (language): Journey => ({
      name: `after-hours-${language}`,
      description: `After hours, a ${language} caller hears the hours, declines a callback and hears where else to get help`,
      language,
      category: 'detainee',
      open: false,
      steps: [
        chooseLanguage(language),
        ...TO_QUEUE.detainee,
        { hear: hear('voice.closed', { schedule: describeHours(options.hours.detainee, language) }) },
        { hear: hear('voice.callbackOffer', { yes: '1', no: '2' }), press: '2' },
        { hear: hear('voice.otherHelp') },
      ],
      end: { hangUp: true },
    }),
  );
  return [...open, ...closed];
}
