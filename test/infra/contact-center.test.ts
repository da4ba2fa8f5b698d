import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_KEYS } from '../../shared/domain/queues';
import { CATEGORIES, LANGUAGES } from '../../shared/domain/taxonomy';
import type { FlowDocument } from '../../shared/flows/flow-language';
import { FLOW_TYPES, type FlowName } from '../../shared/flows/hotline';
import { LOCAL_CALL_INTAKE_ARN, localFlowResources } from '../../local/voice';
import { runCall } from '../../local/flow-interpreter';
import { startServices } from '../../local/services';
import { localFlows } from '../support/flows';
import { synthApp } from '../support/cdk';
import { DEFAULT_FLOW_OPTIONS } from '../../shared/flows/hotline';
import { heardText, hotlineJourneys } from '../../shared/flows/journeys';
import { hostedTestCase, type TestCaseDocument } from '../../shared/flows/test-cases';

let synth: ReturnType<typeof synthApp>;
beforeAll(() => {
  synth = synthApp();
});

/** A flow's content as deployed: the template's Fn::Join with every ARN replaced by its local name. */
function deployedFlow(name: FlowName): FlowDocument {
  const [, resource] = Object.entries(synth.template.findResources('AWS::Connect::ContactFlow')).find(([, r]) => r.Properties.Name === `enlace ${name}`)!;
  return JSON.parse(withLocalNames(resource.Properties.Content)) as FlowDocument;
}

/** A template string (an Fn::Join of ARNs), with every ARN replaced by its local name. */
function withLocalNames(content: unknown): string {
  const { stack, template } = synth;
  const center = stack.contactCenter;
  const local = localFlowResources();
  const values = new Map<string, string>();
  const add = (token: string, value: string) => values.set(JSON.stringify(stack.resolve(token)), value);
  for (const key of QUEUE_KEYS) add(center.queues[key].attrQueueArn, local.queues[key]);
  for (const language of LANGUAGES) {
    add(center.flows[`main-${language}`].attrContactFlowArn, local.mainFlows[language]);
    add(center.flows[`queue-${language}`].attrContactFlowArn, local.queueFlows[language]);
  }
  const hours = template.findResources('AWS::Connect::HoursOfOperation');
  for (const category of CATEGORIES) {
    const [logicalId] = Object.entries(hours).find(([, resource]) => (resource.Properties.Name as string).toLowerCase().includes(category === 'detainee' ? 'detainee' : category === 'tip' ? 'tips' : 'victim'))!;
    values.set(JSON.stringify({ 'Fn::GetAtt': [logicalId, 'HoursOfOperationArn'] }), local.hours[category]);
  }
  const [fnId] = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('Records calls') } }));
  values.set(JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }), LOCAL_CALL_INTAKE_ARN);
  // Callers are told the End User Messaging number, without its +1 (known only once it is provisioned).
  const [smsNumberId] = Object.keys(template.findResources('AWS::SMSVOICE::PhoneNumber'));
  values.set(JSON.stringify({ 'Fn::Select': [1, { 'Fn::Split': ['+1', { 'Fn::GetAtt': [smsNumberId, 'PhoneNumber'] }] }] }), local.textNumber);

  const resolve = (part: unknown): string => {
    if (typeof part === 'string') return part;
    const join = (part as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return join[1].map(resolve).join(join[0]);
    const value = values.get(JSON.stringify(part));
    if (value === undefined) throw new Error(`Unresolved ${JSON.stringify(part)}`);
    return value;
  };
  return resolve(content);
}

describe('the contact center', () => {
  it('is one Connect instance with inbound and outbound calls and flow logs', () => {
    synth.template.resourceCountIs('AWS::Connect::Instance', 1);
    synth.template.hasResourceProperties('AWS::Connect::Instance', {
      IdentityManagementType: 'CONNECT_MANAGED',
      Attributes: Match.objectLike({ InboundCalls: true, OutboundCalls: true, ContactflowLogs: true }),
    });
  });

  it('has its flow logs written to a log group the stack owns: encrypted with the data key, kept as long as configured', () => {
    const { stack, template } = synth;
    const [groupId, group] = Object.entries(template.findResources('AWS::Logs::LogGroup')).find(
      ([, resource]) => JSON.stringify(resource.Properties.LogGroupName ?? '').includes('/aws/connect/'),
    )!;
    // The name Connect writes to: /aws/connect/<the instance's alias>.
    expect(JSON.stringify(group.Properties.LogGroupName)).toBe(JSON.stringify(stack.resolve(`/aws/connect/${stack.contactCenter.instance.instanceAlias}`)));
    expect(group.Properties.KmsKeyId).toEqual(stack.resolve(stack.keys.dataKey.keyArn));
    expect(group.Properties.RetentionInDays).toBe(90);
    expect(group.DeletionPolicy).toBe('Retain');
    // Made before the instance, so that Connect finds it and does not make its own.
    const [instance] = Object.values(template.findResources('AWS::Connect::Instance'));
    expect(instance!.DependsOn).toContain(groupId);
  });

  it('has hours per line: weekdays 8 to 8 Eastern for detainees and victims, always for tips', () => {
    synth.template.resourceCountIs('AWS::Connect::HoursOfOperation', 3);
    const weekday = (day: string) => ({ Day: day, StartTime: { Hours: 8, Minutes: 0 }, EndTime: { Hours: 20, Minutes: 0 } });
    synth.template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      Name: 'Detainee inquiries hours',
      TimeZone: 'America/New_York',
      Config: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map(weekday),
    });
    synth.template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      Name: 'Tips hours',
      Config: Match.arrayWith([{ Day: 'SUNDAY', StartTime: { Hours: 0, Minutes: 0 }, EndTime: { Hours: 0, Minutes: 0 } }]),
    });
  });

  it('has six queues, one per category and language, each with its line hours and the hotline number', () => {
    synth.template.resourceCountIs('AWS::Connect::Queue', 6);
    for (const key of QUEUE_KEYS) {
      synth.template.hasResourceProperties('AWS::Connect::Queue', {
        Name: key,
        HoursOfOperationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp(`Hours${key.split('-')[0]}`), 'HoursOfOperationArn'] },
        OutboundCallerConfig: { OutboundCallerIdNumberArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('TollFreeNumber'), 'PhoneNumberArn'] } },
      });
    }
  });

  it('has routing profiles for calls and tasks, the queues past the first 10 added by the Connect API', () => {
    // Which profiles hold which queues is the permission test's (test/security/who-sees-what.test.ts).
    const profiles = Object.values(synth.template.findResources('AWS::Connect::RoutingProfile')).map((profile) => profile.Properties);
    for (const profile of profiles) {
      expect(profile.MediaConcurrencies).toEqual([
        { Channel: 'VOICE', Concurrency: 1 },
        { Channel: 'TASK', Concurrency: 5 },
      ]);
      expect(profile.QueueConfigs.length).toBeLessThanOrEqual(10);
    }
    // CreateRoutingProfile takes 10 queue configs; the supervisors' other 2 of 12 are associated after it.
    const supervisors = profiles.find((profile) => profile.Name === 'Supervisors')!;
    expect(supervisors.QueueConfigs).toHaveLength(10);
    const extra = Object.values(synth.template.findResources('Custom::RoutingProfileQueues'));
    expect(extra).toHaveLength(1);
    expect(JSON.stringify(extra[0]!.Properties.Create)).toContain('ContactCenterRoutingSupervisors');
  });

  it('claims a US toll-free number and rings the entry flow from it through the Connect API', () => {
    synth.template.hasResourceProperties('AWS::Connect::PhoneNumber', { Type: 'TOLL_FREE', CountryCode: 'US' });
    const [association] = Object.values(synth.template.findResources('Custom::PhoneNumberContactFlow'));
    // The SDK calls are JSON text joined with the ARNs they name; name each by its resource.
    const text = (value: unknown): string => {
      if (typeof value === 'string') return value;
      const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
      if (join) return join[1].map(text).join(join[0]);
      return JSON.stringify(value).match(/"Fn::GetAtt":\["([A-Za-z]+?)[0-9A-F]{8}","(\w+)"/)!.slice(1).join('.');
    };
    const call = (property: string) => JSON.parse(text(association!.Properties[property])) as { service: string; action: string; parameters: unknown };
    expect(call('Create')).toMatchObject({
      service: 'Connect',
      action: 'AssociatePhoneNumberContactFlow',
      parameters: { InstanceId: 'ContactCenterInstance.Id', PhoneNumberId: 'ContactCenterTollFreeNumber.PhoneNumberArn', ContactFlowId: 'ContactCenterFlowentry.ContactFlowArn' },
    });
    expect(call('Update')).toEqual(call('Create'));
    expect(call('Delete')).toMatchObject({
      action: 'DisassociatePhoneNumberContactFlow',
      parameters: { InstanceId: 'ContactCenterInstance.Id', PhoneNumberId: 'ContactCenterTollFreeNumber.PhoneNumberArn' },
    });
    // Created after the flow and the number, which its call names (GetAtt).
    expect(JSON.stringify(association!.Properties.Create)).toMatch(/ContactCenterFlowentry.*ContactCenterTollFreeNumber|ContactCenterTollFreeNumber.*ContactCenterFlowentry/);
    synth.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['connect:AssociatePhoneNumberContactFlow', 'connect:DisassociatePhoneNumberContactFlow'] }),
        ]),
      },
    });
  });

  it('lets only this instance invoke call-intake', () => {
    synth.template.hasResourceProperties('AWS::Connect::IntegrationAssociation', { IntegrationType: 'LAMBDA_FUNCTION' });
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'connect.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ContactCenterInstance'), 'Arn'] },
    });
  });

  it('deploys the six generated flows with their types', () => {
    for (const [name, type] of Object.entries(FLOW_TYPES)) {
      synth.template.hasResourceProperties('AWS::Connect::ContactFlow', { Name: `enlace ${name}`, Type: type, State: 'ACTIVE' });
    }
  });

  it.each(Object.keys(FLOW_TYPES) as FlowName[])('deploys for %s exactly the JSON the local interpreter runs', (name) => {
    expect(deployedFlow(name)).toEqual(localFlows()[name]);
  });

  it('takes a call through the deployed flows', async () => {
    const services = await startServices({ clock: () => new Date('2026-11-23T15:00:00Z') });
    try {
      const flows = new Map([...services.voice.environment.flows.keys()].map((arn) => [arn, deployedFlow(arn.split('/').pop() as FlowName)]));
      const transcript = await runCall({ ...services.voice.environment, flows }, services.voice.entryFlow, { from: '+12025550143', keys: ['2', '1'] });
      expect(transcript.outcome).toEqual({ type: 'answered', queue: 'detainee-es' });
    } finally {
      await services.stop();
    }
  });

  it('has call-intake and the router on nodejs22.x, with the hours they need', () => {
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Records calls'),
      Runtime: 'nodejs22.x',
      Timeout: 5,
      Environment: { Variables: Match.objectLike({ HOURS: Match.stringLikeRegexp('"America/New_York"') }) },
    });
  });
});

describe('routing intakes to Connect tasks', () => {
  it('reads every new intake (to count it) and reopened unrouted intakes from the stream, with retries and a dead-letter queue', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          // Every new intake item (not its timeline events): counted as received, routed if it needs a task.
          { Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { sk: { S: ['INTAKE'] } } } }) },
          // A reopened intake (routed, then unrouted again) goes to its queue at once.
          { Pattern: JSON.stringify({ eventName: ['MODIFY'], dynamodb: { OldImage: { routing: { M: { state: { S: ['routed'] } } } }, NewImage: { routing: { M: { state: { S: ['unrouted'] } } } } } }) },
        ],
      },
    });
    synth.template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 0, AlarmActions: [Match.anyValue()] });
  });

  it('sweeps every five minutes', () => {
    synth.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
  });

  it('may start tasks with the task flow, creating contacts of this instance only', () => {
    const policies = synth.template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const startTask = statements.filter((statement) => [statement.Action].flat().includes('connect:StartTaskContact'));
    expect(startTask).toHaveLength(1);
    const resources = [startTask[0]!.Resource].flat();
    const instanceArn = synth.stack.resolve(synth.stack.contactCenter.instance.attrArn);
    expect(resources).toEqual(
      expect.arrayContaining([synth.stack.resolve(synth.stack.contactCenter.taskFlowArn), { 'Fn::Join': ['', [instanceArn, '/contact/*']] }]),
    );
    expect(resources).toHaveLength(2);
  });
});

describe('hosted flow tests (AWS::Connect::TestCase)', () => {
  it('switch off only cfn-lint\'s unknown-type check (its schemas predate the type), and only on themselves', () => {
    const resources = Object.values(synth.template.toJSON().Resources as Record<string, { Type: string; Metadata?: Record<string, unknown> }>);
    const silenced = resources.filter((resource) => resource.Metadata?.['cfn-lint']);
    expect(silenced.length).toBe(Object.keys(synth.template.findResources('AWS::Connect::TestCase')).length);
    for (const resource of silenced) {
      expect(resource.Type).toBe('AWS::Connect::TestCase');
      expect(resource.Metadata?.['cfn-lint']).toEqual({ config: { ignore_checks: ['E3006'] } });
    }
  });

  const journeys = hotlineJourneys(DEFAULT_FLOW_OPTIONS);
  const testCases = () => Object.values(synth.template.findResources('AWS::Connect::TestCase'));
  const deployedTest = (name: string): TestCaseDocument => {
    const resource = testCases().find((r) => r.Properties.Name === `enlace-${name}`);
    if (!resource) throw new Error(`no test case enlace-${name}`);
    return JSON.parse(withLocalNames(resource.Properties.Content)) as TestCaseDocument;
  };

  it('are the journeys the local tests run, one test case each, published, dialling the entry flow', () => {
    expect(testCases().map((r) => r.Properties.Name).sort()).toEqual(journeys.map((j) => `enlace-${j.name}`).sort());
    const entry = synth.stack.resolve(synth.stack.contactCenter.flows.entry.attrContactFlowArn);
    for (const resource of testCases()) {
      expect(resource.Properties).toMatchObject({
        Status: 'PUBLISHED',
        EntryPoint: { Type: 'VOICE_CALL', VoiceCallEntryPointParameters: { FlowId: { 'Fn::Select': [1, { 'Fn::Split': ['contact-flow/', entry] }] } } },
      });
    }
  });

  it.each(journeys.map((journey) => [journey.name, journey] as const))('%s: its content is the journey in the Testing language', (name, journey) => {
    const test = deployedTest(name);
    expect(test).toEqual(hostedTestCase(journey, localFlowResources()));
    expect(test.Version).toBe('2025-06-21');

    // It starts by fixing the hours the journey needs, whatever the time of the run.
    const [start, ...rest] = test.Observations;
    expect(start!.Event.Type).toBe('TestInitiated');
    expect(start!.Actions[0]!.Parameters).toMatchObject({
      ActionType: 'OverrideSystemBehavior',
      Behavior: { Type: 'FlowAction', Properties: { ActionType: 'CheckHoursOfOperation', Strategy: { Response: { ExecutionResult: { Value: journey.open ? 'InHours' : 'OutOfHours' } } } } },
    });

    // Then hears each sentence and keys in what the journey keys in, in order.
    const heard = rest.filter((o) => o.Event.Type === 'MessageReceived').map((o) => o.Event.Properties.Text);
    expect(heard).toEqual(journey.steps.map((step) => heardText(step, journey)));
    const pressed = rest.flatMap((o) => o.Actions.filter((a) => a.Type === 'SendInstruction').map((a) => (a.Parameters.Instruction as { Properties: { Value: string } }).Properties.Value));
    expect(pressed).toEqual(journey.steps.flatMap((step) => (step.press ? [step.press] : [])));

    // Observations follow one another to the end; each ends the test there or goes on.
    test.Observations.forEach((observation, index) => {
      expect(observation.Transitions.NextObservations).toEqual(index + 1 < test.Observations.length ? [test.Observations[index + 1]!.Identifier] : []);
      const ids = observation.Actions.map((a) => a.Identifier);
      for (const action of observation.Actions) expect(['', ...ids]).toContain(action.Transitions.NextAction);
    });
    const last = test.Observations.at(-1)!;
    expect(last.Actions.at(-1)).toMatchObject({ Type: 'TestControl', Parameters: { Command: { Type: 'EndTest' } } });
    if ('queue' in journey.end) {
      expect(last.Event).toMatchObject({ Type: 'FlowActionStarted', Properties: { ActionType: 'TransferContactToQueue', ActionParameters: { QueueId: localFlowResources().queues[journey.end.queue] } } });
    }
  });
});
