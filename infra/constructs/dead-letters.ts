import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { OperatorAlarms } from './operator-alarms';

/**
 * Where unprocessable messages go instead of the floor, and who hears about it: encrypted
 * dead-letter queues with an alarm on their depth, reported to the operators' topic.
 *
 * AWS writes every message these queues hold, never the hotline's code: SNS (a text it could not
 * deliver to sms-intake: the End User Messaging message, with the texter's number and words),
 * Lambda (an asynchronous invocation that failed: the same event, with the error), SQS (a victim
 * notice task moved after five receives: ids only) and the stream readers' event-source mappings
 * (a failed batch: shard and sequence numbers, no item). So the queues are encrypted with the
 * customer-managed key and keep a message only the configured days (the README's Privacy section).
 * https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
 */
export class DeadLetters extends Construct {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: { key: kms.IKey; alarms: OperatorAlarms; retentionDays: number },
  ) {
    super(scope, id);
  }

  /** A dead-letter queue that alarms as soon as anything lands in it. */
  queue(id: string, purpose: string): sqs.Queue {
    const queue = new sqs.Queue(this, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(this.props.retentionDays),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue (${purpose}); its depth alarm calls the operators.`,
    });
    this.props.alarms.alarm(this, `${id}Depth`, {
      alarmDescription: `Messages are waiting in the dead-letter queue for ${purpose}`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    return queue;
  }
}
