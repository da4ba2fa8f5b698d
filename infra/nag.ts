import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledgements of cdk-nag findings (AwsSolutions, NIST 800-53 R5) that recur across this
 * stack, written once. Each is placed on the construct it concerns, never on the stack.
 */

/** Acknowledges each finding on one construct (and what it contains), with its reason. */
export function acknowledge(scope: IConstruct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings)) Validations.of(scope).acknowledge({ id, reason });
}

const OUTSIDE_VPC =
  'Calls only AWS service APIs, over TLS with IAM-signed requests; the stack has no VPC, database or other network-reachable resource for it to reach privately. ' +
  'A VPC would need a NAT gateway (which would not limit where it connects) or an interface endpoint per service called: a fixed monthly cost for a stack that otherwise costs next to nothing idle. ' +
  "What it may do in AWS is bounded by its IAM role; its outbound traffic is not filtered, so the code it runs is pinned (bundled from package-lock.json, or aws-cdk-lib's own handlers).";

/**
 * The findings every Lambda function here shares. `hotline`: the functions of enlace itself;
 * `deployment`: the functions aws-cdk-lib adds that run only while CloudFormation deploys.
 */
export function acknowledgeLambdaDefaults(fn: IConstruct, kind: 'hotline' | 'deployment'): void {
  acknowledge(fn, {
    'NIST.800.53.R5-LambdaInsideVPC': OUTSIDE_VPC,
    'NIST.800.53.R5-LambdaConcurrency':
      kind === 'hotline'
        ? 'No reserved concurrency: it would cap this function (turning a burst of callers or texters into throttles) and be taken from the account pool, which must keep 100 unreserved ' +
          "(in an account with a low quota, as new accounts have, the deployment would fail). Load is bounded upstream: Connect's call quotas, the number's texting throughput, " +
          "the API stage's throttle, the table stream's shards, the notice queue's maximum concurrency."
        : 'Runs only while CloudFormation deploys this stack, once per custom resource event; reserving concurrency for it would only take capacity from the hotline functions.',
  });
}

/**
 * Lambda's dead-letter queue only receives failed asynchronous invocations: say where this
 * function's failures go instead.
 */
export function acknowledgeNoDeadLetterQueue(fn: IConstruct, failures: string): void {
  acknowledge(fn, { 'NIST.800.53.R5-LambdaDLQ': `A function dead-letter queue only catches failed asynchronous invocations. ${failures}` });
}

/**
 * The inline policy CDK writes for a role it creates (its DefaultPolicy) or for a single
 * purpose: attached to that role alone and reviewed with the code that grants it.
 */
export function acknowledgeInlinePolicy(scope: IConstruct, owner: string): void {
  acknowledge(scope, {
    'NIST.800.53.R5-IAMNoInlinePolicy':
      `The least-privilege grants CDK generates for ${owner}, in one policy attached to its role alone and changed only through this code; ` +
      'as a customer-managed policy it would grant exactly the same, and could also be attached to other principals.',
  });
}
