import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as smsvoice from 'aws-cdk-lib/aws-smsvoice';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { tableStreamSource } from './table-stream';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { CATALOG } from '../../shared/domain/catalog';
import { acknowledgeNoDeadLetterQueue } from '../nag';
import type { DeadLetters } from './dead-letters';

export interface SmsChannelProps {
  key: kms.Key;
  table: dynamodb.ITable;
  deadLetters: DeadLetters;
  /** Handles each inbound text. */
  intake: lambda.Function;
  /** Sends the texts queued on texters. */
  sender: lambda.Function;
}

const SMS_VOICE = new iam.ServicePrincipal('sms-voice.amazonaws.com');

/**
 * Texting the hotline: a US toll-free number in AWS End User Messaging SMS with two-way
 * messaging to an encrypted SNS topic, the sms-intake function subscribed with a dead-letter
 * queue, and the sender that texts the replies the table's stream shows queued.
 */
export class SmsChannel extends Construct {
  readonly topic: sns.Topic;
  readonly phoneNumber: smsvoice.CfnPhoneNumber;
  /** One customer-managed policy for every function that texts, so the rule is written once. */
  private readonly texting: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: SmsChannelProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.topic = new sns.Topic(this, 'InboundTexts', { displayName: 'enlace inbound texts', masterKey: props.key, enforceSSL: true });
    // End User Messaging publishes inbound texts to the topic, for this account only...
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [SMS_VOICE],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    // ...and so needs the topic's key.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [SMS_VOICE],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    const optOutList = new smsvoice.CfnOptOutList(this, 'OptOuts', { optOutListName: 'enlace-opt-outs' });
    // Delivery events carry the texter's number, so none are sent anywhere (no destination).
    new smsvoice.CfnConfigurationSet(this, 'Configuration', { configurationSetName: 'enlace' });

    this.phoneNumber = new smsvoice.CfnPhoneNumber(this, 'IntakeNumber', {
      isoCountryCode: 'US',
      numberType: 'TOLL_FREE',
      numberCapabilities: ['SMS'],
      // The hotline answers HELP and every opt-out word itself, in the texter's language; on
      // toll-free numbers the carrier still enforces STOP. These texts are used only if
      // self-managed opt-outs are turned off.
      selfManagedOptOutsEnabled: true,
      mandatoryKeywords: {
        help: { message: `${CATALOG.en['sms.help']} ${CATALOG.es['sms.help']}` },
        stop: { message: `${CATALOG.en['sms.optedOut']} ${CATALOG.es['sms.optedOut']}` },
      },
      optOutListName: optOutList.ref,
      twoWay: { enabled: true, channelArn: this.topic.topicArn },
      deletionProtectionEnabled: true,
    });
    this.phoneNumber.node.addDependency(this.topic);

    // Inbound texts: SNS retries, then its dead-letter queue; the function retries twice, then
    // the same queue (with the error). Nothing is dropped.
    const deadLetters = props.deadLetters.queue('InboundTextFailures', 'inbound texts that could not be delivered or processed');
    this.topic.addSubscription(new subscriptions.LambdaSubscription(props.intake, { deadLetterQueue: deadLetters }));
    props.key.grant(new iam.ServicePrincipal('sns.amazonaws.com'), 'kms:GenerateDataKey', 'kms:Decrypt');
    props.intake.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new destinations.SqsDestination(deadLetters) });
    // A text that could not be taken in (a burst from one number outlasted the retries) is held in
    // the table; this sweep answers it.
    new events.Rule(this, 'HeldTextSweep', {
      description: 'Answers inbound texts held because they could not be saved when they came',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(props.intake)],
    });
    acknowledgeNoDeadLetterQueue(
      props.intake,
      'Its asynchronous invocations (inbound texts from SNS) already fail to the InboundTextFailures queue through an on-failure destination, which keeps the error with the event; a dead-letter queue would only duplicate that path.',
    );

    // Replies: queued on the texter with its state (one write), sent as the stream shows them,
    // and swept every minute for those a failure left queued.
    props.sender.addEventSource(
      tableStreamSource({
        table: props.table,
        deadLetters: props.deadLetters,
        failures: { id: 'SendFailures', purpose: 'stream batches the SMS sender could not process' },
        filter: { dynamodb: { NewImage: { [TABLE_SCHEMA.indexes.pending.partitionKey]: { S: lambda.FilterRule.isEqual(keys.pending.replies) } } } },
      }),
    );
    new events.Rule(this, 'SendSweep', {
      description: 'Sends texts left queued by a failed attempt',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(props.sender)],
    });
    acknowledgeNoDeadLetterQueue(
      props.sender,
      'Stream batches it fails go to the SendFailures queue (alarmed); the sweep events it gets asynchronously carry no data, and the next sweep, a minute later, sends what a failed one left queued.',
    );
    // SMS to phone numbers only: publishing to any topic is not allowed. (SNS has no IAM
    // condition on the origination identity; senders set it from ORIGINATION_NUMBER.)
    this.texting = new iam.ManagedPolicy(this, 'TextPhoneNumbers', {
      description: 'enlace: text phone numbers (SMS through SNS), publish to no topic',
      statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: [`arn:${stack.partition}:sns:*:*:*`] })],
    });
    this.allowTexting(props.sender);
  }

  /** Lets a function text phone numbers from the intake number (and publish to no topic). */
  allowTexting(fn: lambda.Function): void {
    fn.addEnvironment('ORIGINATION_NUMBER', this.phoneNumber.attrPhoneNumber);
    this.texting.attachToRole(fn.role!);
    // A separate policy, unlike the role's default one, is not awaited by the function otherwise.
    fn.node.addDependency(this.texting);
  }
}
