import { CfnOutput, Duration, Fn, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { EnlaceConfig } from './config';
import { PII_ACCESS } from './pii-access';
import { TABLE_ACCESS } from './table-access';
import { CallEvents } from './constructs/call-events';
import { ContactCenter } from './constructs/contact-center';
import { DataKeys } from './constructs/data-keys';
import { DeadLetters } from './constructs/dead-letters';
import { EnlaceFunction } from './constructs/enlace-function';
import { IntakeTable } from './constructs/intake-table';
import { OperatorAlarms } from './constructs/operator-alarms';
import { SmsChannel } from './constructs/sms-channel';
import { StaffConsole } from './constructs/staff-console';
import { TaskRouting, acknowledgeCdkGrants } from './constructs/task-routing';
import { VictimNotices } from './constructs/victim-notices';

export interface EnlaceStackProps extends StackProps {
  config: EnlaceConfig;
}

/** The whole hotline in one stack: one construct per capability. */
export class EnlaceStack extends Stack {
  readonly keys: DataKeys;
  readonly intakes: IntakeTable;
  readonly contactCenter: ContactCenter;
  readonly alarms: OperatorAlarms;
  readonly deadLetters: DeadLetters;
  readonly sms: SmsChannel;
  readonly console: StaffConsole;
  readonly notices: VictimNotices;

  /**
   * Eight hex digits of this stack's own id (arn:...:stack/<name>/<uuid>): the same for the life of
   * the stack, different for a second stack in the account (another name or region) and for a
   * redeployment after a rollback kept the first one's instance.
   */
  get deploymentSuffix(): string {
    return Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', this.stackId))));
  }

  constructor(scope: Construct, id: string, props: EnlaceStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.keys = new DataKeys(this, 'Keys');
    this.intakes = new IntakeTable(this, 'Intakes', { encryptionKey: this.keys.dataKey });
    this.alarms = new OperatorAlarms(this, 'Alarms', { key: this.keys.dataKey, email: config.alarmEmail, topicArn: config.alarmTopicArn });
    this.deadLetters = new DeadLetters(this, 'DeadLetters', { key: this.keys.dataKey, alarms: this.alarms, retentionDays: config.deadLetterRetentionDays });

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
          PII_KEY_ARN: this.keys.piiKey.keyArn,
          FINGERPRINT_KEY_ARN: this.keys.fingerprintKey.keyArn,
          SOURCE_KEY_ARN: this.keys.sourceKey.keyArn,
          INTAKE_RETENTION_DAYS: String(config.intakeRetentionDays),
          TEXTER_RETENTION_DAYS: String(config.texterRetentionDays),
          AUDIT_RETENTION_DAYS: String(config.auditRetentionDays),
          ...environment,
        },
      });
      const tableAccess = TABLE_ACCESS[name];
      if (!tableAccess) throw new Error(`${name}: say which items of the table it may touch in infra/table-access.ts`);
      this.intakes.grantTableAccess(fn, tableAccess);
      this.keys.grantTableUse(fn);
      const access = PII_ACCESS[name];
      if (!access) throw new Error(`${name}: say what it may do with personal data in infra/pii-access.ts`);
      this.keys.grantPiiUse(fn, access);
      this.alarms.watchFunction(fn, name);
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
      alias: config.connectInstanceAlias ?? `enlace-${this.account}-${this.deploymentSuffix}`,
      identity: config.connectIdentity,
      flowOptions: { defaultLanguage: config.defaultLanguage, generalCategory: config.generalCategory, hours: config.hours },
      callIntake,
      // The SMS channel is made below; the flows are rendered at synthesis, when it exists.
      intakeTextNumber: Lazy.string({ produce: () => this.sms.phoneNumber.attrPhoneNumber }),
      hostedTestStatus: config.hostedTestStatus,
      logKey: this.keys.dataKey,
      logRetentionDays: config.logRetentionDays,
    });

    // A call's queue wait, from Connect's contact events: its own row of infra/table-access.ts
    // (intake items, get and update) and of infra/pii-access.ts (the source key only).
    const callEvents = intakeFunction('CallEventsFunction', 'call-events', "Records each call's queue wait on its intake, from Connect's contact events");
    new CallEvents(this, 'CallEvents', { ruleName: `enlace-call-events-${this.deploymentSuffix}`, instanceArn: this.contactCenter.instance.attrArn, handler: callEvents, key: this.keys.dataKey, deadLetters: this.deadLetters });
    acknowledgeCdkGrants(callEvents, { encryptedQueue: true });

    const router = intakeFunction('IntakeRouter', 'intake-router', 'Starts the Connect task for each intake that needs one');
    this.alarms.watchStreamReader(router, 'intake-router');
    new TaskRouting(this, 'Routing', { table: this.intakes.table, contactCenter: this.contactCenter, deadLetters: this.deadLetters, router });
    acknowledgeCdkGrants(router, { stream: true, encryptedQueue: true });

    const smsIntake = intakeFunction('SmsIntake', 'sms-intake', 'Carries the conversation with texters and records their intakes');
    const smsSender = intakeFunction('SmsSender', 'sms-sender', 'Texts the replies queued for texters, from the intake number');
    this.alarms.watchStreamReader(smsSender, 'sms-sender');
    this.sms = new SmsChannel(this, 'Sms', {
      key: this.keys.dataKey,
      table: this.intakes.table,
      deadLetters: this.deadLetters,
      alarms: this.alarms,
      intake: smsIntake,
      sender: smsSender,
      countries: config.smsCountries,
    });
    acknowledgeCdkGrants(smsSender, { stream: true, encryptedQueue: true });
    // The public half of the dead-letter key only: nobody in the stack may decrypt with it.
    this.keys.deadLetterKey.grant(smsIntake, 'kms:GetPublicKey');
    smsIntake.addEnvironment('DEAD_LETTER_KEY_ARN', this.keys.deadLetterKey.keyArn);
    acknowledgeCdkGrants(smsIntake, { encryptedQueue: true });

    const noticeFanOut = intakeFunction(
      'NoticeFanOut',
      'notice-fanout',
      'Turns each custody event into a notice for every registrant, a page at a time',
      {},
      Duration.minutes(1),
    );
    this.alarms.watchStreamReader(noticeFanOut, 'notice-fanout');
    // E-mail notices say how to reach the hotline: the toll-free number (the texting number comes with allowTexting).
    const noticeDelivery = intakeFunction('NoticeDelivery', 'notice-delivery', 'Texts and e-mails victim notices', { HOTLINE_NUMBER: this.contactCenter.phoneNumber.attrAddress }, Duration.minutes(1));
    this.notices = new VictimNotices(this, 'Notices', {
      key: this.keys.dataKey,
      table: this.intakes.table,
      deadLetters: this.deadLetters,
      sms: this.sms,
      fanOut: noticeFanOut,
      delivery: noticeDelivery,
      emailFrom: config.notificationEmailFrom,
    });
    acknowledgeCdkGrants(noticeFanOut, { stream: true, encryptedQueue: true });

    const staffApi = intakeFunction('StaffApi', 'staff-api', 'The staff console API: queues, intakes, notes, status, replies, audit, victim notice cases');
    this.console = new StaffConsole(this, 'Console', {
      staffApi,
      table: this.intakes.table,
      logKey: this.keys.dataKey,
      logRetentionDays: config.logRetentionDays,
      domainPrefix: config.cognitoDomainPrefix ?? `enlace-${this.account}`,
      alarms: this.alarms,
      // Staff read times in the zone of the lines' hours (the tip line's, open around the clock).
      timeZone: config.hours.tip.timeZone,
    });
    // Tasks in the agent workspace link to the intake in the console.
    router.addEnvironment('CONSOLE_URL', this.console.url);

    // aws-cdk-lib gives the functions it adds (the custom-resource provider, the bucket
    // deployment) log groups of their own: encrypted and kept like every other log here.
    for (const construct of this.node.findAll()) {
      if (construct instanceof logs.CfnLogGroup && construct.kmsKeyId === undefined) {
        construct.kmsKeyId = this.keys.dataKey.keyArn;
        construct.retentionInDays = config.logRetentionDays;
      }
    }

    new CfnOutput(this, 'ConsoleUrl', { value: this.console.url, description: 'The staff console' });
    new CfnOutput(this, 'TableName', { value: this.intakes.table.tableName });
    new CfnOutput(this, 'DeadLetterKeyArn', { value: this.keys.deadLetterKey.keyArn, description: 'Opens sealed dead letters: npm run redrive -- --key <this>' });
    new CfnOutput(this, 'IntakeTextNumber', { value: this.sms.phoneNumber.attrPhoneNumber, description: 'The toll-free number texters write to' });
    new CfnOutput(this, 'HotlineNumber', { value: this.contactCenter.phoneNumber.attrAddress, description: 'The toll-free number callers dial' });
    new CfnOutput(this, 'AgentWorkspace', { value: `https://${this.contactCenter.instance.instanceAlias}.my.connect.aws/agent-app-v2`, description: 'Where staff take calls and tasks' });
  }
}
