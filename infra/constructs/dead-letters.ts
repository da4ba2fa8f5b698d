import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Where unprocessable messages go instead of the floor, and who hears about it: encrypted
 * dead-letter queues with an alarm on their depth, reported to the operators' topic.
 */
export class DeadLetters extends Construct {
  /** Subscribe the on-call address or chat integration here. */
  readonly alarmTopic: sns.Topic;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: { key: kms.IKey },
  ) {
    super(scope, id);
    this.alarmTopic = new sns.Topic(this, 'Alarms', { displayName: 'enlace alarms', masterKey: props.key, enforceSSL: true });
  }

  /** A dead-letter queue that alarms as soon as anything lands in it. */
  queue(id: string, purpose: string): sqs.Queue {
    const queue = new sqs.Queue(this, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue (${purpose}); its depth alarm calls the operators.`,
    });
    const alarm = new cloudwatch.Alarm(this, `${id}Depth`, {
      alarmDescription: `Messages are waiting in the dead-letter queue for ${purpose}`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    return queue;
  }
}
