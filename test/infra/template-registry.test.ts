import { beforeAll, describe, expect, it } from 'vitest';
import { registryViolations, resourceSchema, type TemplateJson } from '../support/cfn-registry';
import { synthApp } from '../support/cdk';

let template: TemplateJson;
beforeAll(() => {
  template = synthApp().template.toJSON() as TemplateJson;
});

/** The template with one resource's properties changed. */
function withResource(type: string, change: (properties: Record<string, unknown>) => void): TemplateJson {
  const copy = structuredClone(template);
  const resource = Object.values(copy.Resources).find((candidate) => candidate.Type === type)!;
  change((resource.Properties ??= {}));
  return copy;
}

describe('the template against the CloudFormation registry (@aws-cdk/aws-service-spec)', () => {
  it('knows every resource type the stack uses', () => {
    const types = new Set(Object.values(template.Resources).map((resource) => resource.Type));
    const unknown = [...types].filter((type) => !type.startsWith('Custom::') && !resourceSchema(type));
    expect(unknown).toEqual([]);
    expect(types.size).toBeGreaterThan(40);
  });

  it('finds every property known, required ones present, of the right type and allowed value, and every Ref and GetAtt resolvable', () => {
    expect(registryViolations(template)).toEqual([]);
  });

  it('catches an unknown property, a missing required one, a wrong type, a value outside its enum and a wrong GetAtt', () => {
    const cases: [TemplateJson, RegExp][] = [
      [withResource('AWS::SQS::Queue', (p) => (p.MessageRetentionPeriodDays = 4)), /unknown property MessageRetentionPeriodDays/],
      [withResource('AWS::Connect::Queue', (p) => delete p.HoursOfOperationArn), /missing required property HoursOfOperationArn/],
      [withResource('AWS::Lambda::Function', (p) => (p.MemorySize = 'lots')), /MemorySize: expected a number/],
      [withResource('AWS::SMSVOICE::ProtectConfiguration', (p) => ((p.CountryRuleSet as { SMS: { ProtectStatus: string }[] }).SMS[0]!.ProtectStatus = 'PERMIT')), /"PERMIT" is not one of ALLOW/],
      [withResource('AWS::Connect::ContactFlow', (p) => (p.InstanceArn = { 'Fn::GetAtt': [Object.keys(template.Resources).find((id) => template.Resources[id]!.Type === 'AWS::Connect::Instance'), 'InstanceArn'] })), /AWS::Connect::Instance has no attribute InstanceArn/],
      [withResource('AWS::SNS::Subscription', (p) => (p.TopicArn = { Ref: 'NoSuchTopic' })), /Ref to unknown "NoSuchTopic"/],
      [withResource('AWS::Connect::ContactFlow', (p) => (p.Type = 'IVR')), /"IVR" is not one of CONTACT_FLOW/],
      [withResource('AWS::Logs::LogGroup', (p) => (p.RetentionInDays = 100)), /RetentionInDays: 100 is not one of 1, 3/],
    ];
    for (const [broken, finding] of cases) expect(registryViolations(broken).join('\n')).toMatch(finding);
    const dangling = structuredClone(template);
    Object.values(dangling.Resources)[0]!.DependsOn = ['Gone'];
    expect(registryViolations(dangling)).toEqual([expect.stringMatching(/DependsOn unknown Gone/)]);
  });
});
