import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENCRYPTION_CONTEXT_KEYS } from '../../shared/adapters/pii/kms-vault';
import type { PiiAccess } from '../pii-access';

/**
 * The customer-managed keys that protect personal data: one symmetric key for everything stored
 * at rest (the table, logs, topics, queues), a separate symmetric key for the envelope keys of
 * sealed values (numbers, addresses, held message bodies: the PII key), and HMAC keys for the
 * fingerprints used to look numbers up and for one-way source keys.
 */
export class DataKeys extends Construct {
  readonly dataKey: kms.Key;
  /**
   * Wraps the data keys of sealed values (KmsPiiVault). Only the functions of infra/pii-access.ts
   * may use it, each for the item kinds it works with: the table's key lets DynamoDB read items,
   * this one is what it takes to read a number inside them.
   */
  readonly piiKey: kms.Key;
  readonly fingerprintKey: kms.Key;
  /** The one-way key behind stored source keys: an intake cannot be joined to its ContactId or message id. */
  readonly sourceKey: kms.Key;
  /**
   * Seals dead letters for the operators only: an RSA key pair in KMS whose public half sms-intake
   * encrypts with (kms:GetPublicKey), and whose private half opens only inside KMS, by kms:Decrypt,
   * which no principal of the stack holds (the key policy's default gives the account, so an
   * operator's own IAM permission decides: local/redrive.ts --key).
   * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html
   */
  readonly deadLetterKey: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);

    this.dataKey = new kms.Key(this, 'DataKey', {
      description: 'enlace: encrypts intakes, logs, messages and sealed personal data',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch Logs encrypts the function log groups of this account and region with it.
    this.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` },
        },
      }),
    );

    this.piiKey = new kms.Key(this, 'PiiKey', {
      description: 'enlace: wraps the data keys of sealed phone numbers, e-mail addresses and held texts',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // Nobody seals or opens with a context that lacks one of the vault's names: the role grants
    // (grantPiiUse) allow no other names, and a missing one is refused here, one statement per
    // name, since a policy's conditions can only all hold (a ForAllValues on an absent key holds,
    // so a request with no context is refused too).
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys
    for (const name of ENCRYPTION_CONTEXT_KEYS) {
      this.piiKey.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `RefuseWithoutContext${name[0]!.toUpperCase()}${name.slice(1)}`,
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: ['*'],
          conditions: { 'ForAllValues:StringNotEquals': { 'kms:EncryptionContextKeys': name } },
        }),
      );
    }

    this.fingerprintKey = new kms.Key(this, 'FingerprintKey', {
      description: 'enlace: keyed hashes (HMAC) of phone numbers and e-mail addresses for lookups',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    // Asymmetric keys cannot rotate automatically (enableKeyRotation is for symmetric keys).
    // https://docs.aws.amazon.com/kms/latest/developerguide/rotating-keys.html
    this.deadLetterKey = new kms.Key(this, 'DeadLetterKey', {
      description: 'enlace: seals dead-lettered inbound texts; only operators may decrypt (RSAES_OAEP_SHA_256)',
      keySpec: kms.KeySpec.RSA_4096,
      keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    this.sourceKey = new kms.Key(this, 'SourceKey', {
      description: 'enlace: one-way (HMAC) idempotency keys, so that no intake names the contact or message behind it',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
  }

  /**
   * Lets a function use the encrypted table and its stream: DynamoDB uses the table's key on the
   * function's behalf. Exactly these actions, no wildcards, and only when DynamoDB of this region
   * makes the request (kms:ViaService): the function cannot call KMS with this grant itself.
   * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
   * https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html (its example key
   * policy allows the table's key on kms:ViaService dynamodb.<region>.amazonaws.com).
   * The same key's grants for the encrypted queues and topics come from CDK (grantSendMessages,
   * SqsEventSource) and carry no such condition.
   */
  grantTableUse(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [this.dataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }

  /**
   * A function's use of personal data, as infra/pii-access.ts declares it: GenerateDataKey on the
   * PII key to seal, Decrypt to open, GenerateMac on the fingerprint and source keys.
   *
   * Sealing and opening are allowed only with an encryption context of exactly the vault's names
   * (ENCRYPTION_CONTEXT_KEYS of KmsPiiVault): ForAllValues:StringEquals on kms:EncryptionContextKeys
   * refuses a request naming any other, and Null false refuses one with no context at all (for
   * which ForAllValues alone would hold). A context with a name missing is refused by the PII
   * key's policy (the RefuseWithoutContext statements above).
   * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
   *
   * Not here: conditions on the context's values (kms:EncryptionContext:app = enlace, and
   * kms:EncryptionContext:pk per item kind). The policy simulator that checks these grants
   * (@cloud-copilot/iam-simulate 0.1.173, test/infra/iam-reference.test.ts) cannot evaluate them:
   * normalizeContextKeyCase in dist/esm/context_keys/contextKeys.js rewrites a request's context
   * key to the reference's spelling through replaceVariableInContextKey, which keeps the variable
   * part of a key only after a "/" (aws:RequestTag/${TagKey}); kms:EncryptionContext:${EncryptionContextKey}
   * has none, so kms:EncryptionContext:app becomes the literal "kms:EncryptionContext:${EncryptionContextKey}"
   * and no condition on it ever matches. Unchecked, they are left out.
   *
   * kms:ViaService does not apply to the PII key: the functions call KMS themselves (KmsPiiVault),
   * no service calls it on their behalf, and a direct call carries no kms:ViaService.
   * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
   */
  grantPiiUse(grantee: iam.IGrantable, access: PiiAccess): void {
    const sealedContext = {
      'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...ENCRYPTION_CONTEXT_KEYS] },
      Null: { 'kms:EncryptionContextKeys': 'false' },
    };
    const onPiiKey = (action: string) =>
      grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [action], resources: [this.piiKey.keyArn], conditions: sealedContext }));
    if (access.seal?.length) onPiiKey('kms:GenerateDataKey');
    if (access.open?.length) onPiiKey('kms:Decrypt');
    if (access.fingerprint) this.fingerprintKey.grant(grantee, 'kms:GenerateMac');
    if (access.sourceKeys) this.sourceKey.grant(grantee, 'kms:GenerateMac');
  }
}
