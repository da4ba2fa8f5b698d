import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type { DeadLetters } from './dead-letters';

export interface TableStreamSourceProps {
  table: dynamodb.ITable;
  deadLetters: DeadLetters;
  /** The dead-letter queue for batches the function could not process, and what they are. */
  failures: { id: string; purpose: string };
  /** Only the records the function is for: one pattern, or several (a record matching any is sent). */
  filter: Record<string, unknown> | Record<string, unknown>[];
  batchSize?: number;
}

/**
 * The intake table's stream as a function's event source, the same way for every reader: from the
 * oldest record, failed batches halved to find the bad record, retried, then dead-lettered (alarmed).
 */
export function tableStreamSource(props: TableStreamSourceProps): sources.DynamoEventSource {
  return new sources.DynamoEventSource(props.table, {
    startingPosition: lambda.StartingPosition.TRIM_HORIZON,
    batchSize: props.batchSize ?? 10,
    bisectBatchOnError: true,
    retryAttempts: 3,
    reportBatchItemFailures: true,
    onFailure: new sources.SqsDlq(props.deadLetters.queue(props.failures.id, props.failures.purpose)),
    // Filters are ORed, at most five by default: https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
    filters: (Array.isArray(props.filter) ? props.filter : [props.filter]).map((pattern) => lambda.FilterCriteria.filter(pattern)),
  });
}
