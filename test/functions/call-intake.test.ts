import { createHash } from 'node:crypto';
import { GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCallIntakeHandler } from '../../functions/call-intake/create-handler';
import { storesFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { InvalidInputError } from '../../shared/domain/errors';
import { DEFAULT_HOURS } from '../../shared/domain/hours';
import { referenceNumberFor } from '../../shared/domain/reference-number';
import { lambdaContext } from '../../local/lambda-context';

const dynamo = mockClient(DynamoDBDocumentClient);
const kms = mockClient(KMSClient);
const ENV = { TABLE_NAME: 'intakes', PII_KEY_ARN: 'arn:aws:kms:us-east-1:1:key/pii', FINGERPRINT_KEY_ARN: 'arn:aws:kms:us-east-1:1:key/mac', SOURCE_KEY_ARN: 'arn:aws:kms:us-east-1:1:key/source', INTAKE_RETENTION_DAYS: '30', TEXTER_RETENTION_DAYS: '30', AUDIT_RETENTION_DAYS: '30' };

const clock = () => new Date('2026-11-23T15:00:00Z');

const sourceMac = (message: Uint8Array) => createHash('sha256').update(message).digest();
/** The reference number of a ContactId: derived from its one-way key, never from the id itself. */
const refOf = (contactId: string) => referenceNumberFor(sourceMac(Buffer.from(contactId)).toString('base64url'));

function handler() {
  return createCallIntakeHandler({
    ...observability({ logLevel: 'SILENT' }),
    ...(({ intakes, registrations, texters }) => ({ store: intakes, registrations, texters }))(storesFromEnvironment(clock, ENV)),
    hours: DEFAULT_HOURS,
    clock,
  });
}

function event(parameters: Record<string, string>, contactId = 'contact-1') {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: contactId,
        Channel: 'VOICE',
        InstanceARN: 'arn:aws:connect:us-east-1:1:instance/i',
        Attributes: {},
        CustomerEndpoint: { Address: '+12025550143', Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: parameters,
    },
  };
}

beforeEach(() => {
  dynamo.reset();
  kms.reset();
  kms.on(GenerateDataKeyCommand).resolves({ Plaintext: new Uint8Array(32).fill(1), CiphertextBlob: new Uint8Array([7, 7]) });
  kms.on(GenerateMacCommand).resolves({ Mac: new Uint8Array([1, 2, 3]) });
  // The one-way key: a different MAC for each ContactId, as KMS would give.
  kms.on(GenerateMacCommand, { KeyId: ENV.SOURCE_KEY_ARN }).callsFake((input: { Message: Uint8Array }) => ({ Mac: sourceMac(input.Message) }));
});

describe('the call-intake handler', () => {
  it('writes one conditional item with the phone sealed, and answers Connect with flat strings', async () => {
    dynamo.on(PutCommand).resolves({});
    const response = await handler()(event({ action: 'create', category: 'detainee', language: 'es', anonymous: 'false' }), lambdaContext('call-intake'));
    const ref = refOf('contact-1');
    expect(ref).not.toBe(referenceNumberFor('contact-1'));
    expect(response).toEqual({ result: 'created', referenceNumber: ref, queueKey: 'detainee-es' });

    // One put: the intake, with the call's path in it (the caller waits on no second write).
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
    const input = dynamo.commandCalls(PutCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      TableName: 'intakes',
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      Item: {
        pk: `INTAKE#${ref}`,
        sk: 'INTAKE',
        byQueuePk: 'QUEUE#detainee-es#new',
        channel: 'voice',
        contact: { phoneLast4: '0143' },
        phoneHash: Buffer.from([1, 2, 3]).toString('base64url'),
        opening: { entry: { type: 'call', route: 'menu', queueKey: 'detainee-es' }, actor: 'caller' },
      },
    });
    expect(input.Item!.phoneCipher).toMatch(/^kms\.v1\./);
    expect(JSON.stringify(input)).not.toContain('2025550143');
  });

  it('returns the first intake when Connect retries, from the item DynamoDB sends back', async () => {
    const ref = refOf('contact-1');
    const existing = {
      pk: `INTAKE#${ref}`, sk: 'INTAKE', id: ref, category: 'detainee', language: 'es', channel: 'voice', status: 'new',
      queueKey: 'detainee-es', createdAt: '2026-11-23T14:00:00.000Z', updatedAt: '2026-11-23T14:00:00.000Z',
      contact: null, anonymous: false, summary: '', routing: { state: 'routed', via: 'call', at: '2026-11-23T14:00:00.000Z' },
      sourceKey: sourceMac(Buffer.from('contact-1')).toString('base64url'), version: 1,
    };
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: marshall(existing) }));
    const response = await handler()(event({ action: 'create', category: 'detainee', language: 'es' }), lambdaContext('call-intake'));
    expect(response).toEqual({ result: 'existing', referenceNumber: ref, queueKey: 'detainee-es' });
    // Nothing read: DynamoDB sent the intake back with the failed condition.
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers a mistyped reference number without reading the table', async () => {
    const ref = referenceNumberFor('x');
    const typo = ref.slice(0, 9) + ((Number(ref[9]) + 1) % 10);
    const response = await handler()(event({ action: 'status', referenceNumber: typo }), lambdaContext('call-intake'));
    expect(response).toEqual({ result: 'invalid' });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('rejects a malformed event, naming what is wrong, and writes nothing', async () => {
    const bad = event({ action: 'create', category: 'detainee', language: 'es' });
    (bad.Details.ContactData as { ContactId?: string }).ContactId = undefined;
    const call = handler()(bad, lambdaContext('call-intake'));
    await expect(call).rejects.toBeInstanceOf(InvalidInputError);
    await expect(call).rejects.toThrow('Details.ContactData.ContactId');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('lets a DynamoDB failure reach Connect, which takes the error branch', async () => {
    dynamo.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(handler()(event({ action: 'create', category: 'tip', language: 'en', anonymous: 'true' }), lambdaContext('call-intake'))).rejects.toThrow(
      'ProvisionedThroughputExceededException',
    );
  });

  it('refuses to start without its environment, naming the variable', () => {
    expect(() => storesFromEnvironment(clock, { ...ENV, TABLE_NAME: undefined })).toThrow('Bad function environment: TABLE_NAME');
  });
});
