import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { tableStreamSource } from './table-stream';

/** Any id: an intake item's sort key is the same for every intake. */
const INTAKE_ID = '0000000000';
import { acknowledgeNoDeadLetterQueue } from '../nag';
import type { ContactCenter } from './contact-center';
import type { DeadLetters } from './dead-letters';

export interface TaskRoutingProps {
  table: dynamodb.ITable;
  contactCenter: ContactCenter;
  deadLetters: DeadLetters;
  router: lambda.Function;
}

/**
 * New intakes, counted on their queue's day from the table's stream; those that need a Connect
 * task (texts, callbacks) routed from it as they are written or reopened by a follow-up, and from a sweep every few minutes for those a failure left unrouted.
 */
export class TaskRouting extends Construct {
  constructor(scope: Construct, id: string, props: TaskRoutingProps) {
    super(scope, id);
    const { router, contactCenter } = props;
    const taskFlowArn = contactCenter.flows.task.attrContactFlowArn;
    router.addEnvironment('CONNECT_INSTANCE_ID', contactCenter.instance.attrId);
    router.addEnvironment('TASK_FLOW_ID', Fn.select(1, Fn.split('contact-flow/', taskFlowArn)));
    // StartTaskContact is authorized on the flow it starts (required) and the contact it creates:
    // the Service Authorization Reference's resource types for it are contact, contact-flow,
    // quick-connect and task-template, never the instance.
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnect.html
    router.addToRolePolicy(new iam.PolicyStatement({ actions: ['connect:StartTaskContact'], resources: [taskFlowArn, contactCenter.contactsArn] }));
    // StopContact ends the task of a queue the intake was moved from: its resource type is contact.
    router.addToRolePolicy(new iam.PolicyStatement({ actions: ['connect:StopContact'], resources: [contactCenter.contactsArn] }));
    const stack = Stack.of(this);
    Validations.of(router.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(contactCenter.instance)}.Arn>/contact/*]`,
      reason: "The task's contact does not exist before StartTaskContact creates it, and StopContact ends tasks the router started: IAM can only name this instance's contacts (instance/<id>/contact/*).",
    });
    router.addEventSource(
      tableStreamSource({
        table: props.table,
        deadLetters: props.deadLetters,
        failures: { id: 'RoutingFailures', purpose: 'stream batches the router could not process' },
        filter: [
          // Every new intake, routed or not: the router counts it on its queue's day (the caller
          // does not wait for that write) and starts a task for one that needs it.
          { eventName: lambda.FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { [TABLE_SCHEMA.sortKey]: { S: lambda.FilterRule.isEqual(keys.intake(INTAKE_ID).sk) } } } },
          // A closed intake reopened by a follow-up (routed before, unrouted now): its new task at
          // once, not at the next sweep. Only that change: a failed attempt (unrouted before and
          // after) waits for its back-off. https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
          {
            eventName: lambda.FilterRule.isEqual('MODIFY'),
            dynamodb: {
              OldImage: { routing: { M: { state: { S: lambda.FilterRule.isEqual('routed') } } } },
              NewImage: { routing: { M: { state: { S: lambda.FilterRule.isEqual('unrouted') } } } },
            },
          },
        ],
      }),
    );
    new events.Rule(this, 'Sweep', {
      description: 'Routes intakes left unrouted by a failed attempt',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(router)],
    });
    acknowledgeNoDeadLetterQueue(
      router,
      'Stream batches it fails go to the RoutingFailures queue (alarmed); the sweep events it gets asynchronously carry no data, and the next sweep, five minutes later, routes what a failed one left.',
    );
  }
}

/** Findings on grants CDK makes for a function: stream reading, sending to an encrypted queue. */
export function acknowledgeCdkGrants(fn: lambda.Function, uses: { stream?: boolean; encryptedQueue?: boolean }): void {
  const acknowledge = (id: string, reason: string) => Validations.of(fn.role!).acknowledge({ id, reason });
  if (uses.stream) {
    acknowledge('AwsSolutions-IAM5[Resource::*]', 'dynamodb:ListStreams, which the stream event source needs, has no resource-level permissions in IAM.');
  }
  if (uses.encryptedQueue) {
    const reason = 'Granted by CDK to send to the KMS-encrypted dead-letter queue; limited to the one data key.';
    acknowledge('AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason);
    acknowledge('AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason);
  }
}
