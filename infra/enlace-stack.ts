import { CfnOutput, Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import type { EnlaceConfig } from './config';
import { ContactCenter } from './constructs/contact-center';
import { DataKeys } from './constructs/data-keys';
import { DeadLetters } from './constructs/dead-letters';
import { EnlaceFunction } from './constructs/enlace-function';
import { IntakeTable } from './constructs/intake-table';

export interface EnlaceStackProps extends StackProps {
  config: EnlaceConfig;
}

/** The whole hotline in one stack: one construct per capability. */
export class EnlaceStack extends Stack {
  readonly keys: DataKeys;
  readonly intakes: IntakeTable;
  readonly contactCenter: ContactCenter;
  readonly deadLetters: DeadLetters;

  constructor(scope: Construct, id: string, props: EnlaceStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.keys = new DataKeys(this, 'Keys');
    this.intakes = new IntakeTable(this, 'Intakes', { encryptionKey: this.keys.dataKey });
    this.deadLetters = new DeadLetters(this, 'DeadLetters', { key: this.keys.dataKey });

    /** A function that works with intakes: the store's environment and grants. */
    const intakeFunction = (id: string, name: string, description: string, environment: Record<string, string> = {}, timeout?: Duration) => {
      const fn = new EnlaceFunction(this, id, {
        name,
        description,
        ...(timeout ? { timeout } : {}),
        logKey: this.keys.dataKey,
        logRetentionDays: config.logRetentionDays,
        environment: {
          TABLE_NAME: this.intakes.table.tableName,
          DATA_KEY_ARN: this.keys.dataKey.keyArn,
          FINGERPRINT_KEY_ARN: this.keys.fingerprintKey.keyArn,
          INTAKE_RETENTION_DAYS: String(config.intakeRetentionDays),
          ...environment,
        },
      });
      this.intakes.grantIntakeAccess(fn);
      this.keys.grantDataUse(fn);
      return fn;
    };

    // Connect waits 8 seconds for a function: time out well before, so the flow's error branch
    // (an apology, then the queue) runs in time.
    const callIntake = intakeFunction(
      'CallIntake',
      'call-intake',
      'Records calls as intakes and answers status lookups for Connect flows',
      { HOURS: JSON.stringify(config.hours) },
      Duration.seconds(5),
    );

    this.contactCenter = new ContactCenter(this, 'ContactCenter', {
      alias: config.connectInstanceAlias ?? `enlace-${this.account}`,
      identity: config.connectIdentity,
      flowOptions: { defaultLanguage: config.defaultLanguage, generalCategory: config.generalCategory, hours: config.hours },
      callIntake,
    });

    // Intakes that need a Connect task (texts, callbacks): from the stream as they are written,
    // and from a sweep every few minutes for those a failure left unrouted.
    const taskFlowArn = this.contactCenter.flows.task.attrContactFlowArn;
    const router = intakeFunction('IntakeRouter', 'intake-router', 'Starts the Connect task for each intake that needs one', {
      CONNECT_INSTANCE_ID: this.contactCenter.instance.attrId,
      TASK_FLOW_ID: Fn.select(1, Fn.split('contact-flow/', taskFlowArn)),
    });
    router.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['connect:StartTaskContact'], resources: [this.contactCenter.instance.attrArn, taskFlowArn] }),
    );
    router.addEventSource(
      new sources.DynamoEventSource(this.intakes.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 3,
        reportBatchItemFailures: true,
        onFailure: new sources.SqsDlq(this.deadLetters.queue('RoutingFailures', 'stream batches the router could not process')),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { routing: { M: { state: { S: lambda.FilterRule.isEqual('unrouted') } } } } },
          }),
        ],
      }),
    );
    for (const [id, reason] of [
      ['AwsSolutions-IAM5[Resource::*]', 'dynamodb:ListStreams, which the stream event source needs, has no resource-level permissions in IAM.'],
      ['AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'Granted by CDK to send to the KMS-encrypted dead-letter queue; limited to the one data key.'],
      ['AwsSolutions-IAM5[Action::kms:ReEncrypt*]', 'Granted by CDK to send to the KMS-encrypted dead-letter queue; limited to the one data key.'],
    ] as const) {
      Validations.of(router.role!).acknowledge({ id, reason });
    }
    new events.Rule(this, 'RoutingSweep', {
      description: 'Routes intakes left unrouted by a failed attempt',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(router)],
    });

    new CfnOutput(this, 'TableName', { value: this.intakes.table.tableName });
    new CfnOutput(this, 'HotlineNumber', { value: this.contactCenter.phoneNumber.attrAddress, description: 'The toll-free number callers dial' });
    new CfnOutput(this, 'AgentWorkspace', { value: `https://${this.contactCenter.instance.instanceAlias}.my.connect.aws/agent-app-v2`, description: 'Where staff take calls and tasks' });
  }
}
