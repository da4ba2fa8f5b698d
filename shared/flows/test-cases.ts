import { referenceNumberFor } from '../domain/reference-number';
import type { FlowResources } from './hotline';
import { heardText, type Journey } from './journeys';

/**
 * A journey as an Amazon Connect hosted test case, in the Testing language (Version
 * "2025-06-21"): observations of what the system does (TestInitiated, MessageReceived,
 * FlowActionStarted), each with the actions the simulated caller or the test takes
 * (OverrideSystemBehavior, SendInstruction with DTMF, Assert, TestControl EndTest).
 * https://docs.aws.amazon.com/connect/latest/APIReference/testing-language.html
 * https://docs.aws.amazon.com/connect/latest/APIReference/testing-language-example.html
 */
export const TESTING_LANGUAGE_VERSION = '2025-06-21';

export interface TestAction {
  Identifier: string;
  Type: 'OverrideSystemBehavior' | 'SendInstruction' | 'Assert' | 'TestControl';
  Parameters: Record<string, unknown>;
  Transitions: { NextAction: string };
}

export interface TestEvent {
  Identifier: string;
  Type: 'TestInitiated' | 'MessageReceived' | 'FlowActionStarted';
  Actor: 'System';
  Properties: Record<string, unknown>;
}

export interface Observation {
  Identifier: string;
  Event: TestEvent;
  Usage: { Type: 'EXACTLY' };
  Actions: TestAction[];
  Transitions: { NextObservations: string[] };
}

export interface TestCaseDocument {
  Version: typeof TESTING_LANGUAGE_VERSION;
  Metadata: Record<string, unknown>;
  Observations: Observation[];
}

/** What a hosted test points at: the ARNs of the deployed line (CDK tokens in the template). */
export type TestCaseResources = Pick<FlowResources, 'callIntakeFunction' | 'queues' | 'hours'>;

/** The reference number the hosted test's stand-in for call-intake answers with. */
export function hostedTestReference(journey: Journey): string {
  return referenceNumberFor(`hosted-test-${journey.name}`);
}

/** Links actions in order: each one's NextAction is the next one, the last one's is "". */
function chained(actions: Omit<TestAction, 'Transitions'>[]): TestAction[] {
  return actions.map((action, index) => ({ ...action, Transitions: { NextAction: actions[index + 1]?.Identifier ?? '' } }));
}

const override = (id: string, properties: Record<string, unknown>): Omit<TestAction, 'Transitions'> => ({
  Identifier: id,
  Type: 'OverrideSystemBehavior',
  Parameters: { ActionType: 'OverrideSystemBehavior', Behavior: { Type: 'FlowAction', Properties: properties } },
});
const endTest = (id: string): Omit<TestAction, 'Transitions'> => ({ Identifier: id, Type: 'TestControl', Parameters: { ActionType: 'TestControl', Command: { Type: 'EndTest' } } });

/** The journey as a hosted test case's content. */
export function hostedTestCase(journey: Journey, resources: TestCaseResources): TestCaseDocument {
  const steps = journey.steps.map((step, index) => ({ step, id: `Step-${index + 1}` }));
  const queued = 'queue' in journey.end ? journey.end.queue : undefined;
  const ids = ['Start', ...steps.map((s) => s.id), ...(queued ? ['Queued'] : [])];
  const next = (id: string) => {
    const after = ids[ids.indexOf(id) + 1];
    return after ? [after] : [];
  };

  // Whatever the time of the run, the line is open or closed as the journey says; and the intake
  // function is stood in for, so a test run records no intake for staff to work.
  const start: Omit<TestAction, 'Transitions'>[] = [
    override('OverrideHours', {
      ActionType: 'CheckHoursOfOperation',
      ActionParameters: { HoursOfOperationId: resources.hours[journey.category] },
      Strategy: { Type: 'MockResponse', Response: { Type: 'ExecutionResult', ExecutionResult: { Value: journey.open ? 'InHours' : 'OutOfHours' } } },
    }),
  ];
  if (queued) {
    start.push(
      override('OverrideIntake', {
        ActionType: 'InvokeLambdaFunction',
        ActionParameters: { LambdaFunctionARN: resources.callIntakeFunction },
        Strategy: {
          Type: 'MockResponse',
          Response: { Type: 'ExecutionResult', ExecutionResult: { LoadedData: JSON.stringify({ referenceNumber: hostedTestReference(journey) }) } },
        },
      }),
    );
  }

  const observations: Observation[] = [
    {
      Identifier: 'Start',
      Event: { Identifier: 'Start-Event', Type: 'TestInitiated', Actor: 'System', Properties: {} },
      Usage: { Type: 'EXACTLY' },
      Actions: chained(start),
      Transitions: { NextObservations: next('Start') },
    },
    ...steps.map(({ step, id }, index): Observation => {
      const last = index === steps.length - 1 && !queued;
      const actions: Omit<TestAction, 'Transitions'>[] = [];
      if (step.press) {
        actions.push({
          Identifier: `${id}-Press`,
          Type: 'SendInstruction',
          Parameters: { ActionType: 'SendInstruction', Actor: 'Customer', Instruction: { Type: 'DtmfInput', Properties: { Value: step.press } } },
        });
      }
      if (last) actions.push(endTest(`${id}-End`));
      return {
        Identifier: id,
        // The prompt contains the catalog sentence (it may say more around it).
        Event: { Identifier: `${id}-Event`, Type: 'MessageReceived', Actor: 'System', Properties: { Text: heardText(step, journey), MatchingCriteria: { Type: 'Inclusion' } } },
        Usage: { Type: 'EXACTLY' },
        Actions: chained(actions),
        Transitions: { NextObservations: next(id) },
      };
    }),
  ];
  if (queued) {
    observations.push({
      Identifier: 'Queued',
      Event: {
        Identifier: 'Queued-Event',
        Type: 'FlowActionStarted',
        Actor: 'System',
        Properties: { ActionType: 'TransferContactToQueue', ActionParameters: { QueueId: resources.queues[queued] } },
      },
      Usage: { Type: 'EXACTLY' },
      Actions: chained([
        { Identifier: 'Queued-Check', Type: 'Assert', Parameters: { Namespace: '$.Queue.ARN', Operator: 'Equals', Operand: resources.queues[queued] } },
        endTest('Queued-End'),
      ]),
      Transitions: { NextObservations: [] },
    });
  }
  return { Version: TESTING_LANGUAGE_VERSION, Metadata: {}, Observations: observations };
}
