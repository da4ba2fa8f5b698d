import type * as z from 'zod';
import { validateFlow, type FlowAction, type FlowDocument, type FlowType, type InputValidationSchema } from './flow-language';

type Prompt = { SSML: string };
type Branch = { NextAction: string; ErrorType: string };

const error = (next: string, type = 'NoMatchingError'): Branch => ({ NextAction: next, ErrorType: type });
type Operator = 'Equals' | 'NumberGreaterThan' | 'NumberLessThan';
const condition = (operator: Operator, operand: string, next: string) => ({ NextAction: next, Condition: { Operator: operator, Operands: [operand] as [string] } });
const equals = (operand: string, next: string) => condition('Equals', operand, next);

/** When and how often Connect calls a caller back (interactions-createcallbackcontact.html). */
export interface CallbackTiming {
  /** Seconds before the first call: time for the caller to hang up. */
  initialDelaySeconds: number;
  /** Calls in all, the first one included ("the number of attempts at a maximum to connect"). */
  maximumAttempts: number;
  /** Seconds between an unanswered call and the next. */
  retryDelaySeconds: number;
}

export interface MenuBranches {
  /** Key pressed -> next action. */
  keys: Record<string, string>;
  noInput: string;
  invalid: string;
}

/**
 * Collects the actions of one flow. Each method adds an action and returns its identifier, so a
 * journey reads top to bottom; identifiers are readable names, unique within the flow. The flow
 * type decides which actions Connect allows; build() refuses a flow Connect would refuse.
 */
export class FlowBuilder {
  private readonly actions: FlowAction[] = [];

  constructor(readonly flowType: FlowType = 'CONTACT_FLOW') {}

  private add(action: FlowAction): string {
    if (this.actions.some((existing) => existing.Identifier === action.Identifier)) {
      throw new Error(`Duplicate action ${action.Identifier}`);
    }
    this.actions.push(action);
    return action.Identifier;
  }

  /**
   * Flow logging on or off; the choice holds for the rest of the contact, across flows, until
   * changed (https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions-updateflowloggingbehavior.html).
   */
  logging(id: string, next: string, behavior: 'Enabled' | 'Disabled' = 'Enabled') {
    return this.add({ Identifier: id, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: behavior }, Transitions: { NextAction: next } });
  }

  /** Set voice has no error branch (contact-actions-updatecontacttexttospeechvoice.html). */
  voice(id: string, voice: string, next: string) {
    return this.add({
      Identifier: id,
      Type: 'UpdateContactTextToSpeechVoice',
      Parameters: { TextToSpeechVoice: voice, TextToSpeechEngine: 'Neural' },
      Transitions: { NextAction: next },
    });
  }

  languageCode(id: string, code: 'en-US' | 'es-US', next: string) {
    return this.add({ Identifier: id, Type: 'UpdateContactData', Parameters: { LanguageCode: code }, Transitions: { NextAction: next, Errors: [error(next)] } });
  }

  /** Sets contact attributes; when that fails the journey goes on (they are informative). */
  attributes(id: string, attributes: Record<string, string>, next: string) {
    return this.add({
      Identifier: id,
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: attributes, TargetContact: 'Current' },
      Transitions: { NextAction: next, Errors: [error(next)] },
    });
  }

  queueFlow(id: string, flowArn: string, next: string) {
    return this.add({
      Identifier: id,
      Type: 'UpdateContactEventHooks',
      Parameters: { EventHooks: { CustomerQueue: flowArn } },
      Transitions: { NextAction: next, Errors: [error(next)] },
    });
  }

  /** Plays a prompt. A prompt that fails to play must not strand the caller: go on regardless. */
  say(id: string, prompt: Prompt, next: string) {
    return this.add({ Identifier: id, Type: 'MessageParticipant', Parameters: prompt, Transitions: { NextAction: next, Errors: [error(next)] } });
  }

  /** A one-key menu. */
  menu(id: string, prompt: Prompt, branches: MenuBranches, seconds = 8) {
    return this.add({
      Identifier: id,
      Type: 'GetParticipantInput',
      Parameters: { ...prompt, InputTimeLimitSeconds: String(seconds), StoreInput: 'False' },
      Transitions: {
        NextAction: branches.invalid,
        Conditions: Object.entries(branches.keys).map(([key, next]) => equals(key, next)),
        Errors: [
          error(branches.noInput, 'InputTimeLimitExceeded'),
          error(branches.invalid, 'NoMatchingCondition'),
          error(branches.invalid, 'NoMatchingError'),
        ],
      },
    });
  }

  /** Several digits ended by #, stored in $.StoredCustomerInput. */
  collectDigits(id: string, prompt: Prompt, maxDigits: number, next: string, failed: string) {
    return this.storedInput(id, prompt, { CustomValidation: { MaximumLength: String(maxDigits) } }, { NextAction: next, Errors: [error(failed)] });
  }

  /** A US phone number ended by #; Connect checks that it is one. */
  collectPhone(id: string, prompt: Prompt, next: string, invalid: string) {
    const validation = { PhoneNumberValidation: { NumberFormat: 'Local' as const, CountryCode: 'US' } };
    return this.storedInput(id, prompt, validation, { NextAction: next, Errors: [error(invalid, 'InvalidPhoneNumber'), error(invalid)] });
  }

  /** Keys ended by #, validated by Connect and stored in $.StoredCustomerInput. */
  private storedInput(id: string, prompt: Prompt, validation: z.infer<typeof InputValidationSchema>, transitions: { NextAction: string; Errors: ReturnType<typeof error>[] }) {
    return this.add({
      Identifier: id,
      Type: 'GetParticipantInput',
      Parameters: {
        ...prompt,
        InputTimeLimitSeconds: '10',
        StoreInput: 'True',
        InputValidation: validation,
        DTMFConfiguration: { InputTerminationSequence: '#', DisableCancelKey: 'False' },
      },
      Transitions: transitions,
    });
  }

  checkHours(id: string, hoursArn: string, branches: { open: string; closed: string; error: string }) {
    return this.add({
      Identifier: id,
      Type: 'CheckHoursOfOperation',
      Parameters: { HoursOfOperationId: hoursArn },
      Transitions: {
        NextAction: branches.error,
        Conditions: [equals('True', branches.open), equals('False', branches.closed)],
        Errors: [error(branches.error)],
      },
    });
  }

  invoke(id: string, lambdaArn: string, parameters: Record<string, string>, branches: { next: string; error: string }) {
    return this.add({
      Identifier: id,
      Type: 'InvokeLambdaFunction',
      Parameters: {
        LambdaFunctionARN: lambdaArn,
        // Connect's ceiling; the function itself times out well before it.
        InvocationTimeLimitSeconds: '8',
        InvocationType: 'SYNCHRONOUS',
        LambdaInvocationAttributes: parameters,
        ResponseValidation: { ResponseType: 'STRING_MAP' },
      },
      Transitions: { NextAction: branches.next, Errors: [error(branches.error)] },
    });
  }

  /** Goes to the first case whose condition holds on `value`; otherwise (no match, no value) to `otherwise`. */
  compare(id: string, value: string, cases: Record<string, string>, otherwise: string) {
    return this.check(id, value, Object.entries(cases).map(([operand, next]) => equals(operand, next)), otherwise);
  }

  /** Goes to `above` when the value is a number greater than `threshold`; anything else (no value at all) to `otherwise`. */
  numberAbove(id: string, value: string, threshold: number, above: string, otherwise: string) {
    return this.check(id, value, [condition('NumberGreaterThan', String(threshold), above)], otherwise);
  }

  private check(id: string, value: string, conditions: ReturnType<typeof condition>[], otherwise: string) {
    return this.add({
      Identifier: id,
      Type: 'Compare',
      Parameters: { ComparisonValue: value },
      Transitions: { NextAction: otherwise, Conditions: conditions, Errors: [error(otherwise, 'NoMatchingCondition')] },
    });
  }

  setQueue(id: string, queueArn: string, next: string, failed: string) {
    return this.add({ Identifier: id, Type: 'UpdateContactTargetQueue', Parameters: { QueueId: queueArn }, Transitions: { NextAction: next, Errors: [error(failed)] } });
  }

  transferToQueue(id: string, failed: string) {
    return this.add({
      Identifier: id,
      Type: 'TransferContactToQueue',
      Parameters: {},
      Transitions: { NextAction: failed, Errors: [error(failed, 'QueueAtCapacity'), error(failed)] },
    });
  }

  transferToFlow(id: string, flowArn: string, failed: string) {
    return this.add({ Identifier: id, Type: 'TransferToFlow', Parameters: { ContactFlowId: flowArn }, Transitions: { NextAction: failed, Errors: [error(failed)] } });
  }

  callbackNumber(id: string, value: string, next: string, failed: string) {
    return this.add({
      Identifier: id,
      Type: 'UpdateContactCallbackNumber',
      Parameters: { CallbackNumber: value },
      Transitions: { NextAction: next, Errors: [error(failed, 'InvalidCallbackNumber'), error(failed, 'CallbackNumberNotDialable')] },
    });
  }

  /** A callback to the contact's callback number, from its target queue. */
  createCallback(id: string, timing: CallbackTiming, next: string, failed: string) {
    return this.add({
      Identifier: id,
      Type: 'CreateCallbackContact',
      Parameters: {
        InitialCallDelaySeconds: String(timing.initialDelaySeconds),
        MaximumConnectionAttempts: String(timing.maximumAttempts),
        RetryDelaySeconds: String(timing.retryDelaySeconds),
      },
      Transitions: { NextAction: next, Errors: [error(failed)] },
    });
  }

  /** Prompts on repeat while the caller waits, interrupted every `seconds`. */
  loopPrompts(id: string, prompts: Prompt[], seconds: number, interrupted: string) {
    return this.add({
      Identifier: id,
      Type: 'MessageParticipantIteratively',
      Parameters: { Messages: prompts, InterruptFrequencySeconds: String(seconds) },
      Transitions: { Conditions: [equals('MessagesInterrupted', interrupted)], Errors: [error(interrupted)] },
    });
  }

  /** The real-time metrics of the contact's target queue, for one channel only (flow-control-actions-getmetricdata.html). */
  queueMetrics(id: string, channel: 'Voice' | 'Chat', next: string, failed: string) {
    return this.add({ Identifier: id, Type: 'GetMetricData', Parameters: { QueueChannel: channel }, Transitions: { NextAction: next, Errors: [error(failed)] } });
  }

  /** Ends this flow without hanging up: in a customer queue flow the caller goes back to the Loop prompts. */
  endFlow(id: string) {
    return this.add({ Identifier: id, Type: 'EndFlowExecution', Parameters: {}, Transitions: {} });
  }

  disconnect(id: string) {
    return this.add({ Identifier: id, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
  }

  /** The flow, with the actions laid out on a grid for the Connect flow designer; refused if Connect would refuse it. */
  build(start: string): FlowDocument {
    const positions = Object.fromEntries(
      this.actions.map((action, index) => [action.Identifier, { position: { x: 240 + (index % 8) * 260, y: 40 + Math.floor(index / 8) * 200 } }]),
    );
    const flow: FlowDocument = {
      Version: '2019-10-30',
      StartAction: start,
      Metadata: { entryPointPosition: { x: 40, y: 40 }, ActionMetadata: positions },
      Actions: [...this.actions],
    };
    return validateFlow(flow, this.flowType);
  }
}
