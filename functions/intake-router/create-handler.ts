import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { parseOrThrow } from '../../shared/domain/errors';
import { IntakeSchema } from '../../shared/domain/intake';
import { routeDueIntakes, routeIntake, type RoutingDeps } from '../../shared/use-cases/route-intakes';
import { StreamEventSchema, SweepEventSchema } from './event';

export interface RouterHandlerDeps extends RoutingDeps {
  logger: Logger;
  metrics: Metrics;
}

type BatchResponse = { batchItemFailures: { itemIdentifier: string }[] };

/**
 * Routes new intakes to Connect tasks from the table's stream, and sweeps every few minutes for
 * those still unrouted (a failed attempt, a callback not yet schedulable). A failed attempt is
 * recorded on the intake; only a failure to record it is reported back to the stream for retry.
 */
export function createRouterHandler(deps: RouterHandlerDeps) {
  const { logger, metrics } = deps;
  return middy(async (event: unknown): Promise<BatchResponse | undefined> => {
    const stream = StreamEventSchema.safeParse(event);
    if (!stream.success) {
      parseOrThrow(SweepEventSchema, 'router event (a stream batch or the scheduled sweep)', event);
      const counts = await routeDueIntakes(deps);
      for (const [outcome, count] of Object.entries(counts)) metrics.addMetric(`Sweep_${outcome}`, MetricUnit.Count, count);
      logger.info('Swept unrouted intakes', { counts });
      return undefined;
    }

    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of stream.data.Records) {
      const image = record.dynamodb.NewImage ? unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) : undefined;
      const intake = IntakeSchema.safeParse(image);
      if (!intake.success) {
        // Not an intake (an event, a session): the stream's filter normally keeps these out.
        metrics.addMetric('SkippedRecord', MetricUnit.Count, 1);
        continue;
      }
      try {
        const outcome = await routeIntake(intake.data, deps);
        metrics.addMetric(`Route_${outcome}`, MetricUnit.Count, 1);
        logger.info('Routed', { referenceNumber: intake.data.id, outcome });
      } catch (error) {
        logger.error('Could not route or record the failure', { referenceNumber: intake.data.id, error: loggableError(error) });
        batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
      }
    }
    return { batchItemFailures };
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
