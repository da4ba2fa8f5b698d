import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from '../../domain/schema';
import { parseOrThrow } from '../../domain/errors';
import { loggableError } from './observability';

const SqsEventSchema = z.object({
  Records: z.array(z.object({ messageId: z.string(), body: z.string(), eventSource: z.literal('aws:sqs') })).check(z.minLength(1)),
});

export function isSqsEvent(event: unknown): boolean {
  return SqsEventSchema.safeParse(event).success;
}

export interface SqsWorker<S extends z.ZodMiniType> {
  name: string;
  logger: Logger;
  metrics: Metrics;
  /** The messages' body. A body that does not fit fails, is retried, then dead-lettered. */
  schema: S;
  onMessage(message: z.output<S>): Promise<string>;
}

/** A function fed by an SQS queue, reporting the messages that failed so only they are retried. */
export function sqsWorker<S extends z.ZodMiniType>(worker: SqsWorker<S>) {
  const { logger, metrics } = worker;
  return middy(async (event: unknown) => {
    const { Records } = parseOrThrow(SqsEventSchema, `${worker.name} event`, event);
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of Records) {
      try {
        const body = parseOrThrow(worker.schema, `${worker.name} message`, JSON.parse(record.body));
        metrics.addMetric(`Message_${await worker.onMessage(body)}`, MetricUnit.Count, 1);
      } catch (error) {
        logger.error('A message failed', { messageId: record.messageId, error: loggableError(error) });
        metrics.addMetric('Message_failed', MetricUnit.Count, 1);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
