import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthApp } from '../support/cdk';

let synth: ReturnType<typeof synthApp>;
beforeAll(() => {
  synth = synthApp();
});

const ref = (token: string) => synth.stack.resolve(token);
type Resource = { Type: string; Properties: Record<string, any> };
const resources = () => synth.template.toJSON().Resources as Record<string, Resource>;
const callEventsFunction = () => {
  const found = Object.entries(resources()).filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'call-events');
  expect(found).toHaveLength(1);
  return found[0]![0];
};

describe("a call's queue wait, from Connect's contact events", () => {
  it("lets through only this instance's voice contacts answered or ended, to call-events, with a dead-letter queue", () => {
    const rules = Object.values(resources()).filter((r) => r.Type === 'AWS::Events::Rule' && r.Properties.EventPattern?.source?.includes('aws.connect'));
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule!.Properties.EventPattern).toEqual({
      source: ['aws.connect'],
      'detail-type': ['Amazon Connect Contact Event'],
      detail: {
        instanceArn: [ref(synth.stack.contactCenter.instance.attrArn)],
        eventType: ['CONNECTED_TO_AGENT', 'DISCONNECTED'],
        channel: [{ 'equals-ignore-case': 'VOICE' }],
      },
    });
    expect(rule!.Properties.Targets).toHaveLength(1);
    const [target] = rule!.Properties.Targets;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [callEventsFunction(), 'Arn'] });
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21_600 });
    const queueId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0];
    expect(resources()[queueId]).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: ref(synth.stack.keys.dataKey.keyArn) } });

    // What the function fails on goes to the same queue, with the error.
    synth.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: callEventsFunction() },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    // EventBridge may write there: the queue's policy, and the data key for this rule only.
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' })]) },
    });
    const key = resources()[synth.stack.resolve(synth.stack.keys.dataKey.keyArn)['Fn::GetAtt'][0]]!;
    const forEvents = key.Properties.KeyPolicy.Statement.filter((statement: any) => statement.Principal?.Service === 'events.amazonaws.com');
    expect(forEvents).toHaveLength(1);
    // The rule's ARN, built from its name (a reference to the rule would close a dependency loop).
    expect(JSON.stringify(forEvents[0].Condition.ArnEquals['aws:SourceArn'])).toContain(':rule/enlace-call-events-');
    expect(JSON.stringify(rule!.Properties.Name)).toContain('enlace-call-events-');
  });

  it('gives call-events a role of its own that reads and updates intake items, and derives source keys, nothing more', () => {
    const fn = resources()[callEventsFunction()]!;
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(resources())
      .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: any) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const dynamo = statements.filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('dynamodb:')));
    expect(dynamo).toEqual([expect.objectContaining({ Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Resource: ref(synth.stack.intakes.table.tableArn) })]);
    const kmsOn = (keyArn: string) => statements.filter((statement: any) => JSON.stringify(statement.Resource) === JSON.stringify(ref(keyArn))).flatMap((statement: any) => [statement.Action].flat());
    expect(kmsOn(synth.stack.keys.sourceKey.keyArn)).toEqual(['kms:GenerateMac']);
    expect(kmsOn(synth.stack.keys.piiKey.keyArn)).toEqual([]);
    expect(kmsOn(synth.stack.keys.fingerprintKey.keyArn)).toEqual([]);
    expect(statements.flatMap((statement: any) => [statement.Action].flat()).filter((action: string) => /^(sns|connect|ses):/.test(action))).toEqual([]);
  });
});
