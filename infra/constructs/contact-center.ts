import { Aws, Fn, Lazy, RemovalPolicy, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { WEEKDAYS, minutes, type HoursByCategory, type WeeklyHours } from '../../shared/domain/hours';
import { QUEUE_KEYS, parseQueueKey, type QueueKey } from '../../shared/domain/queues';
import { CATEGORIES, LANGUAGES, type Category, type Language } from '../../shared/domain/taxonomy';
import { FLOW_TYPES, hotlineFlows, type FlowName, type FlowOptions, type FlowResources } from '../../shared/flows/hotline';
import { hotlineJourneys } from '../../shared/flows/journeys';
import { hostedTestCase } from '../../shared/flows/test-cases';
import { acknowledgeInlinePolicy, acknowledgeLambdaDefaults, acknowledgeNoDeadLetterQueue } from '../nag';
import { staffProfiles, type StaffProfiles } from './staff-profiles';

export interface ContactCenterProps {
  alias: string;
  identity: 'CONNECT_MANAGED' | 'SAML';
  flowOptions: FlowOptions & { hours: HoursByCategory };
  callIntake: lambda.IFunction;
  /** The intake text number in E.164 (a US number): callers are told to text it. */
  intakeTextNumber: string;
  /** PUBLISHED test cases are validated by Connect on deploy and can be run; SAVED ones are drafts. */
  hostedTestStatus?: 'PUBLISHED' | 'SAVED';
  /** Encrypts the flow logs (its key policy lets CloudWatch Logs use it for this account's log groups). */
  logKey: kms.IKey;
  /** Days the flow logs are kept, as every log of the stack. */
  logRetentionDays: number;
}

const CATEGORY_NAMES: Record<Category, string> = { detainee: 'Detainee inquiries', tip: 'Tips', victim: 'Victim services' };
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish' };

/**
 * Amazon Connect for the hotline: the instance, hours per line, a queue per category and
 * language, routing and security profiles per staff role, the generated flows, and a US toll-free number that
 * rings the entry flow.
 */
export class ContactCenter extends Construct {
  readonly instance: connect.CfnInstance;
  /** The log group Connect writes the flow logs to. */
  readonly flowLogs: logs.LogGroup;
  readonly queues: Record<QueueKey, connect.CfnQueue>;
  readonly flows: Record<FlowName, connect.CfnContactFlow>;
  readonly phoneNumber: connect.CfnPhoneNumber;
  /** The routing and security profiles of each staff role. */
  readonly staffProfiles: StaffProfiles;
  /** Hosted flow tests, one per journey of shared/flows/journeys.ts: the journeys the local tests run. */
  readonly testCases: connect.CfnTestCase[];

  constructor(scope: Construct, id: string, props: ContactCenterProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Connect writes flow logs to /aws/connect/<instance alias>, and creates that group (unencrypted,
    // kept forever) only if it does not exist
    // (https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-logs-stored-in-cloudwatch.html,
    // https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-logs.html): the stack makes it
    // first, with the key and the retention of every other log. Flow logs hold Lambda inputs and results
    // and contact attributes; the anonymous path turns logging off before anything is said.
    this.flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      logGroupName: `/aws/connect/${props.alias}`,
      encryptionKey: props.logKey,
      retention: props.logRetentionDays as logs.RetentionDays,
      // Kept with the instance (also kept): deleted, Connect would make it again, unencrypted and kept forever.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.instance = new connect.CfnInstance(this, 'Instance', {
      instanceAlias: props.alias,
      identityManagementType: props.identity,
      attributes: {
        inboundCalls: true,
        // Callbacks and staff calling contacts back.
        outboundCalls: true,
        contactflowLogs: true,
        contactLens: false,
        autoResolveBestVoices: true,
      },
    });
    // Kept when the stack is deleted or a first deployment rolls back: the instance holds 24
    // months of contact records and the staff users, and its alias cannot be reused while it lives.
    this.instance.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.instance.node.addDependency(this.flowLogs);
    const instanceArn = this.instance.attrArn;

    const hours = Object.fromEntries(
      CATEGORIES.map((category) => [
        category,
        new connect.CfnHoursOfOperation(this, `Hours-${category}`, {
          instanceArn,
          name: `${CATEGORY_NAMES[category]} hours`,
          description: `When the ${CATEGORY_NAMES[category].toLowerCase()} line takes calls`,
          timeZone: props.flowOptions.hours[category].timeZone,
          config: hoursConfig(props.flowOptions.hours[category]),
        }),
      ]),
    ) as Record<Category, connect.CfnHoursOfOperation>;

    this.phoneNumber = new connect.CfnPhoneNumber(this, 'TollFreeNumber', {
      targetArn: instanceArn,
      type: 'TOLL_FREE',
      countryCode: 'US',
      description: 'enlace hotline: the number callers dial',
    });
    // A released toll-free number goes back to AWS's pool: the hotline's number would be gone for good.
    this.phoneNumber.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.queues = Object.fromEntries(
      QUEUE_KEYS.map((key) => {
        const { category, language } = parseQueueKey(key);
        return [
          key,
          new connect.CfnQueue(this, `Queue-${key}`, {
            instanceArn,
            name: key,
            description: `${CATEGORY_NAMES[category]} in ${LANGUAGE_NAMES[language]}`,
            hoursOfOperationArn: hours[category].attrHoursOfOperationArn,
            // Callbacks and staff calls to contacts show the hotline's number.
            outboundCallerConfig: { outboundCallerIdNumberArn: this.phoneNumber.attrPhoneNumberArn },
          }),
        ];
      }),
    ) as Record<QueueKey, connect.CfnQueue>;
    chain(Object.values(this.queues));

    // Routing and security profiles, one set per role of the table of who sees what
    // (shared/domain/staff-roles.ts). Profiles after the queues, then each association after the
    // one before: Connect throttles concurrent API calls.
    this.staffProfiles = staffProfiles(this, { instance: this.instance, queues: this.queues });
    chain([this.queues[QUEUE_KEYS[QUEUE_KEYS.length - 1]!], ...this.staffProfiles.creationOrder]);

    // The call-intake function, callable from this instance's flows only.
    const integration = new connect.CfnIntegrationAssociation(this, 'CallIntakeIntegration', {
      instanceId: instanceArn,
      integrationType: 'LAMBDA_FUNCTION',
      integrationArn: props.callIntake.functionArn,
    });
    props.callIntake.addPermission('InvokedByConnect', {
      principal: new iam.ServicePrincipal('connect.amazonaws.com'),
      sourceArn: instanceArn,
      sourceAccount: Aws.ACCOUNT_ID,
    });
    acknowledgeNoDeadLetterQueue(
      props.callIntake,
      "Connect's flows invoke it synchronously, with the caller on the line: a failure takes the flow's error branch (an apology, then the queue), and there is no event to re-deliver.",
    );

    // Flows point at each other, so every flow exists before any content is rendered.
    const flowNames = Object.keys(FLOW_TYPES) as FlowName[];
    let documents: ReturnType<typeof hotlineFlows> | undefined;
    this.flows = Object.fromEntries(
      flowNames.map((name) => [
        name,
        new connect.CfnContactFlow(this, `Flow-${name}`, {
          instanceArn,
          name: `enlace ${name}`,
          type: FLOW_TYPES[name],
          state: 'ACTIVE',
          description: `enlace: the ${name} flow, generated from shared/flows/hotline.ts`,
          content: Lazy.string({ produce: () => stack.toJsonString((documents ??= render())[name]) }),
        }),
      ]),
    ) as Record<FlowName, connect.CfnContactFlow>;
    const resources = (): FlowResources => ({
      callIntakeFunction: props.callIntake.functionArn,
      queues: Object.fromEntries(QUEUE_KEYS.map((key) => [key, this.queues[key].attrQueueArn])) as Record<QueueKey, string>,
      hours: Object.fromEntries(CATEGORIES.map((category) => [category, hours[category].attrHoursOfOperationArn])) as Record<Category, string>,
      mainFlows: Object.fromEntries(LANGUAGES.map((language) => [language, this.flows[`main-${language}`].attrContactFlowArn])) as Record<Language, string>,
      queueFlows: Object.fromEntries(LANGUAGES.map((language) => [language, this.flows[`queue-${language}`].attrContactFlowArn])) as Record<Language, string>,
      // The number is known only once End User Messaging has it: "+1" and 10 digits (a US toll-free number).
      textNumber: Fn.select(1, Fn.split('+1', props.intakeTextNumber)),
    });
    const render = () => hotlineFlows(resources(), props.flowOptions);
    // Connect refuses a flow that invokes a function the instance does not know yet.
    for (const flow of Object.values(this.flows)) flow.addResourceDependency(integration, 'flows invoke call-intake');
    // One at a time, each after the flows it points at.
    chain(FLOW_CREATION_ORDER.map((name) => this.flows[name]));

    // CloudFormation has no property that rings a flow from a number: the Connect API does it.
    const entryFlowArn = this.flows.entry.attrContactFlowArn;

    // Hosted tests (AWS::Connect::TestCase): each journey the local tests run, dialled into the
    // deployed entry flow by Connect itself. After `cdk deploy`, run them with
    // `aws connect start-test-case-execution` (README, "Testing the deployed line").
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-connect-testcase.html
    this.testCases = hotlineJourneys(props.flowOptions).map((journey) => {
      const testCase = new connect.CfnTestCase(this, `Test-${journey.name}`, {
        instanceArn,
        name: `enlace-${journey.name}`,
        description: journey.description,
        content: Lazy.string({ produce: () => stack.toJsonString(hostedTestCase(journey, resources())) }),
        entryPoint: { type: 'VOICE_CALL', voiceCallEntryPointParameters: { flowId: Fn.select(1, Fn.split('contact-flow/', entryFlowArn)) } },
        status: props.hostedTestStatus ?? 'PUBLISHED',
      });
      // The cfn-lint vendored beside the repo predates AWS::Connect::TestCase (2026) and calls the
      // type unknown (E3006) in every region; the CloudFormation registry's own schema, which
      // test/infra/template-registry.test.ts checks every property against, has it. Only that
      // check is switched off, and only on these resources (cfn-lint's resource metadata).
      testCase.addMetadata('cfn-lint', { config: { ignore_checks: ['E3006'] } });
      return testCase;
    });
    // After every flow they call into, one at a time.
    chain([this.flows.task, ...this.testCases]);
    const association = {
      service: 'Connect',
      parameters: {
        InstanceId: this.instance.attrId,
        PhoneNumberId: Fn.select(1, Fn.split('phone-number/', this.phoneNumber.attrPhoneNumberArn)),
        ContactFlowId: Fn.select(1, Fn.split('contact-flow/', entryFlowArn)),
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${this.node.addr}-number-flow`),
    };
    const associate = new cr.AwsCustomResource(this, 'NumberRingsEntryFlow', {
      resourceType: 'Custom::PhoneNumberContactFlow',
      onCreate: { ...association, action: 'AssociatePhoneNumberContactFlow' },
      onUpdate: { ...association, action: 'AssociatePhoneNumberContactFlow' },
      onDelete: {
        service: 'Connect',
        action: 'DisassociatePhoneNumberContactFlow',
        parameters: { InstanceId: this.instance.attrId, PhoneNumberId: association.parameters.PhoneNumberId },
      },
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['connect:AssociatePhoneNumberContactFlow', 'connect:DisassociatePhoneNumberContactFlow'],
          // The Service Authorization Reference lists the number and the flow as their resources (not the instance).
          resources: [this.phoneNumber.attrPhoneNumberArn, entryFlowArn],
        }),
      ]),
    });
    // The call names the entry flow and the number (GetAtt): CloudFormation creates them first.
    acknowledgeInlinePolicy(associate.node.findChild('CustomResourcePolicy'), 'the number-to-flow association (two Connect actions on this number, flow and instance)');
    // The custom resource runs on CDK's one shared provider function per stack.
    const provider = stack.node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's AwsCustomResource provider only writes its own logs with this policy; its Connect calls are granted to this number and entry flow alone.",
      });
      acknowledgeLambdaDefaults(provider, 'deployment');
      acknowledgeNoDeadLetterQueue(provider, 'CloudFormation invokes it for a custom resource event and waits for its answer: a failure fails the deployment, which rolls back.');
    }
  }

  /** The ARNs a function that starts tasks needs: the instance and the task flow. */
  get taskFlowArn(): string {
    return this.flows.task.attrContactFlowArn;
  }

  /** Every contact of this instance (arn:...:instance/<id>/contact/*), as IAM names them. */
  get contactsArn(): string {
    return `${this.instance.attrArn}/contact/*`;
  }
}

/** Hours as Connect wants them: one slice per open day; 24:00 is written 00:00. */
export function hoursConfig(hours: WeeklyHours): connect.CfnHoursOfOperation.HoursOfOperationConfigProperty[] {
  const time = (hhmm: string) => {
    const total = minutes(hhmm) % (24 * 60);
    return { hours: Math.floor(total / 60), minutes: total % 60 };
  };
  return WEEKDAYS.flatMap((day) => {
    const window = hours.days[day];
    return window ? [{ day: day.toUpperCase(), startTime: time(window.open), endTime: time(window.close) }] : [];
  });
}

/**
 * Queue flows before the main flows that set them, main flows before the entry that transfers to
 * them. The entry comes last, after the task flow: it already waits for the main flows it names,
 * and a DependsOn on one of them would only repeat that (cfn-lint W3005).
 */
const FLOW_CREATION_ORDER: FlowName[] = ['queue-en', 'queue-es', 'main-en', 'main-es', 'task', 'entry'];

/** Creates resources one after another: Connect throttles many concurrent creations. */
function chain(resources: CfnResource[]): void {
  resources.slice(1).forEach((resource, index) => resource.addResourceDependency(resources[index]!, 'Connect throttles concurrent creations'));
}
