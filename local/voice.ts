import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { createCallIntakeHandler } from '../functions/call-intake/create-handler';
import type { HoursByCategory } from '../shared/domain/hours';
import { QUEUE_KEYS } from '../shared/domain/queues';
import { CATEGORIES, LANGUAGES } from '../shared/domain/taxonomy';
import { hotlineFlows, type FlowName, type FlowOptions, type FlowResources } from '../shared/flows/hotline';
import type { Clock } from '../shared/ports/clock';
import type { IntakeStore } from '../shared/ports/intake-store';
import type { TexterStore } from '../shared/ports/texter-store';
import type { RegistrationStore } from '../shared/ports/victim-notices';
import type { FlowEnvironment } from './flow-interpreter';
import { lambdaContext } from './lambda-context';
import { LOCAL_INTAKE_NUMBER } from './sms-events';

export const LOCAL_INSTANCE_ARN = 'arn:aws:connect:us-east-1:000000000000:instance/local';
const arn = (kind: string, name: string) => `${LOCAL_INSTANCE_ARN}/${kind}/${name}`;
export const LOCAL_CALL_INTAKE_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:call-intake';

export function localFlowArn(name: FlowName): string {
  return arn('contact-flow', name);
}

/** What the flows point at locally: ARN-shaped names that the interpreter maps back. */
export function localFlowResources(): FlowResources {
  return {
    callIntakeFunction: LOCAL_CALL_INTAKE_ARN,
    queues: Object.fromEntries(QUEUE_KEYS.map((key) => [key, arn('queue', key)])) as FlowResources['queues'],
    hours: Object.fromEntries(CATEGORIES.map((category) => [category, arn('operating-hours', category)])) as FlowResources['hours'],
    mainFlows: Object.fromEntries(LANGUAGES.map((language) => [language, localFlowArn(`main-${language}`)])) as FlowResources['mainFlows'],
    queueFlows: Object.fromEntries(LANGUAGES.map((language) => [language, localFlowArn(`queue-${language}`)])) as FlowResources['queueFlows'],
    textNumber: LOCAL_INTAKE_NUMBER.replace(/^\+1/, ''),
  };
}

export interface LocalVoiceDeps {
  store: IntakeStore;
  registrations: RegistrationStore;
  texters: TexterStore;
  clock: Clock;
  flowOptions: FlowOptions & { hours: HoursByCategory };
  logger: Logger;
  metrics: Metrics;
}

/** The flows and everything they call, for the interpreter: Connect, on this machine. */
export function localVoice(deps: LocalVoiceDeps): { environment: FlowEnvironment; entryFlow: string } {
  const resources = localFlowResources();
  const flows = hotlineFlows(resources, deps.flowOptions);
  const callIntake = createCallIntakeHandler({ ...deps, hours: deps.flowOptions.hours });
  const functions = new Map<string, (event: unknown) => Promise<unknown>>([
    [LOCAL_CALL_INTAKE_ARN, (event) => callIntake(event, lambdaContext('call-intake'))],
  ]);
  return {
    entryFlow: localFlowArn('entry'),
    environment: {
      flows: new Map(Object.entries(flows).map(([name, flow]) => [localFlowArn(name as FlowName), flow])),
      hours: new Map(CATEGORIES.map((category) => [resources.hours[category], deps.flowOptions.hours[category]])),
      queues: new Map(QUEUE_KEYS.map((key) => [resources.queues[key], key])),
      invoke: async (functionArn, event) => {
        const invoke = functions.get(functionArn);
        if (!invoke) throw new Error(`No local function ${functionArn}`);
        return invoke(event);
      },
      clock: deps.clock,
      instanceArn: LOCAL_INSTANCE_ARN,
    },
  };
}
