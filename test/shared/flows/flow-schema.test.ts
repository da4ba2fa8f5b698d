import { describe, expect, it } from 'vitest';
import { FlowBuilder } from '../../../shared/flows/builder';
import { FlowValidationError, flowProblems, type FlowAction, type FlowDocument, type FlowType } from '../../../shared/flows/flow-language';
import { FLOW_TYPES, type FlowName } from '../../../shared/flows/hotline';
import { localFlows } from '../../support/flows';

const flows = localFlows();

/** A generated flow with one action changed; the problems Connect would have with it. */
function plant(name: FlowName, pick: (action: FlowAction) => boolean, change: (action: FlowAction & Record<string, unknown>) => void, type: FlowType = FLOW_TYPES[name]): string[] {
  const flow = structuredClone(flows[name]) as FlowDocument;
  const action = flow.Actions.find(pick);
  if (!action) throw new Error(`no such action in ${name}`);
  change(action as FlowAction & Record<string, unknown>);
  return flowProblems(flow, type);
}
const byType = (type: FlowAction['Type']) => (action: FlowAction) => action.Type === type;
const byId = (id: string) => (action: FlowAction) => action.Identifier === id;
const params = (action: FlowAction) => action.Parameters as Record<string, unknown>;
const errors = (action: FlowAction) => action.Transitions.Errors!;

describe('the flow schema refuses what Connect refuses', () => {
  it.each(Object.keys(FLOW_TYPES) as FlowName[])('and accepts the generated %s flow', (name) => {
    expect(flowProblems(flows[name], FLOW_TYPES[name])).toEqual([]);
  });

  describe('parameters and their ranges', () => {
    it.each([
      ['a missing required parameter', byType('InvokeLambdaFunction'), (a: FlowAction): void => {
        delete params(a).InvocationTimeLimitSeconds;
      }, 'InvocationTimeLimitSeconds'],
      ['an unknown parameter', byType('InvokeLambdaFunction'), (a: FlowAction): void => {
        (params(a).Timeout = '3');
      }, 'Timeout'],
      ['a Lambda time limit over 8', byType('InvokeLambdaFunction'), (a: FlowAction): void => {
        (params(a).InvocationTimeLimitSeconds = '9');
      }, 'a Lambda time limit from 1 to 8'],
      ['a Lambda time limit of 0', byType('InvokeLambdaFunction'), (a: FlowAction): void => {
        (params(a).InvocationTimeLimitSeconds = '0');
      }, 'a Lambda time limit from 1 to 8'],
      ['an input time limit of 0', byId('Menu-1'), (a: FlowAction): void => {
        (params(a).InputTimeLimitSeconds = '0');
      }, 'an input time limit from 1'],
      ['a terminator of 6 keys', byId('Status-1'), (a: FlowAction): void => {
        ((params(a).DTMFConfiguration as Record<string, string>).InputTerminationSequence = '######');
      }, 'a terminating sequence of 1 to 5 keys'],
      ['a * terminator with the cancel key on', byId('Status-1'), (a: FlowAction): void => {
        ((params(a).DTMFConfiguration as Record<string, string>).InputTerminationSequence = '*');
      }, 'needs DisableCancelKey'],
      ['stored input without validation', byId('Status-1'), (a: FlowAction): void => {
        delete params(a).InputValidation;
      }, 'Status-1 (GetParticipantInput) Parameters'],
      ['a maximum length of 0', byId('Status-1'), (a: FlowAction): void => {
        ((params(a).InputValidation as { CustomValidation: Record<string, string> }).CustomValidation.MaximumLength = '0');
      }, 'a maximum length from 1'],
      ['a prompt over 3,000 spoken characters', byId('Goodbye'), (a: FlowAction): void => {
        (params(a).SSML = `<speak>${'a'.repeat(3001)}</speak>`);
      }, 'at most 3000 characters of speech'],
      ['a prompt over 6,000 characters of SSML', byId('Goodbye'), (a: FlowAction): void => {
        (params(a).SSML = `<speak>${'<break time="1s"/>'.repeat(400)}</speak>`);
      }, 'at most 6000 characters of SSML'],
      ['text and SSML in one prompt', byId('Goodbye'), (a: FlowAction): void => {
        (params(a).Text = 'Goodbye');
      }, 'Goodbye (MessageParticipant)'],
    ] as [string, (action: FlowAction) => boolean, (action: FlowAction) => void, string][])('%s', (_, pick, change, message) => {
      const problems = plant('main-en', pick, change);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.join('\n')).toContain(message);
    });

    it.each([
      ['a callback delay of 0', 'InitialCallDelaySeconds', '0', 'a callback delay from 1 to 259200'],
      ['a callback delay over three days', 'InitialCallDelaySeconds', '259201', 'a callback delay from 1 to 259200'],
      ['no connection attempt', 'MaximumConnectionAttempts', '0', 'a number of attempts from 1'],
      ['a retry delay over three days', 'RetryDelaySeconds', '259201', 'a retry delay from 1 to 259200'],
    ])('%s', (_, key, value, message) => {
      expect(plant('queue-en', byType('CreateCallbackContact'), (a) => (params(a)[key] = value)).join('\n')).toContain(message);
    });

    it('an interrupt of 20 seconds or less, and a pause over 10 seconds', () => {
      expect(plant('queue-en', byType('MessageParticipantIteratively'), (a) => (params(a).InterruptFrequencySeconds = '20')).join()).toContain('an interrupt period over 20 seconds');
      expect(plant('queue-en', byType('MessageParticipantIteratively'), (a) => (params(a).Messages = [{ SSML: '<speak>Hold.<break time="11s"/></speak>' }])).join()).toContain(
        'a <break> of at most 10 seconds',
      );
    });

    it('a callback number that is not a JSONPath', () => {
      expect(plant('queue-en', byType('UpdateContactCallbackNumber'), (a) => (params(a).CallbackNumber = '+12025550100')).join()).toContain('a single JSONPath');
    });

    it('queue metrics for a channel Connect does not know', () => {
      expect(plant('queue-en', byType('GetMetricData'), (a) => (params(a).QueueChannel = 'Task')).join()).toContain('QueueChannel');
    });
  });

  describe('error branches', () => {
    it('a menu without its NoMatchingError, NoMatchingCondition or timeout branch', () => {
      for (const type of ['NoMatchingError', 'NoMatchingCondition', 'InputTimeLimitExceeded']) {
        const problems = plant('main-en', byId('Menu-1'), (a) => (a.Transitions.Errors = errors(a).filter((e) => e.ErrorType !== type)));
        expect(problems.join()).toContain(`GetParticipantInput must handle the error ${type}`);
      }
    });

    it('stored input with a timeout or a condition branch (silence succeeds there)', () => {
      const timeout = plant('main-en', byId('Status-1'), (a) => errors(a).push({ NextAction: 'Goodbye', ErrorType: 'InputTimeLimitExceeded' }));
      expect(timeout.join()).toContain('GetParticipantInput has no error InputTimeLimitExceeded');
      const condition = plant('main-en', byId('Status-1'), (a) => (a.Transitions.Conditions = [{ NextAction: 'Goodbye', Condition: { Operator: 'Equals', Operands: ['1'] } }]));
      expect(condition.join()).toContain('stored input has no conditions');
    });

    it('InvalidPhoneNumber only where a phone number is validated', () => {
      expect(plant('main-en', byId('Status-1'), (a) => errors(a).push({ NextAction: 'Goodbye', ErrorType: 'InvalidPhoneNumber' })).join()).toContain('has no error InvalidPhoneNumber');
      expect(plant('main-en', byId('CallbackEntry-1'), (a) => (a.Transitions.Errors = errors(a).filter((e) => e.ErrorType !== 'InvalidPhoneNumber'))).join()).toContain(
        'must handle the error InvalidPhoneNumber',
      );
    });

    it('an error branch on Set voice, which has none', () => {
      expect(plant('main-en', byId('SetVoice'), (a) => (a.Transitions.Errors = [{ NextAction: 'Goodbye', ErrorType: 'NoMatchingError' }])).join()).toContain(
        'UpdateContactTextToSpeechVoice has no error NoMatchingError',
      );
    });

    it('a queue transfer that does not handle a full queue', () => {
      expect(plant('main-en', byType('TransferContactToQueue'), (a) => (a.Transitions.Errors = errors(a).filter((e) => e.ErrorType !== 'QueueAtCapacity'))).join()).toContain(
        'must handle the error QueueAtCapacity',
      );
    });

    it('transitions out of a terminal action', () => {
      expect(plant('queue-en', byType('EndFlowExecution'), (a) => (a.Transitions.NextAction = 'Hold')).join()).toContain('EndFlowExecution is terminal');
    });

    it('conditions an action type cannot have', () => {
      expect(plant('main-en', byId('Hours-tip'), (a) => a.Transitions.Conditions!.pop()).join()).toContain('exactly the conditions Equals True and Equals False');
      expect(plant('queue-en', byType('MessageParticipantIteratively'), (a) => (a.Transitions.Conditions![0]!.Condition.Operands = ['Done'])).join()).toContain('only on Equals MessagesInterrupted');
      expect(plant('main-en', byId('Menu-1'), (a) => (a.Transitions.Conditions![0]!.Condition.Operands = ['12'])).join()).toContain('single keys');
    });
  });

  describe('flow types', () => {
    it('Loop prompts and End flow outside a customer queue flow', () => {
      const problems = flowProblems(flows['queue-en'], 'CONTACT_FLOW');
      expect(problems).toContain('Hold: MessageParticipantIteratively is not allowed in a CONTACT_FLOW flow');
      expect(problems).toContain('Resume: EndFlowExecution is not allowed in a CONTACT_FLOW flow');
    });

    it('a queue transfer, working queue or flow transfer inside a customer queue flow', () => {
      const problems = flowProblems(flows['main-en'], 'CUSTOMER_QUEUE');
      expect(problems).toContain('Transfer: TransferContactToQueue is not allowed in a CUSTOMER_QUEUE flow');
      expect(problems.some((problem) => problem.includes('UpdateContactTargetQueue is not allowed'))).toBe(true);
      expect(flowProblems(flows.entry, 'CUSTOMER_QUEUE').some((problem) => problem.includes('TransferToFlow is not allowed'))).toBe(true);
    });

    it('a prompt or an input that leads back into Loop prompts', () => {
      const input = plant('queue-en', byId('Offer'), (a) => (errors(a).find((e) => e.ErrorType === 'InputTimeLimitExceeded')!.NextAction = 'Hold'));
      expect(input).toContain('Offer: a GetParticipantInput leads back into the Loop prompts Hold; end with EndFlowExecution instead');
      const prompt = plant('queue-en', byId('CallbackFailed'), (a) => {
        a.Transitions.NextAction = 'Hold';
        a.Transitions.Errors = [{ NextAction: 'Hold', ErrorType: 'NoMatchingError' }];
      });
      expect(prompt.join()).toContain('CallbackFailed: a MessageParticipant leads back into the Loop prompts Hold');
    });
  });

  describe('rendering', () => {
    it('refuses to build a flow Connect would refuse', () => {
      const flow = new FlowBuilder('CONTACT_FLOW');
      flow.disconnect('Disconnect');
      flow.loopPrompts('Hold', [{ SSML: '<speak>Please hold.</speak>' }], 60, 'Disconnect');
      expect(() => flow.build('Hold')).toThrow(FlowValidationError);
      expect(() => flow.build('Hold')).toThrow('Hold: MessageParticipantIteratively is not allowed in a CONTACT_FLOW flow');
    });

    it('builds the same flow as a customer queue flow', () => {
      const flow = new FlowBuilder('CUSTOMER_QUEUE');
      flow.disconnect('Disconnect');
      flow.loopPrompts('Hold', [{ SSML: '<speak>Please hold.</speak>' }], 60, 'Disconnect');
      expect(flow.build('Hold').StartAction).toBe('Hold');
    });
  });
});
