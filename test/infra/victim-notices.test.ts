import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_SENDING } from '../../shared/domain/notifications';
import { MAX_REPLY_SEGMENTS } from '../../shared/domain/sms/segments';
import { iamPolicies, synthApp } from '../support/cdk';

type Synth = ReturnType<typeof synthApp>;
type Statement = { Action: string | string[]; Resource?: unknown; NotResource?: unknown };

const EMAIL_FROM = 'notices@hotline.example.org';

let synth: Synth;
let withEmail: Synth;
beforeAll(() => {
  synth = synthApp();
  withEmail = synthApp({ 'enlace:notificationEmailFrom': EMAIL_FROM });
});

const ref = (token: string, from = synth) => from.stack.resolve(token);

/** The function of a folder under functions/, as synthesized. */
function fn(name: string, from = synth) {
  const [found] = Object.values(
    from.template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: name } } } }),
  );
  if (!found) throw new Error(`no function ${name}`);
  return found as { Properties: { Role: { 'Fn::GetAtt': [string, string] }; Timeout: number; Environment: { Variables: Record<string, unknown> } } };
}

/** Every statement of every policy attached to the role of a function. */
function statementsOf(name: string, from = synth): Statement[] {
  const role = fn(name, from).Properties.Role['Fn::GetAtt'][0];
  return iamPolicies(from.template)
    .filter((policy) => (policy.Properties.Roles ?? []).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const allStatements = (from: Synth): Statement[] =>
  iamPolicies(from.template).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);

const actions = (statement: Statement) => [statement.Action].flat();

describe('the notice queues', () => {
  it.each([
    ['fan-out', () => synth.stack.notices.fanOutQueue, 'notice-fanout', 'pages of registrants that could not be fanned out'],
    ['notice', () => synth.stack.notices.noticeQueue, 'notice-delivery', 'notices that could not be sent'],
  ])('the %s queue is encrypted with the data key, outlasts its consumer, and dead-letters into an alarmed queue', (_, queue, consumer, purpose) => {
    const id = synth.stack.getLogicalId(queue().node.defaultChild as never);
    const { Properties } = synth.template.toJSON().Resources[id];
    expect(Properties.KmsMasterKeyId).toEqual(ref(synth.stack.keys.dataKey.keyArn));
    expect(Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn(consumer).Properties.Timeout);
    expect(Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/Failures/), 'Arn'] }, maxReceiveCount: 5 });
    const deadLetterId = Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(synth.template.toJSON().Resources[deadLetterId].Properties.KmsMasterKeyId).toEqual(ref(synth.stack.keys.dataKey.keyArn));
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: `Messages are waiting in the dead-letter queue for ${purpose}`,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterId, 'QueueName'] } }],
      AlarmActions: [ref(synth.stack.alarms.topic.topicArn)],
    });
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: id }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  it('keeps a notice queued longer than a dead worker keeps its claim (5 minutes)', () => {
    const id = synth.stack.getLogicalId(synth.stack.notices.noticeQueue.node.defaultChild as never);
    expect(synth.template.toJSON().Resources[id].Properties.VisibilityTimeout).toBeGreaterThan(5 * 60);
  });
});

describe('fanning out', () => {
  it('takes new custody events from the stream, and only them, with retries and a dead-letter queue', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('NoticeFanOut') },
      EventSourceArn: ref(synth.stack.intakes.table.tableStreamArn!),
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { itemType: { S: ['custody_event'] } } } }) }] },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('CustodyEventFailures'), 'Arn'] } } },
    });
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'Messages are waiting in the dead-letter queue for custody events that could not be fanned out to notices',
    });
  });

  it('takes further pages from the fan-out queue, reporting failed messages one by one', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('NoticeFanOut') },
      EventSourceArn: ref(synth.stack.notices.fanOutQueue.queueArn),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('knows both queues and may send to both', () => {
    const { Variables } = fn('notice-fanout').Properties.Environment;
    expect(Variables.FAN_OUT_QUEUE_URL).toEqual(ref(synth.stack.notices.fanOutQueue.queueUrl));
    expect(Variables.NOTICE_QUEUE_URL).toEqual(ref(synth.stack.notices.noticeQueue.queueUrl));
    const sendsTo = statementsOf('notice-fanout')
      .filter((statement) => actions(statement).includes('sqs:SendMessage'))
      .flatMap((statement) => [statement.Resource].flat());
    expect(sendsTo).toEqual(expect.arrayContaining([ref(synth.stack.notices.fanOutQueue.queueArn), ref(synth.stack.notices.noticeQueue.queueArn)]));
  });
});

describe('delivering notices', () => {
  it('takes small batches from the notice queue, two at most at once, and paces them inside the number\'s 3 texts a second', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('NoticeDelivery') },
      EventSourceArn: ref(synth.stack.notices.noticeQueue.queueArn),
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: NOTICE_SENDING.concurrency },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const { Variables } = fn('notice-delivery').Properties.Environment;
    expect(Variables.NOTICE_PACE_MS).toBe(String(NOTICE_SENDING.paceMs));
    // Each function waits after every text; a text is at most MAX_REPLY_SEGMENTS parts; one part a second stays for replies.
    const partsPerSecond = (NOTICE_SENDING.concurrency * MAX_REPLY_SEGMENTS * 1000) / NOTICE_SENDING.paceMs;
    expect(partsPerSecond).toBeLessThanOrEqual(NOTICE_SENDING.partsPerSecond - 1);
    expect(Variables.ORIGINATION_NUMBER).toEqual(ref(synth.stack.sms.phoneNumber.attrPhoneNumber));
    // E-mail notices say how to reach the hotline: the toll-free number too.
    expect(Variables.HOTLINE_NUMBER).toEqual(ref(synth.stack.contactCenter.phoneNumber.attrAddress));
  });

  it('may text phone numbers but publish to no topic: the one texting policy, shared with the SMS sender', () => {
    const publish = allStatements(synth).filter((statement) => actions(statement).includes('sns:Publish'));
    expect(publish).toEqual([{ Action: 'sns:Publish', Effect: 'Allow', NotResource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] } }]);
    expect(statementsOf('notice-delivery')).toContainEqual(publish[0]);
    expect(statementsOf('sms-sender')).toContainEqual(publish[0]);
    expect(statementsOf('notice-fanout')).not.toContainEqual(publish[0]);
    // A customer-managed policy, attached to both roles (not an inline copy in each).
    synth.template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'sns:Publish' })] },
      Roles: [{ Ref: fn('sms-sender').Properties.Role['Fn::GetAtt'][0] }, { Ref: fn('notice-delivery').Properties.Role['Fn::GetAtt'][0] }],
    });
    const policy = synth.stack.getLogicalId(synth.stack.node.findChild('Sms').node.findChild('TextPhoneNumbers').node.defaultChild as never);
    synth.template.hasResource('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'notice-delivery' } } },
      DependsOn: Match.arrayWith([policy]),
    });
  });

  it('without a sender address: no SES identity, no SES permission, no sender address', () => {
    synth.template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(allStatements(synth).flatMap(actions).filter((action) => action.startsWith('ses:'))).toEqual([]);
    expect(fn('notice-delivery').Properties.Environment.Variables.NOTICE_EMAIL_FROM).toBeUndefined();
  });

  it('with a sender address: an SES identity for it, and ses:SendEmail on that identity only', () => {
    withEmail.template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    withEmail.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: EMAIL_FROM });
    expect(fn('notice-delivery', withEmail).Properties.Environment.Variables.NOTICE_EMAIL_FROM).toBe(EMAIL_FROM);
    const ses = allStatements(withEmail).filter((statement) => actions(statement).some((action) => action.startsWith('ses:')));
    expect(ses).toEqual([{ Action: 'ses:SendEmail', Effect: 'Allow', Resource: ref(withEmail.stack.notices.emailIdentity!.emailIdentityArn, withEmail) }]);
    expect(statementsOf('notice-delivery', withEmail)).toContainEqual(ses[0]);
    expect(JSON.stringify(ses[0]!.Resource)).toContain(':identity/');
  });
});

describe('topics', () => {
  it('are all encrypted with the data key', () => {
    const topics = Object.values(synth.template.findResources('AWS::SNS::Topic'));
    expect(topics.length).toBeGreaterThanOrEqual(2);
    for (const topic of topics) expect(topic.Properties.KmsMasterKeyId).toEqual(ref(synth.stack.keys.dataKey.keyArn));
  });
});
