import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
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

    this.fingerprintKey = new kms.Key(this, 'FingerprintKey', {
      description: 'enlace: keyed hashes (HMAC) of phone numbers and e-mail addresses for lookups',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
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
   * function's behalf. Exactly these actions, no wildcards.
   */
  grantTableUse(grantee: iam.IGrantable): void {
    this.dataKey.grant(grantee, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey');
  }

  /**
   * A function's use of personal data, as infra/pii-access.ts declares it: GenerateDataKey on the
   * PII key to seal, Decrypt to open, GenerateMac on the fingerprint and source keys.
   * Not yet: a kms:EncryptionContext:pk condition per item kind
   * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-context-key):
   * the policy simulator of the IAM reference test denies every request under such a condition,
   * so it could not be checked. kms:ViaService does not apply: the functions call KMS themselves.
   */
  grantPiiUse(grantee: iam.IGrantable, access: PiiAccess): void {
    if (access.seal?.length) this.piiKey.grant(grantee, 'kms:GenerateDataKey');
    if (access.open?.length) this.piiKey.grant(grantee, 'kms:Decrypt');
    if (access.fingerprint) this.fingerprintKey.grant(grantee, 'kms:GenerateMac');
    if (access.sourceKeys) this.sourceKey.grant(grantee, 'kms:GenerateMac');
  }
}
