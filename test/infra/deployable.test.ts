import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routingProfileName } from '../../infra/constructs/staff-profiles';
import { STAFF_ROLES } from '../../shared/domain/staff-roles';
import { synthApp } from '../support/cdk';

let synth: ReturnType<typeof synthApp>;
beforeAll(() => {
  synth = synthApp({ 'enlace:alarmEmail': 'oncall@example.org', 'enlace:alarmTopicArn': 'arn:aws:sns:us-east-1:111122223333:paging' });
});

const ref = (token: string) => synth.stack.resolve(token);
type Statement = { Effect: string; Principal?: { Service?: string }; Action: string | string[]; Resource?: unknown; NotResource?: unknown; Condition?: Record<string, Record<string, unknown>> };
const keyStatements = (): Statement[] =>
  Object.values(synth.template.findResources('AWS::KMS::Key')).flatMap((key) => key.Properties.KeyPolicy.Statement as Statement[]);
const resourcesOfType = (type: string) => Object.entries(synth.template.findResources(type));

describe('alarms reach someone', () => {
  it('lets only this account’s CloudWatch alarms publish to the alarm topic and use its key', () => {
    const topicArn = ref(synth.stack.alarms.topic.topicArn);
    const [, policy] = resourcesOfType('AWS::SNS::TopicPolicy').find(([, p]) => JSON.stringify(p.Properties.Topics) === JSON.stringify([topicArn]))!;
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    const allow = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allow).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': expect.anything() } },
      }),
    ]);
    const keyGrant = keyStatements().filter((statement) => statement.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(keyGrant).toHaveLength(1);
    expect([keyGrant[0]!.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(keyGrant[0]!.Condition).toEqual(allow[0]!.Condition);
  });

  it('e-mails the configured address and notifies the configured topic', () => {
    synth.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.org', TopicArn: ref(synth.stack.alarms.topic.topicArn) });
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([ref(synth.stack.alarms.topic.topicArn), 'arn:aws:sns:us-east-1:111122223333:paging']);
  });

  it('alarms on every hotline function’s errors and throttles, the stream readers’ age, API 5xx and SMS delivery', () => {
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const on = (namespace: string, metric: string) => alarms.filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metric);
    const functions = ['call-intake', 'call-events', 'intake-router', 'sms-intake', 'sms-sender', 'notice-fanout', 'notice-delivery', 'staff-api'];
    for (const metric of ['Errors', 'Throttles']) {
      expect(on('AWS/Lambda', metric).map((alarm) => alarm.AlarmDescription.split(' ')[0]).sort()).toEqual([...functions].sort());
    }
    expect(on('AWS/Lambda', 'IteratorAge').map((alarm) => alarm.AlarmDescription.split(' ')[0]).sort()).toEqual(['intake-router', 'notice-fanout', 'sms-sender']);
    expect(on('AWS/ApiGateway', '5xx')).toHaveLength(1);
    expect(on('AWS/SNS', 'SMSSuccessRate')).toEqual([
      expect.objectContaining({ Dimensions: expect.arrayContaining([{ Name: 'Country', Value: 'US' }, { Name: 'SMSType', Value: 'Transactional' }]), ComparisonOperator: 'LessThanThreshold' }),
    ]);
    expect(on('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toHaveLength(7);
  });

  it('refuses an alarm address or topic that is not one', () => {
    expect(() => synthApp({ 'enlace:alarmEmail': 'not-an-address' })).toThrow('enlace:alarmEmail');
    expect(() => synthApp({ 'enlace:alarmTopicArn': 'paging' })).toThrow('enlace:alarmTopicArn');
  });
});

describe('a failed first deployment rolls back, and deleting the stack keeps the numbers', () => {
  it('retains both phone numbers and the Connect instance', () => {
    for (const type of ['AWS::SMSVOICE::PhoneNumber', 'AWS::Connect::PhoneNumber', 'AWS::Connect::Instance']) {
      const [[, resource]] = resourcesOfType(type) as unknown as [[string, { DeletionPolicy?: string; UpdateReplacePolicy?: string }]];
      expect({ type, deletion: resource.DeletionPolicy, replace: resource.UpdateReplacePolicy }).toEqual({ type, deletion: 'Retain', replace: 'Retain' });
    }
  });

  it('names the instance after this stack’s own id by default, so a second stack does not collide', () => {
    const [instance] = Object.values(synth.template.findResources('AWS::Connect::Instance'));
    expect(JSON.stringify(instance!.Properties.InstanceAlias)).toContain('AWS::StackId');
    synth.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: { Name: { 'Fn::Join': ['', Match.arrayWith([{ Ref: 'AWS::StackName' }, { Ref: 'AWS::Region' }])] } },
    });
    synth.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { Name: { 'Fn::Join': ['', Match.arrayWith([{ Ref: 'AWS::StackName' }, { Ref: 'AWS::Region' }])] } },
    });
    const { template } = synthApp({ 'enlace:connectInstanceAlias': 'our-hotline' });
    template.hasResourceProperties('AWS::Connect::Instance', { InstanceAlias: 'our-hotline' });
  });
});

describe('routing profiles with more queues than one request takes', () => {
  it('creates each with 10 queue configs and associates the rest, one call after another', () => {
    const profiles = Object.fromEntries(resourcesOfType('AWS::Connect::RoutingProfile').map(([id, profile]) => [profile.Properties.Name, { id, profile }]));
    const extra = resourcesOfType('Custom::RoutingProfileQueues');
    // Only the supervisors' (6 queues x calls and tasks) holds more than 10.
    for (const name of ['Supervisors']) {
      const { id, profile } = profiles[name]!;
      expect(profile.Properties.QueueConfigs).toHaveLength(10);
      const [[, association]] = extra.filter(([, resource]) => JSON.stringify(resource.Properties.Create).includes(id)) as [[string, { Properties: Record<string, unknown>; DependsOn: string[] }]];
      const create = JSON.stringify(association.Properties.Create);
      expect(create).toContain('"action\\":\\"AssociateRoutingProfileQueues');
      // The two configs (VOICE and TASK) of the last queue, victim-es, not yet in the profile.
      expect(create.match(/QueueReference/g)).toHaveLength(2);
      expect(create).toContain('ContactCenterQueuevictimes');
      expect(JSON.stringify(association.Properties.Delete)).toContain('DisassociateRoutingProfileQueues');
      expect(association.DependsOn.length).toBeGreaterThan(0);
    }
    // A chain: every profile and association waits for the one before.
    const names = STAFF_ROLES.flatMap((role) => role.languageSets.map((languages) => routingProfileName(role, languages)));
    const chained = [...names.map((name) => profiles[name]!.id), ...extra.map(([id]) => id)];
    const resources = synth.template.toJSON().Resources as Record<string, { DependsOn?: string[] }>;
    chained.slice(1).forEach((id, index) => expect(resources[id]!.DependsOn).toContain(chained[index]));
  });
});

describe('texting only the countries the hotline serves', () => {
  it('allows US texts only, blocks every other country, MMS and voice, and makes that the account default', () => {
    const [protect] = Object.values(synth.template.findResources('AWS::SMSVOICE::ProtectConfiguration'));
    const rules = protect!.Properties.CountryRuleSet as Record<'SMS' | 'MMS' | 'VOICE', { CountryCode: string; ProtectStatus: string }[]>;
    expect(rules.SMS.filter((rule) => rule.ProtectStatus === 'ALLOW').map((rule) => rule.CountryCode)).toEqual(['US']);
    expect(rules.SMS.length).toBeGreaterThan(200);
    expect(rules.SMS.map((rule) => rule.CountryCode)).toEqual(expect.arrayContaining(['CA', 'MX', 'GB', 'CU']));
    expect(rules.MMS.every((rule) => rule.ProtectStatus === 'BLOCK')).toBe(true);
    expect(rules.VOICE.every((rule) => rule.ProtectStatus === 'BLOCK')).toBe(true);
    const [accountDefault] = Object.values(synth.template.findResources('Custom::AccountDefaultProtectConfiguration'));
    expect(JSON.stringify(accountDefault!.Properties.Create)).toContain('SetAccountDefaultProtectConfiguration');
  });

  it('allows the countries enlace:smsCountries names', () => {
    const { template } = synthApp({ 'enlace:smsCountries': '["US","PR"]' });
    const [protect] = Object.values(template.findResources('AWS::SMSVOICE::ProtectConfiguration'));
    const allowed = (protect!.Properties.CountryRuleSet.SMS as { CountryCode: string; ProtectStatus: string }[]).filter((rule) => rule.ProtectStatus === 'ALLOW');
    expect(allowed.map((rule) => rule.CountryCode)).toEqual(['PR', 'US']);
  });
});

describe('service principals on the data key, console details', () => {
  it('lets sms-voice and SNS use the data key only for this account, from their own resources', () => {
    for (const service of ['sms-voice.amazonaws.com', 'sns.amazonaws.com']) {
      const grants = keyStatements().filter((statement) => statement.Principal?.Service === service);
      expect(grants.length).toBeGreaterThan(0);
      for (const grant of grants) {
        expect(grant.Condition?.StringEquals?.['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
        expect(grant.Condition?.ArnLike?.['aws:SourceArn'] ?? grant.Condition?.ArnEquals?.['aws:SourceArn']).toBeDefined();
      }
    }
  });

  it('limits the console deployment’s invalidations to the console’s distribution', () => {
    const distributionId = ref(synth.stack.console.distribution.distributionId);
    const statements = resourcesOfType('AWS::IAM::Policy').flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
    const deny = statements.find((statement) => statement.Effect === 'Deny' && [statement.Action].flat().includes('cloudfront:CreateInvalidation'));
    expect(JSON.stringify(deny?.NotResource)).toContain(JSON.stringify(distributionId));
  });

  it('lists the console client’s auth flows: refreshing tokens only', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', { ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
  });
});
