import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNoDeadLetterQueue } from '../nag';
import type { DeadLetters } from './dead-letters';
import type { SmsChannel } from './sms-channel';
import { tableStreamSource } from './table-stream';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { NOTICE_SENDING } from '../../shared/domain/notifications';

export interface VictimNoticesProps {
  key: kms.IKey;
  table: dynamodb.ITable;
  deadLetters: DeadLetters;
  sms: SmsChannel;
  /** Turns each recorded custody event into one notice per registrant and channel. */
  fanOut: lambda.Function;
  /** Sends the notices, by text or e-mail. */
  delivery: lambda.Function;
  /** The address e-mail notices come from; without it, no e-mail can be sent. */
  emailFrom?: string | undefined;
}

/**
 * Victim notification: a custody event written to the table reaches the fan-out function by the
 * stream; it queues one notice per registrant and channel, and each further page of registrants
 * on its own queue. The delivery function texts (SNS, from the intake number) or e-mails (SES)
 * each notice. Every queue is encrypted and dead-letters into an alarmed queue.
 */
export class VictimNotices extends Construct {
  readonly fanOutQueue: sqs.Queue;
  readonly noticeQueue: sqs.Queue;
  readonly emailIdentity: ses.EmailIdentity | undefined;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: VictimNoticesProps,
  ) {
    super(scope, id);
    const { fanOut, delivery } = props;

    this.fanOutQueue = this.workQueue('FanOut', fanOut, 'pages of registrants that could not be fanned out');
    // A retry must come after the 5 minutes in which a notice a dead worker left "sending" stays
    // claimed: a sooner one would find it taken and drop it.
    this.noticeQueue = this.workQueue('Notices', delivery, 'notices that could not be sent', Duration.minutes(6));

    fanOut.addEnvironment('FAN_OUT_QUEUE_URL', this.fanOutQueue.queueUrl);
    fanOut.addEnvironment('NOTICE_QUEUE_URL', this.noticeQueue.queueUrl);
    this.fanOutQueue.grantSendMessages(fanOut);
    this.noticeQueue.grantSendMessages(fanOut);
    // One event, or one page of up to 500 registrants, per run: the timeout bounds one page.
    fanOut.addEventSource(
      tableStreamSource({
        table: props.table,
        deadLetters: props.deadLetters,
        failures: { id: 'CustodyEventFailures', purpose: 'custody events that could not be fanned out to notices' },
        filter: { eventName: lambda.FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { itemType: { S: lambda.FilterRule.isEqual(keys.custodyEventItemType) } } } },
        batchSize: 1,
      }),
    );
    fanOut.addEventSource(new sources.SqsEventSource(this.fanOutQueue, { batchSize: 1, reportBatchItemFailures: true }));
    // A failed stream batch's on-failure record holds only shard metadata: the event itself stays
    // pending in the table, and this sweep fans it out again.
    new events.Rule(this, 'FanOutSweep', {
      description: 'Fans out custody events a crash or a failed stream batch left pending',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(fanOut)],
    });
    acknowledgeNoDeadLetterQueue(
      fanOut,
      'Custody events it fails go to the CustodyEventFailures queue, pages it fails are redriven to FanOutFailures (both alarmed); the sweep events it gets asynchronously carry no data, and the next sweep, five minutes later, fans out what a failed one left pending.',
    );

    delivery.addEnvironment('NOTICE_PACE_MS', String(NOTICE_SENDING.paceMs));
    delivery.addEventSource(
      new sources.SqsEventSource(this.noticeQueue, { batchSize: 10, maxConcurrency: NOTICE_SENDING.concurrency, reportBatchItemFailures: true }),
    );
    acknowledgeNoDeadLetterQueue(
      delivery,
      "It is only invoked by the notice queue's event source mapping, never asynchronously: notices it fails five times are redriven to the alarmed NoticesFailures queue.",
    );
    props.sms.allowTexting(delivery);
    if (props.emailFrom) {
      this.emailIdentity = new ses.EmailIdentity(this, 'EmailFrom', { identity: ses.Identity.email(props.emailFrom) });
      this.emailIdentity.grant(delivery, 'ses:SendEmail');
      delivery.addEnvironment('NOTICE_EMAIL_FROM', props.emailFrom);
    }
  }

  /** A queue of work for a function, retried (after six of its timeouts) then dead-lettered. */
  private workQueue(id: string, consumer: lambda.Function, purpose: string, atLeast = Duration.seconds(0)): sqs.Queue {
    return new sqs.Queue(this, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.props.key,
      enforceSSL: true,
      // SQS's default, written out (cfn-lint I3013): a notice is retried for minutes, not days; the
      // dead-letter queue keeps one the configured days (a week by default) from when it was first queued.
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(Math.max(6 * consumer.timeout!.toSeconds(), atLeast.toSeconds())),
      deadLetterQueue: { queue: this.props.deadLetters.queue(`${id}Failures`, purpose), maxReceiveCount: 5 },
    });
  }
}
