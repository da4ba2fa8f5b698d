import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { acknowledgements, synthApp, validationReport } from '../support/cdk';

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

  it('has the indexes of the shared schema: the queue listing and the sparse index of pending work', () => {
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
    expect(Object.keys(TABLE_SCHEMA.indexes)).toEqual(['byQueue', 'pending']);
  });

  it('is protected by a rotating symmetric key and an HMAC key for fingerprints', () => {
    synth.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, KeySpec: Match.absent() });
    synth.template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no unacknowledged finding', () => {
    const failures = validationReport(synth.outdir).pluginReports.filter((report) => report.conclusion !== 'success');
    expect(failures).toEqual([]);
  });

  it('has a written reason for every acknowledged finding', () => {
    for (const acknowledgement of acknowledgements(synth.app)) {
      expect(acknowledgement.reason.length, `${acknowledgement.path} ${acknowledgement.id}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('does run: a queue without SSL enforcement fails synthesis', () => {
    const app = new App({ outdir: synth.outdir + '-probe' });
    new sqs.Queue(new Stack(app, 'Probe'), 'Queue');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
    expect(validationReport(synth.outdir + '-probe').pluginReports[0]?.violations.map((v) => v.ruleName)).toContain(
      'AwsSolutions-SQS4',
    );
  });
});
