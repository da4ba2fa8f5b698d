import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The customer-managed keys that protect personal data: one symmetric key for everything stored
 * (the table, logs, topics, queues, and the envelope keys of sealed phone numbers) and one HMAC
 * key for the fingerprints used to look numbers up without storing them in clear.
 */
export class DataKeys extends Construct {
  readonly dataKey: kms.Key;
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
   * Lets a function use the encrypted table and its stream, and seal, open and fingerprint
   * personal data: exactly these actions, no wildcards.
   */
  grantDataUse(grantee: iam.IGrantable): void {
    this.dataKey.grant(grantee, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey');
    this.fingerprintKey.grant(grantee, 'kms:GenerateMac');
    this.sourceKey.grant(grantee, 'kms:GenerateMac');
  }
}
