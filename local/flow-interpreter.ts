import { randomUUID } from 'node:crypto';
import { isOpen, type WeeklyHours } from '../shared/domain/hours';
import { toE164 } from '../shared/domain/phone';
import type { QueueKey } from '../shared/domain/queues';
import type { Language } from '../shared/domain/taxonomy';
import type { FlowAction, FlowDocument } from '../shared/flows/flow-language';
import { VOICES } from '../shared/flows/hotline';
import type { Clock } from '../shared/ports/clock';

/**
 * Executes Amazon Connect flow-language JSON the way Connect would for one voice call: the same
 * documents CDK deploys, with scripted key presses, a clock, and the real call-intake handler.
 * Anything it does not know (an action type, a transition, a resource, an attribute path) is an
 * error, never a guess.
 */

export interface FlowEnvironment {
  /** Flows by the identifier other flows use for them (an ARN in AWS). */
  flows: ReadonlyMap<string, FlowDocument>;
  hours: ReadonlyMap<string, WeeklyHours>;
  queues: ReadonlyMap<string, QueueKey>;
  /** Invokes the function behind an ARN with a Connect event; resolves to its response. */
  invoke(functionArn: string, event: unknown): Promise<unknown>;
  clock: Clock;
  instanceArn: string;
  /** How many times the hold message plays before an agent answers (default 1). */
  holdCycles?: number;
  /** The queue size GetMetricData reports when there is no queueContacts (default 1: the caller alone). */
  queueSize?: number;
  /**
   * The contacts waiting in a queue, calls and tasks alike (texts and callbacks are tasks in the
   * same queues): what GetMetricData counts, per channel. None at all means no metric.
   */
  queueContacts?: (queue: QueueKey) => readonly QueuedContact[] | Promise<readonly QueuedContact[]>;
  /** Queues that refuse transfers, to test QueueAtCapacity. */
  fullQueues?: ReadonlySet<QueueKey>;
  /** Scales Connect's function time limit (tests of a timeout shorten it). */
  timeScale?: number;
}

export interface QueuedContact {
  channel: 'VOICE' | 'CHAT' | 'TASK';
}

export interface CallScript {
  /** The caller's number, as Connect reports it. */
  from: string;
  /** One entry per input the flow asks for: a key, digits ending in #, or "timeout". */
  keys: string[];
  /**
   * An eager caller presses a key as soon as they hear "press <key>", even while a Play prompt
   * is speaking, where Connect does not listen: such a key is lost.
   */
  eager?: boolean;
}

export type TranscriptEntry =
  | { type: 'flow'; flow: string }
  | { type: 'prompt'; action: string; language: Language; voice: string; text: string }
  | { type: 'input'; action: string; keys: string | null; ignored?: true }
  | { type: 'attributes'; action: string; set: Record<string, string> }
  | { type: 'lambda'; action: string; parameters: Record<string, string>; response?: Record<string, string>; error?: string }
  | { type: 'queue'; action: string; queue: QueueKey }
  | { type: 'transfer'; queue: QueueKey }
  | { type: 'callback'; number: string; queue: QueueKey; delaySeconds?: number; attempts?: number }
  | { type: 'disconnect'; action: string };

export type CallOutcome =
  | { type: 'answered'; queue: QueueKey }
  | { type: 'callback'; queue: QueueKey }
  | { type: 'disconnected' };

/**
 * What Connect's flow logs would hold for a block run while logging is on: the contact, the
 * block, its parameters and (for a Lambda) its results
 * (https://docs.aws.amazon.com/connect/latest/adminguide/about-contact-flow-logs.html).
 */
export interface FlowLogEntry {
  ContactId: string;
  ContactFlowId: string;
  Identifier: string;
  Type: string;
  Parameters: unknown;
  ExternalResults?: Record<string, string>;
}

export interface CallTranscript {
  /** The flow logs this call would leave in CloudWatch. */
  flowLog: FlowLogEntry[];
  contactId: string;
  from: string;
  startedAt: string;
  entries: TranscriptEntry[];
  attributes: Record<string, string>;
  outcome: CallOutcome;
  language?: Language;
  referenceNumber?: string;
}

/** The voice -> language map, from the voices the flows use. */
const LANGUAGE_OF_VOICE = new Map(Object.entries(VOICES).map(([language, { voice }]) => [voice, language as Language]));

/** Guards against a flow that loops without waiting for the caller. */
const MAX_STEPS = 2000;

class FlowError extends Error {
  constructor(flow: string, action: string, message: string) {
    super(`${flow} / ${action}: ${message}`);
    this.name = 'FlowError';
  }
}

interface Contact {
  contactId: string;
  from: string;
  attributes: Record<string, string>;
  external: Record<string, string>;
  storedInput?: string;
  voice: string;
  queue?: string;
  customerQueueFlow?: string;
  callbackNumber?: string;
  metrics?: { Queue: { Size: string } };
}

type Step = { next: string } | { end: CallOutcome } | { flow: string };

export async function runCall(environment: FlowEnvironment, entryFlow: string, script: CallScript): Promise<CallTranscript> {
  return new Call(environment, script).run(entryFlow);
}

/** One call going through the flows. */
class Call {
  private readonly keys: string[];
  private readonly contact: Contact;
  private readonly transcript: CallTranscript;
  private holdCycles = 0;
  /** Flow logging, off until a flow turns it on. */
  private logging = false;
  private flowId = '';
  private readonly eager: boolean;
  /** The Loop prompts an End flow / Resume returns to. */
  private resumeAt: string | undefined;

  constructor(
    private readonly environment: FlowEnvironment,
    script: CallScript,
  ) {
    this.keys = [...script.keys];
    this.eager = script.eager ?? false;
    this.contact = { contactId: randomUUID(), from: script.from, attributes: {}, external: {}, voice: VOICES.en.voice };
    this.transcript = {
      contactId: this.contact.contactId,
      from: script.from,
      startedAt: environment.clock().toISOString(),
      entries: [],
      flowLog: [],
      attributes: this.contact.attributes,
      outcome: { type: 'disconnected' },
    };
  }

  async run(entryFlow: string): Promise<CallTranscript> {
    let flow = this.enter(entryFlow);
    let actionId = flow.StartAction;
    for (let steps = 1; ; steps++) {
      if (steps > MAX_STEPS) throw new FlowError(this.flowId, actionId, `still running after ${MAX_STEPS} actions: a loop that never waits`);
      const action = flow.Actions.find((candidate) => candidate.Identifier === actionId);
      if (!action) throw new FlowError(this.flowId, actionId, 'no such action');
      const step = await this.execute(action);
      if (action.Type !== 'InvokeLambdaFunction') this.log(action); // a Lambda's entry carries its results
      if ('end' in step) {
        this.transcript.outcome = step.end;
        return this.transcript;
      }
      if ('flow' in step) {
        flow = this.enter(step.flow);
        actionId = flow.StartAction;
      } else {
        actionId = step.next;
      }
    }
  }

  private enter(flowId: string): FlowDocument {
    this.flowId = flowId;
    this.record({ type: 'flow', flow: flowId });
    return flowNamed(this.environment, flowId);
  }

  private record(entry: TranscriptEntry): void {
    this.transcript.entries.push(entry);
  }

  /** A block's flow log entry, as Connect writes it while logging is on, with values resolved. */
  private log(action: FlowAction, externalResults?: Record<string, string>): void {
    if (!this.logging) return;
    // Every JSONPath replaced by its value, even inside a prompt: the worst case for a reader of the logs.
    const resolved = JSON.parse(JSON.stringify(action.Parameters), (_key, value: unknown) =>
      typeof value === 'string'
        ? value.replace(/\$\.[A-Za-z]+(?:\.[A-Za-z]+)*/g, (path) => resolvePath(this.contact, path, (message) => this.fail(action, message)))
        : value,
    ) as unknown;
    this.transcript.flowLog.push({
      ContactId: this.contact.contactId,
      ContactFlowId: this.flowId,
      Identifier: action.Identifier,
      Type: action.Type,
      Parameters: resolved,
      ...(externalResults ? { ExternalResults: externalResults } : {}),
    });
  }

  private fail(action: FlowAction, message: string): FlowError {
    return new FlowError(this.flowId, action.Identifier, message);
  }

  private next(action: FlowAction): Step {
    if (!action.Transitions.NextAction) throw this.fail(action, 'no NextAction');
    return { next: action.Transitions.NextAction };
  }

  private error(action: FlowAction, type: string): Step {
    const branch = action.Transitions.Errors?.find((candidate) => candidate.ErrorType === type);
    if (!branch) throw this.fail(action, `no transition for the error ${type}`);
    return { next: branch.NextAction };
  }

  private condition(action: FlowAction, value: string, otherwise: string): Step {
    const match = action.Transitions.Conditions?.find((candidate) => holds(candidate.Condition.Operator, value, candidate.Condition.Operands[0]));
    return match ? { next: match.NextAction } : this.error(action, otherwise);
  }

  private resolve(action: FlowAction, value: string): string {
    return resolvePath(this.contact, value, (message) => this.fail(action, message));
  }

  /** Records what the caller hears; a prompt with <lang> parts is heard as one entry per language. */
  private say(action: FlowAction, prompt: { SSML: string } | { Text: string }): string {
    const language = LANGUAGE_OF_VOICE.get(this.contact.voice);
    if (!language) throw this.fail(action, `no language for the voice ${this.contact.voice}`);
    const texts: string[] = [];
    for (const part of languageParts(prompt, language)) {
      const text = speak(part.prompt, (path) => this.resolve(action, path));
      texts.push(text);
      this.record({ type: 'prompt', action: action.Identifier, language: part.language, voice: this.contact.voice, text });
    }
    return texts.join(' ');
  }

  /**
   * A Play prompt does not listen: a key pressed while it speaks is lost (Connect captures DTMF
   * only in Get customer input). https://docs.aws.amazon.com/connect/latest/adminguide/play.html
   */
  private pressedDuringPlayPrompt(action: FlowAction, heard: string): void {
    const next = this.keys[0];
    if (!this.eager || next === undefined || next.length !== 1 || !offeredKeys(heard).has(next)) return;
    this.keys.shift();
    this.record({ type: 'input', action: action.Identifier, keys: next, ignored: true });
  }

  private queueOfContact(): QueueKey | undefined {
    return this.contact.queue ? this.environment.queues.get(this.contact.queue) : undefined;
  }

  private async execute(action: FlowAction): Promise<Step> {
    const { contact, environment, transcript } = this;
    switch (action.Type) {
      case 'UpdateFlowLoggingBehavior':
        this.logging = action.Parameters.FlowLoggingBehavior === 'Enabled';
        return this.next(action);
      case 'UpdateContactTextToSpeechVoice':
        // No error branch: an unknown voice silently ends text-to-speech for the contact
        // (contact-actions-updatecontacttexttospeechvoice.html), so it is a flow bug here.
        if (!LANGUAGE_OF_VOICE.has(action.Parameters.TextToSpeechVoice)) throw this.fail(action, `unknown voice ${action.Parameters.TextToSpeechVoice}`);
        contact.voice = action.Parameters.TextToSpeechVoice;
        return this.next(action);
      case 'UpdateContactData':
        transcript.language = action.Parameters.LanguageCode === 'es-US' ? 'es' : 'en';
        return this.next(action);
      case 'UpdateContactAttributes': {
        const set = Object.fromEntries(Object.entries(action.Parameters.Attributes).map(([name, value]) => [name, this.resolve(action, value)]));
        Object.assign(contact.attributes, set);
        this.record({ type: 'attributes', action: action.Identifier, set });
        if (set.referenceNumber) transcript.referenceNumber = set.referenceNumber;
        return this.next(action);
      }
      case 'UpdateContactEventHooks':
        flowNamed(environment, action.Parameters.EventHooks.CustomerQueue);
        contact.customerQueueFlow = action.Parameters.EventHooks.CustomerQueue;
        return this.next(action);
      case 'MessageParticipant':
        this.pressedDuringPlayPrompt(action, this.say(action, action.Parameters));
        return this.next(action);
      case 'GetParticipantInput': {
        this.say(action, action.Parameters);
        const entry = this.keys.shift();
        const pressed = entry === undefined || entry === 'timeout' ? null : entry;
        this.record({ type: 'input', action: action.Identifier, keys: pressed });
        if (action.Parameters.StoreInput === 'False') {
          if (pressed === null) return this.error(action, 'InputTimeLimitExceeded');
          if (pressed.length !== 1) throw this.fail(action, `a menu takes one key, the script pressed "${pressed}"`);
          return this.condition(action, pressed, 'NoMatchingCondition');
        }
        const { InputValidation: validation, DTMFConfiguration: dtmf } = action.Parameters;
        const maximum = 'CustomValidation' in validation ? Number(validation.CustomValidation.MaximumLength) : undefined;
        const keyed = pressed === null ? null : storedKeys(pressed, dtmf.InputTerminationSequence, dtmf.DisableCancelKey === 'True', maximum);
        // Silence takes the Success branch with the value "Timeout", whatever the validation
        // (https://docs.aws.amazon.com/connect/latest/adminguide/store-customer-input.html).
        if (keyed === null) {
          contact.storedInput = 'Timeout';
          return this.next(action);
        }
        if ('PhoneNumberValidation' in validation) {
          const phone = toE164(keyed);
          if (!phone) return this.error(action, 'InvalidPhoneNumber');
          contact.storedInput = phone;
        } else {
          contact.storedInput = keyed;
        }
        return this.next(action);
      }
      case 'CheckHoursOfOperation': {
        const hours = environment.hours.get(action.Parameters.HoursOfOperationId);
        if (!hours) throw this.fail(action, `unknown hours ${action.Parameters.HoursOfOperationId}`);
        return this.condition(action, isOpen(hours, environment.clock()) ? 'True' : 'False', 'NoMatchingError');
      }
      case 'InvokeLambdaFunction': {
        const parameters = Object.fromEntries(
          Object.entries(action.Parameters.LambdaInvocationAttributes).map(([name, value]) => [name, this.resolve(action, value)]),
        );
        const event = contactFlowEvent(contact, environment.instanceArn, parameters);
        const limitMs = Number(action.Parameters.InvocationTimeLimitSeconds) * 1000 * (environment.timeScale ?? 1);
        try {
          const response = await withTimeout(environment.invoke(action.Parameters.LambdaFunctionARN, event), limitMs);
          if (!isStringMap(response)) throw new Error('the response is not a flat map of strings (STRING_MAP)');
          contact.external = response;
          this.record({ type: 'lambda', action: action.Identifier, parameters, response });
          this.log(action, response);
          // What the caller is told, whether or not the flow keeps it as an attribute.
          if (response.referenceNumber) transcript.referenceNumber = response.referenceNumber;
          return this.next(action);
        } catch (caught) {
          this.record({ type: 'lambda', action: action.Identifier, parameters, error: (caught as Error).message });
          return this.error(action, 'NoMatchingError');
        }
      }
      case 'Compare':
        return this.condition(action, this.resolve(action, action.Parameters.ComparisonValue), 'NoMatchingCondition');
      case 'UpdateContactTargetQueue': {
        const queue = environment.queues.get(action.Parameters.QueueId);
        if (!queue) return this.error(action, 'NoMatchingError');
        contact.queue = action.Parameters.QueueId;
        this.record({ type: 'queue', action: action.Identifier, queue });
        return this.next(action);
      }
      case 'TransferContactToQueue': {
        const queue = this.queueOfContact();
        if (!queue) return this.error(action, 'NoMatchingError');
        if (environment.fullQueues?.has(queue)) return this.error(action, 'QueueAtCapacity');
        this.record({ type: 'transfer', queue });
        return contact.customerQueueFlow ? { flow: contact.customerQueueFlow } : { end: { type: 'answered', queue } };
      }
      case 'TransferToFlow':
        if (!environment.flows.has(action.Parameters.ContactFlowId)) return this.error(action, 'NoMatchingError');
        return { flow: action.Parameters.ContactFlowId };
      case 'UpdateContactCallbackNumber': {
        const number = toE164(this.resolve(action, action.Parameters.CallbackNumber));
        if (!number) return this.error(action, 'InvalidCallbackNumber');
        contact.callbackNumber = number;
        return this.next(action);
      }
      case 'CreateCallbackContact': {
        // To the contact's callback number, from its target queue (interactions-createcallbackcontact.html).
        const queue = this.queueOfContact();
        if (!queue || !contact.callbackNumber) return this.error(action, 'NoMatchingError');
        this.record({
          type: 'callback',
          number: contact.callbackNumber,
          queue,
          delaySeconds: Number(action.Parameters.InitialCallDelaySeconds),
          attempts: Number(action.Parameters.MaximumConnectionAttempts),
        });
        transcript.outcome = { type: 'callback', queue };
        return this.next(action);
      }
      case 'MessageParticipantIteratively': {
        // Loop prompts plays its messages in order, over and over, until the interrupt period
        // has passed; then it completes with MessagesInterrupted
        // (https://docs.aws.amazon.com/connect/latest/adminguide/loop-prompts.html).
        this.resumeAt = action.Identifier;
        const period = Number(action.Parameters.InterruptFrequencySeconds);
        const messages = action.Parameters.Messages;
        for (let elapsed = 0, index = 0; elapsed < period; index = (index + 1) % messages.length) {
          this.say(action, messages[index]!);
          elapsed += Math.max(speechSeconds(messages[index]!), 1);
        }
        // The wait ends when an agent answers, after the configured number of hold cycles.
        if (++this.holdCycles > (environment.holdCycles ?? 1)) {
          const queue = this.queueOfContact();
          if (!queue) throw this.fail(action, 'waiting in a queue without one');
          return { end: { type: 'answered', queue } };
        }
        return this.condition(action, 'MessagesInterrupted', 'NoMatchingError');
      }
      case 'GetMetricData': {
        // Real-time metrics of the queue (the target queue without QueueId), for one channel or,
        // without QueueChannel, all of them; nothing at all when the queue has no activity
        // (flow-control-actions-getmetricdata.html, get-queue-metrics.html).
        const queue = action.Parameters.QueueId ? environment.queues.get(this.resolve(action, action.Parameters.QueueId)) : this.queueOfContact();
        if (!queue) return this.error(action, 'NoMatchingError');
        const waiting = environment.queueContacts
          ? await environment.queueContacts(queue)
          : Array.from({ length: environment.queueSize ?? 1 }, () => ({ channel: 'VOICE' as const }));
        const channel = action.Parameters.QueueChannel?.toUpperCase();
        const counted = waiting.filter((candidate) => !channel || candidate.channel === channel);
        if (waiting.length === 0) delete contact.metrics;
        else contact.metrics = { Queue: { Size: String(counted.length) } };
        return this.next(action);
      }
      case 'EndFlowExecution':
        // End flow / Resume in a customer queue flow: the caller goes back to the Loop prompts.
        if (!this.resumeAt) throw this.fail(action, 'an End flow / Resume with no Loop prompts to resume');
        return { next: this.resumeAt };
      case 'DisconnectParticipant':
        this.record({ type: 'disconnect', action: action.Identifier });
        return { end: transcript.outcome.type === 'callback' ? transcript.outcome : { type: 'disconnected' } };
    }
  }
}

/** Whether a condition holds for a value, as Compare evaluates its operators. */
function holds(operator: 'Equals' | 'NumberGreaterThan' | 'NumberLessThan', value: string, operand: string): boolean {
  if (operator === 'Equals') return value === operand;
  // A value that is not a number matches no numeric condition (an absent metric is empty).
  if (value.trim() === '' || !Number.isFinite(Number(value))) return false;
  return operator === 'NumberGreaterThan' ? Number(value) > Number(operand) : Number(value) < Number(operand);
}

/**
 * What a stored-input block keeps of the keys pressed
 * (https://docs.aws.amazon.com/connect/latest/adminguide/store-customer-input.html): input ends at
 * the terminating sequence or once MaximumLength keys are in, and unless the cancel key is
 * disabled, * deletes everything keyed before it. Nothing left is the same as silence (null).
 */
export function storedKeys(pressed: string, terminator: string, cancelDisabled: boolean, maximumLength?: number): string | null {
  let keyed = '';
  for (let index = 0; index < pressed.length; index++) {
    if (pressed.startsWith(terminator, index)) break;
    const key = pressed[index]!;
    if (key === '*' && !cancelDisabled) keyed = '';
    else keyed += key;
    if (maximumLength !== undefined && keyed.length >= maximumLength) break;
  }
  return keyed === '' ? null : keyed;
}

/** The keys a sentence offers ("press 1", "oprima 2"). */
function offeredKeys(heard: string): Set<string> {
  return new Set([...heard.matchAll(/\b(?:press|oprima|marque)\s+([0-9*#])/gi)].map((match) => match[1]!));
}

/** About how long a prompt takes to say: 150 words a minute, plus its SSML breaks. */
export function speechSeconds(prompt: { SSML: string } | { Text: string }): number {
  const source = 'SSML' in prompt ? prompt.SSML : prompt.Text;
  const pauses = [...source.matchAll(/<break time="(\d+(?:\.\d+)?)(ms|s)"\s*\/>/g)].reduce((sum, [, amount, unit]) => sum + Number(amount) / (unit === 'ms' ? 1000 : 1), 0);
  const words = source.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;
  return words * 0.4 + pauses;
}

/** A prompt split by its <lang xml:lang> parts; what is outside them is in the voice's language. */
function languageParts(prompt: { SSML: string } | { Text: string }, voiceLanguage: Language): { language: Language; prompt: { SSML: string } }[] {
  if (!('SSML' in prompt) || !prompt.SSML.includes('<lang ')) return [{ language: voiceLanguage, prompt: 'SSML' in prompt ? prompt : { SSML: prompt.Text } }];
  return [...prompt.SSML.matchAll(/<lang xml:lang="([a-z]{2})-[A-Z]{2}">(.*?)<\/lang>/g)].map(([, code, body]) => ({
    language: code as Language,
    prompt: { SSML: `<speak>${body}</speak>` },
  }));
}

function flowNamed(environment: FlowEnvironment, id: string): FlowDocument {
  const flow = environment.flows.get(id);
  if (!flow) throw new Error(`No flow ${id}`);
  return flow;
}

/** The value of a JSONPath the flows use, or the text itself when it is not a path. */
function resolvePath(contact: Contact, value: string, fail: (message: string) => Error): string {
  if (!value.startsWith('$.')) return value;
  const [root, ...rest] = value.slice(2).split('.');
  const name = rest.join('.');
  const found = ((): string | undefined => {
    switch (root) {
      case 'Attributes':
        return contact.attributes[name];
      case 'External':
        return contact.external[name];
      case 'StoredCustomerInput':
        return contact.storedInput;
      case 'CustomerEndpoint':
        return name === 'Address' ? contact.from : undefined;
      case 'Metrics':
        return name === 'Queue.Size' ? contact.metrics?.Queue.Size : undefined;
      case 'Queue':
        return name === 'ARN' ? contact.queue : undefined;
      default:
        throw fail(`unknown attribute path ${value}`);
    }
  })();
  // Connect substitutes an empty string for a missing attribute.
  return found ?? '';
}

/** What the caller hears: SSML with attributes substituted, tags removed, digits read one by one. */
export function speak(prompt: { SSML: string } | { Text: string }, resolve: (path: string) => string): string {
  const source = 'SSML' in prompt ? prompt.SSML : prompt.Text;
  return source
    .replace(/\$\.[A-Za-z]+(?:\.[A-Za-z]+)*/g, (path) => resolve(path))
    .replace(/<say-as interpret-as="digits">(.*?)<\/say-as>/g, (_, digits: string) => digits.split('').join(' '))
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function contactFlowEvent(contact: Contact, instanceArn: string, parameters: Record<string, string>) {
  return {
    Name: 'ContactFlowEvent' as const,
    Details: {
      ContactData: {
        Attributes: { ...contact.attributes },
        Channel: 'VOICE',
        ContactId: contact.contactId,
        InitialContactId: contact.contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: instanceArn,
        CustomerEndpoint: { Address: contact.from, Type: 'TELEPHONE_NUMBER' },
        Queue: null,
      },
      Parameters: parameters,
    },
  };
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
