import { Match } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { acknowledgements, synthApp, synthAppWithProbe, validationReport } from '../support/cdk';

let synth: ReturnType<typeof synthApp>;
beforeAll(() => {
  synth = synthApp();
});

describe('the table', () => {
  it('is encrypted with the customer-managed key, recoverable, protected, with TTL', () => {
    const dataKey = synth.stack.resolve(synth.stack.keys.dataKey.keyArn);
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: dataKey },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.timeToLiveAttribute, Enabled: true },
      KeySchema: [
        { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
      ],
    });
    synth.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has the indexes of the shared schema: the queue listing, the sparse index of pending work, intakes by contact, audit events by day', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Object.values(TABLE_SCHEMA.indexes).map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
    expect(Object.keys(TABLE_SCHEMA.indexes)).toEqual(['byQueue', 'pending', 'byContact', 'byAuditDay']);
  });

  it('is protected by a rotating symmetric key and an HMAC key for fingerprints', () => {
    synth.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, KeySpec: Match.absent() });
    synth.template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  });
});

describe('logs', () => {
  it("are all encrypted with the data key and kept for the configured retention, aws-cdk-lib's own function logs too", () => {
    const dataKey = synth.stack.resolve(synth.stack.keys.dataKey.keyArn);
    const groups = synth.template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups).filter((id) => /^AWS679f|^CustomCDKBucketDeployment/.test(id))).toHaveLength(2);
    for (const [id, group] of Object.entries(groups)) {
      expect(group.Properties, id).toMatchObject({ KmsKeyId: dataKey, RetentionInDays: 90 });
      expect(group.DeletionPolicy, id).toBe('Retain');
    }
  });
});

describe('cdk-nag (AwsSolutions and NIST 800-53 Rev 5)', () => {
  const packOf = (id: string) => /^(?:Annotation::)?(AwsSolutions|NIST\.800\.53\.R5)-/.exec(id)?.[1];

  it('reports no unacknowledged finding', () => {
    const failures = validationReport(synth.outdir).pluginReports.filter((report) => report.conclusion !== 'success');
    expect(failures).toEqual([]);
  });

  it('runs both packs on the real app: an unencrypted topic added to its stack fails synthesis, and nothing else does', () => {
    const { error, report } = synthAppWithProbe((stack) => new sns.Topic(stack, 'Probe'));
    expect(String(error)).toMatch(/NIST\.800\.53\.R5-SNSEncryptedKMS/);
    const findings = (pack: string) =>
      report.pluginReports
        .find((plugin) => plugin.pluginName === pack)
        ?.violations.flatMap((violation) => violation.violatingConstructs.map((construct) => `${violation.ruleName} ${construct.constructPath}`));
    expect(findings('AwsSolutions')).toEqual(['AwsSolutions-SNS3 Enlace/Probe/Resource']);
    expect(findings('NIST.800.53.R5')).toEqual(['NIST.800.53.R5-SNSEncryptedKMS Enlace/Probe/Resource']);
  });

  it('has a written reason for every acknowledged finding, of either pack, on the construct concerned', () => {
    const found = acknowledgements(synth.app).filter((acknowledgement) => packOf(acknowledgement.id));
    expect(new Set(found.map((acknowledgement) => packOf(acknowledgement.id)))).toEqual(new Set(['AwsSolutions', 'NIST.800.53.R5']));
    for (const acknowledgement of found) {
      expect(acknowledgement.reason.length, `${acknowledgement.path} ${acknowledgement.id}`).toBeGreaterThanOrEqual(40);
      // Never for the whole stack or app.
      expect(acknowledgement.path.split('/').length, `${acknowledgement.path} ${acknowledgement.id}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('acknowledges only the NIST findings assessed as not fitting this stack; the others are fixed', () => {
    const nist = acknowledgements(synth.app).filter((acknowledgement) => packOf(acknowledgement.id) === 'NIST.800.53.R5');
    expect(new Set(nist.map((acknowledgement) => acknowledgement.id.replace(/^Annotation::/, '')))).toEqual(
      new Set(
        [
          'DynamoDBInBackupPlan',
          'IAMNoInlinePolicy',
          'LambdaConcurrency',
          'LambdaDLQ',
          'LambdaInsideVPC',
          'S3BucketReplicationEnabled',
          'S3DefaultEncryptionKMS',
        ].map((rule) => `NIST.800.53.R5-${rule}`),
      ),
    );
    // Each function says where its own failures go.
    const dlq = nist.filter((acknowledgement) => acknowledgement.id.endsWith('-LambdaDLQ'));
    expect(dlq.length).toBeGreaterThanOrEqual(7);
    expect(new Set(dlq.map((acknowledgement) => acknowledgement.reason)).size).toBe(dlq.length);
  });
});
