import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_DAYS } from '../../shared/domain/retention';
import { iamPolicies, synthApp } from '../support/cdk';

let synth: ReturnType<typeof synthApp>;
beforeAll(() => {
  synth = synthApp();
});

const ref = (token: string) => synth.stack.resolve(token);

describe('the dead-letter queues', () => {
  it('are every queue a failure goes to, and each keeps a message only the configured days, encrypted with the data key', () => {
    const resources = synth.template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const arnsOf = (value: unknown): string[] => {
      const found = JSON.stringify(value ?? null).matchAll(/"Fn::GetAtt":\["([^"]+)","Arn"\]/g);
      return [...found].map((match) => match[1]!);
    };
    // Where AWS writes what failed: SNS subscriptions, SQS redrive, Lambda's asynchronous and stream failures.
    const targets = new Set(
      Object.values(resources).flatMap((resource) => {
        const p = resource.Properties ?? {};
        if (resource.Type === 'AWS::SNS::Subscription') return arnsOf(p.RedrivePolicy);
        if (resource.Type === 'AWS::SQS::Queue') return arnsOf(p.RedrivePolicy);
        if (resource.Type === 'AWS::Lambda::EventInvokeConfig' || resource.Type === 'AWS::Lambda::EventSourceMapping') return arnsOf(p.DestinationConfig);
        return [];
      }),
    );
    expect(targets.size).toBeGreaterThanOrEqual(5);
    for (const id of targets) {
      const queue = resources[id]!;
      expect(queue.Type, id).toBe('AWS::SQS::Queue');
      expect(queue.Properties.MessageRetentionPeriod, id).toBe(DEFAULT_RETENTION_DAYS.deadLetter * 86_400);
      expect(queue.Properties.KmsMasterKeyId, id).toEqual(ref(synth.stack.keys.dataKey.keyArn));
    }
  });
});

describe('texting the hotline', () => {
  it('is a toll-free End User Messaging number, two-way to the inbound topic, with an opt-out list', () => {
    synth.template.hasResourceProperties('AWS::SMSVOICE::PhoneNumber', {
      IsoCountryCode: 'US',
      NumberType: 'TOLL_FREE',
      NumberCapabilities: ['SMS'],
      SelfManagedOptOutsEnabled: true,
      TwoWay: { Enabled: true, ChannelArn: ref(synth.stack.sms.topic.topicArn) },
      OptOutListName: { Ref: Match.stringLikeRegexp('OptOuts') },
      MandatoryKeywords: { HELP: { Message: Match.stringLikeRegexp('Reply STOP to stop.*Responda ALTO') }, STOP: Match.anyValue() },
    });
    synth.template.resourceCountIs('AWS::SMSVOICE::OptOutList', 1);
    // Replies go through SNS, which takes no configuration set: none is created.
    synth.template.resourceCountIs('AWS::SMSVOICE::ConfigurationSet', 0);
  });

  it('publishes inbound texts to a topic encrypted with the data key, which only End User Messaging of this account may publish to', () => {
    synth.template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'enlace inbound texts',
      KmsMasterKeyId: ref(synth.stack.keys.dataKey.keyArn),
    });
    synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Principal: { Service: 'sms-voice.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
    synth.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'sms-voice.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] })]),
      },
    });
  });

  it('delivers them to sms-intake with a dead-letter queue for SNS and for the function, alarmed', () => {
    synth.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: ref(synth.stack.sms.topic.topicArn),
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
    });
    synth.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const queues = synth.template.findResources('AWS::SQS::Queue');
    expect(Object.values(queues).every((queue) => queue.Properties.KmsMasterKeyId)).toBe(true);
    const alarms = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.map((alarm) => alarm.Properties.AlarmDescription)).toContain(
      'Messages are waiting in the dead-letter queue for inbound texts that could not be delivered or processed',
    );
  });

  it('sends replies from the stream of queued texts, and may text phone numbers but publish to no topic', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { pendingPk: { S: ['PENDING#REPLIES'] } } } }) }] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Texts the replies'),
      Environment: { Variables: Match.objectLike({ ORIGINATION_NUMBER: { 'Fn::GetAtt': [Match.stringLikeRegexp('IntakeNumber'), 'PhoneNumber'] } }) },
    });
    const statements = iamPolicies(synth.template).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource?: unknown; NotResource?: unknown }[],
    );
    const publish = statements.filter((statement) => [statement.Action].flat().includes('sns:Publish'));
    expect(publish).toHaveLength(1);
    expect(publish[0]!.Resource).toBeUndefined();
    expect(publish[0]!.NotResource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] });
    synth.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
  });
});
