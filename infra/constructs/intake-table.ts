import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';

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
   * What the intake store needs: read, write and query items; never scan, never delete (only
   * TTL deletes). The table's key is granted separately, with the vault's use of it.
   */
  grantIntakeAccess(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
      resourceArns: [
        this.table.tableArn,
        ...Object.values(TABLE_SCHEMA.indexes).map((index) => `${this.table.tableArn}/index/${index.indexName}`),
      ],
    });
  }
}
