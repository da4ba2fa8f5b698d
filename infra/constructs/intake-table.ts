import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { leadingKeysCondition, scopedGrants, type TableAccess } from '../table-access';

const string = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** The hotline's one table, built from the shared schema. */
export class IntakeTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: { encryptionKey: kms.IKey }) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: string(TABLE_SCHEMA.partitionKey),
      sortKey: string(TABLE_SCHEMA.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE_SCHEMA.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      // New intakes flow to the router (Connect tasks) through the stream.
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });
    acknowledge(this.table, {
      'NIST.800.53.R5-DynamoDBInBackupPlan':
        'Point-in-time recovery (any second of the last 35 days) and deletion protection cover restores; an AWS Backup plan would add a full, separately billed copy per backup, ' +
        'and copies kept longer would outlive the retention TTL that deletes intakes and sealed numbers. Add a plan with a vault in another account if off-account copies are required.',
    });
    for (const index of Object.values(TABLE_SCHEMA.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /**
   * A function's access to the table, as infra/table-access.ts says: each statement allows its
   * actions only on the item kinds (partition key prefixes) or index partitions named there, by
   * `dynamodb:LeadingKeys`, and only for requests that name their leading keys (so never a Scan:
   * it has none, and no Scan is granted). The table's key is granted separately, with the vault's use of it.
   */
  grantTableAccess(grantee: iam.IGrantable, access: TableAccess): void {
    for (const grant of scopedGrants(access)) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: grant.actions.map((action) => `dynamodb:${action}`),
          resources: [grant.index ? `${this.table.tableArn}/index/${TABLE_SCHEMA.indexes[grant.index].indexName}` : this.table.tableArn],
          conditions: leadingKeysCondition(grant.leadingKeys),
        }),
      );
    }
  }
}
