import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import * as z from '../../domain/schema';
import { InvalidInputError, parseOrThrow } from '../../domain/errors';
import { loggableError } from './observability';

/** A DynamoDB stream batch (only the fields a worker reads). */
const StreamEventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      dynamodb: z.object({ SequenceNumber: z.string(), NewImage: z.optional(z.record(z.string(), z.unknown())) }),
    }),
  ),
});

/** The scheduled sweep (EventBridge). */
const SweepEventSchema = z.looseObject({ source: z.literal('aws.events') });

export interface StreamWorker {
  name: string;
  logger: Logger;
  metrics: Metrics;
  /**
   * Works on one new item image; returns what happened, for the metrics and the log. `change`
   * says whether the item is new (INSERT) or changed (MODIFY), and which record it came in (a
   * redelivered record has the same sequence number).
   */
  onItem(image: Record<string, unknown>, change: { eventName: string; sequenceNumber: string }): Promise<string>;
  /** Works through everything due (the scheduled sweep); returns counts by outcome. */
  sweep?(): Promise<Record<string, number>>;
}

type BatchResponse = { batchItemFailures: { itemIdentifier: string }[] };

/**
 * A function fed by the table's stream (work as soon as it is written) and by a schedule (work a
 * failure left pending). A failure the worker records on the item is its own business; only an
 * item it could not even record is reported back, for the stream to retry and then dead-letter.
 */
export function streamWorker(worker: StreamWorker) {
  const { logger, metrics } = worker;
  return middy(async (event: unknown): Promise<BatchResponse | undefined> => {
    const stream = StreamEventSchema.safeParse(event);
    if (!stream.success) {
      // Not a stream batch: the scheduled sweep, for a worker that has one; otherwise say what is wrong with the batch.
      if (!worker.sweep) throw InvalidInputError.fromZod(`${worker.name} event (a stream batch)`, stream.error);
      parseOrThrow(SweepEventSchema, `${worker.name} event (a stream batch or the scheduled sweep)`, event);
      const counts = await worker.sweep();
      for (const [outcome, count] of Object.entries(counts)) metrics.addMetric(`Sweep_${outcome}`, MetricUnit.Count, count);
      logger.info('Swept', { counts });
      return undefined;
    }
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of stream.data.Records) {
      try {
        // Inside the try: a record that cannot be unmarshalled fails alone, not its whole batch.
        const image = record.dynamodb.NewImage ? unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) : undefined;
        const outcome = image ? await worker.onItem(image, { eventName: record.eventName, sequenceNumber: record.dynamodb.SequenceNumber }) : 'no_image';
        metrics.addMetric(`Item_${outcome}`, MetricUnit.Count, 1);
      } catch (error) {
        logger.error('Could not work on an item', { sequenceNumber: record.dynamodb.SequenceNumber, error: loggableError(error) });
        batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
      }
    }
    return { batchItemFailures };
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
