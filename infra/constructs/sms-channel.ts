import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
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
import * as cr from 'aws-cdk-lib/custom-resources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { getCountries } from 'libphonenumber-js';
import { tableStreamSource } from './table-stream';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { CATALOG } from '../../shared/domain/catalog';
import { acknowledgeInlinePolicy, acknowledgeNoDeadLetterQueue } from '../nag';
import type { DeadLetters } from './dead-letters';
import type { OperatorAlarms } from './operator-alarms';

export interface SmsChannelProps {
  key: kms.Key;
  table: dynamodb.ITable;
  deadLetters: DeadLetters;
  alarms: OperatorAlarms;
  /** ISO 3166-1 alpha-2 codes of the countries the hotline may text; every other one is blocked. */
  countries: readonly string[];
  /** Handles each inbound text. */
  intake: lambda.Function;
  /** Sends the texts queued on texters. */
  sender: lambda.Function;
}

const SMS_VOICE = new iam.ServicePrincipal('sms-voice.amazonaws.com');

/** Regions libphonenumber knows that are not ISO 3166-1 alpha-2 countries (Ascension, Tristan da Cunha, Kosovo). */
const NOT_ISO_3166 = new Set(['AC', 'TA', 'XK']);

/**
 * Texting the hotline: a US toll-free number in AWS End User Messaging SMS with two-way
 * messaging to an encrypted SNS topic, the sms-intake function subscribed with a dead-letter
 * queue, and the sender that texts the replies the table's stream shows queued.
 */
export class SmsChannel extends Construct {
  readonly topic: sns.Topic;
  readonly phoneNumber: smsvoice.CfnPhoneNumber;
  /** Inbound texts that failed: sealed by sms-intake itself; in clear only from SNS or Lambda's last resort. */
  readonly inboundFailures: sqs.Queue;
  /** One customer-managed policy for every function that texts, so the rule is written once. */
  private readonly texting: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: SmsChannelProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Named, so that the key's policy can name it without a circular reference to the topic.
    const topicName = `${Aws.STACK_NAME}-inbound-texts`;
    const topicArn = `arn:${stack.partition}:sns:${stack.region}:${stack.account}:${topicName}`;
    this.topic = new sns.Topic(this, 'InboundTexts', { topicName, displayName: 'enlace inbound texts', masterKey: props.key, enforceSSL: true });
    // End User Messaging publishes inbound texts to the topic, for this account's numbers only...
    // (ArnLike on its source ARN, as in https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-sns-creating-role.html)
    const fromOurSmsVoice = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:sms-voice:${stack.region}:${stack.account}:*` },
    };
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [SMS_VOICE], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions: fromOurSmsVoice }),
    );
    // ...and so needs the topic's key.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [SMS_VOICE], actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: ['*'], conditions: fromOurSmsVoice }),
    );

    const optOutList = new smsvoice.CfnOptOutList(this, 'OptOuts', { optOutListName: 'enlace-opt-outs' });

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
    // CloudFormation cannot release a number with deletion protection: without RETAIN a failed
    // first deployment ends in ROLLBACK_FAILED. Kept, the registered number also survives the stack.
    this.phoneNumber.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.protectCountries(props.countries);

    // Inbound texts: SNS retries, then its dead-letter queue; a text the function fails to handle
    // it seals and sends to the same queue itself (DataKeys.deadLetterKey), and only if that send
    // fails does it throw: Lambda retries twice, then writes the event there (with the error), in
    // clear. Nothing is dropped.
    const deadLetters = (this.inboundFailures = props.deadLetters.queue('InboundTextFailures', 'inbound texts that could not be delivered or processed'));
    this.topic.addSubscription(new subscriptions.LambdaSubscription(props.intake, { deadLetterQueue: deadLetters }));
    // SNS encrypts what it dead-letters with the queue's key: for this topic only.
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnEquals: { 'aws:SourceArn': topicArn } },
      }),
    );
    deadLetters.grantSendMessages(props.intake);
    props.intake.addEnvironment('INBOUND_TEXT_FAILURES_URL', deadLetters.queueUrl);
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

    // Replies and notices that carriers did not deliver.
    // https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html
    props.alarms.alarm(this, 'DeliveryAlarm', {
      alarmDescription: 'Fewer than 9 in 10 texts to US numbers were delivered over 15 minutes',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSSuccessRate',
        dimensionsMap: { Country: 'US', SMSType: 'Transactional' },
        period: Duration.minutes(5),
        statistic: 'Average',
      }),
      threshold: 0.9,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
  }

  /**
   * A protect configuration that allows only the given countries and blocks every other one,
   * made the account's default: the only kind SNS text messages obey (CloudFormation has no
   * property for it, the API does). https://docs.aws.amazon.com/sms-voice/latest/userguide/protect-configuration.html
   */
  private protectCountries(countries: readonly string[]): void {
    const allowed = new Set(countries);
    // libphonenumber's regions, without its codes that are not ISO 3166-1 countries.
    const all = [...new Set([...getCountries().filter((code) => !NOT_ISO_3166.has(code)), ...allowed])].sort();
    const protect = new smsvoice.CfnProtectConfiguration(this, 'Countries', {
      countryRuleSet: {
        sms: all.map((countryCode) => ({ countryCode, protectStatus: allowed.has(countryCode) ? 'ALLOW' : 'BLOCK' })),
        mms: all.map((countryCode) => ({ countryCode, protectStatus: 'BLOCK' })),
        voice: all.map((countryCode) => ({ countryCode, protectStatus: 'BLOCK' })),
      },
      tags: [{ key: 'Name', value: 'enlace' }],
    });
    const accountDefault = new cr.AwsCustomResource(this, 'CountriesAreAccountDefault', {
      resourceType: 'Custom::AccountDefaultProtectConfiguration',
      onCreate: {
        service: 'PinpointSMSVoiceV2',
        action: 'SetAccountDefaultProtectConfiguration',
        parameters: { ProtectConfigurationId: protect.attrProtectConfigurationId },
        physicalResourceId: cr.PhysicalResourceId.of(`${this.node.addr}-account-default-protect`),
      },
      onUpdate: {
        service: 'PinpointSMSVoiceV2',
        action: 'SetAccountDefaultProtectConfiguration',
        parameters: { ProtectConfigurationId: protect.attrProtectConfigurationId },
        physicalResourceId: cr.PhysicalResourceId.of(`${this.node.addr}-account-default-protect`),
      },
      onDelete: { service: 'PinpointSMSVoiceV2', action: 'DeleteAccountDefaultProtectConfiguration', parameters: {} },
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['sms-voice:SetAccountDefaultProtectConfiguration'], resources: [protect.attrArn] }),
        // Its reference entry has no resource type: it acts on the account.
        new iam.PolicyStatement({ actions: ['sms-voice:DeleteAccountDefaultProtectConfiguration'], resources: ['*'] }),
      ]),
    });
    acknowledgeInlinePolicy(accountDefault.node.findChild('CustomResourcePolicy'), "making the texting-country rules the account's default");
    Validations.of(accountDefault.node.findChild('CustomResourcePolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sms-voice:DeleteAccountDefaultProtectConfiguration has no resource type in the Service Authorization Reference: it can only be granted on *.',
    });
  }

  /** Lets a function text phone numbers from the intake number (and publish to no topic). */
  allowTexting(fn: lambda.Function): void {
    fn.addEnvironment('ORIGINATION_NUMBER', this.phoneNumber.attrPhoneNumber);
    this.texting.attachToRole(fn.role!);
    // A separate policy, unlike the role's default one, is not awaited by the function otherwise.
    fn.node.addDependency(this.texting);
  }
}
