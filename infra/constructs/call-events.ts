import { Arn, Aws, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import { acknowledgeNoDeadLetterQueue } from '../nag';
import type { DeadLetters } from './dead-letters';

export interface CallEventsProps {
  /** The Connect instance whose contact events are read (its ARN). */
  instanceArn: string;
  /** The call-events function. */
  handler: lambda.Function;
  /** Encrypts the dead-letter queue: EventBridge needs to use it to write there. */
  key: kms.IKey;
  deadLetters: DeadLetters;
  /**
   * The rule's name, made of pseudo parameters only: the data key's policy names the rule by its
   * ARN, and a reference to the rule itself would close a loop (key -> rule -> instance -> flow
   * logs -> key).
   */
  ruleName: string;
}

/**
 * A call's wait in the queue, from Amazon Connect's contact events: Connect publishes them to the
 * account's default EventBridge bus (source `aws.connect`, detail-type `Amazon Connect Contact
 * Event`), on a best-effort basis
 * (https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html). The rule lets
 * through only this instance's voice contacts answered by an agent or ended; call-events
 * records the wait on the call's intake.
 *
 * Failures are kept, never dropped: an event EventBridge cannot deliver goes to the
 * CallEventFailures queue after its retries
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html); an event the
 * function fails on (one it cannot read) is retried twice by Lambda, then goes to the same
 * queue with the error (an on-failure destination,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). What the
 * queue then holds is the contact event: ids and times, no number.
 */
export class CallEvents extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: CallEventsProps) {
    super(scope, id);
    const failures = props.deadLetters.queue('CallEventFailures', 'Connect contact events the call wait could not be recorded from');
    this.rule = new events.Rule(this, 'ContactEvents', {
      ruleName: props.ruleName,
      description: "Records each call's queue wait on its intake (Connect contact events)",
      eventPattern: {
        source: ['aws.connect'],
        detailType: ['Amazon Connect Contact Event'],
        detail: {
          instanceArn: [props.instanceArn],
          eventType: ['CONNECTED_TO_AGENT', 'DISCONNECTED'],
          // Connect writes VOICE (the documentation's DISCONNECTED sample writes Voice).
          channel: [{ 'equals-ignore-case': 'VOICE' }],
        },
      },
      targets: [new targets.LambdaFunction(props.handler, { deadLetterQueue: failures, retryAttempts: 8, maxEventAge: Duration.hours(6) })],
    });
    // EventBridge writes to the encrypted queue with the data key: for this rule only.
    const ruleArn = Arn.format({ service: 'events', resource: 'rule', resourceName: props.ruleName }, Stack.of(this));
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnEquals: { 'aws:SourceArn': ruleArn } },
      }),
    );
    props.handler.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new destinations.SqsDestination(failures) });
    acknowledgeNoDeadLetterQueue(
      props.handler,
      'Its asynchronous invocations (contact events from EventBridge) fail to the CallEventFailures queue through an on-failure destination, which keeps the error with the event; a dead-letter queue would only duplicate that path.',
    );
  }
}
