import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface OperatorAlarmsProps {
  key: kms.Key;
  /** Subscribed to the alarm topic (AWS e-mails it a link to confirm). */
  email?: string | undefined;
  /** An existing topic (on-call paging, chat) that every alarm also notifies. */
  topicArn?: string | undefined;
}

const CLOUDWATCH = new iam.ServicePrincipal('cloudwatch.amazonaws.com');

/**
 * Who hears when something goes wrong: an encrypted topic that CloudWatch alarms of this account
 * may publish to, the operators' address subscribed to it (or their existing topic), and the
 * alarms themselves.
 */
export class OperatorAlarms extends Construct {
  readonly topic: sns.Topic;
  private readonly actions: cloudwatch.IAlarmAction[];

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'enlace alarms', masterKey: props.key, enforceSSL: true });
    // A topic policy replaces the default one: with only enforceSSL's Deny, CloudWatch could not
    // publish. Only this account's alarms may, and the key must let CloudWatch use it too:
    // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
    };
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [CLOUDWATCH], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions: fromOurAlarms }),
    );
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [CLOUDWATCH], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: ['*'], conditions: fromOurAlarms }),
    );
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    this.actions = [new actions.SnsAction(this.topic)];
    if (props.topicArn) this.actions.push(new actions.SnsAction(sns.Topic.fromTopicArn(this, 'OperatorsTopic', props.topicArn)));
  }

  /** An alarm that notifies the operators when it fires; missing data is not a failure. */
  alarm(scope: Construct, id: string, props: Omit<cloudwatch.AlarmProps, 'treatMissingData'>): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, { treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...props });
    for (const action of this.actions) alarm.addAlarmAction(action);
    return alarm;
  }

  /** Any error or throttle of a function in five minutes. */
  watchFunction(fn: lambda.Function, name: string): void {
    const period = Duration.minutes(5);
    this.alarm(fn, 'ErrorsAlarm', {
      alarmDescription: `${name} failed (an error or a timeout)`,
      metric: fn.metricErrors({ period, statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    this.alarm(fn, 'ThrottlesAlarm', {
      alarmDescription: `${name} was throttled (the account's concurrency is exhausted)`,
      metric: fn.metricThrottles({ period, statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  /**
   * A stream reader falling behind: the age of the newest record it read, for 15 minutes.
   * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
   */
  watchStreamReader(fn: lambda.Function, name: string): void {
    this.alarm(fn, 'IteratorAgeAlarm', {
      alarmDescription: `${name} is more than five minutes behind the table's stream`,
      metric: fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: Duration.minutes(5).toMilliseconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
  }
}
