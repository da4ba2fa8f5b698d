import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { parseOrThrow } from '../../shared/domain/errors';
import type { IntakeStore } from '../../shared/ports/intake-store';
import { recordCallEvent, type CallEventResult } from '../../shared/use-cases/call-events';
import { ContactEventSchema } from './event';

export interface CallEventsHandlerDeps {
  store: Pick<IntakeStore, 'recordCallWait'>;
  logger: Logger;
  metrics: Metrics;
}

/**
 * The call-events function: a Connect contact event from EventBridge in, the call's queue wait
 * on its intake. An event it cannot read throws: Lambda retries it, then puts it in the
 * CallEventFailures dead-letter queue with the error.
 */
export function createCallEventsHandler(deps: CallEventsHandlerDeps) {
  const { logger, metrics } = deps;
  return middy(async (event: unknown): Promise<{ result: CallEventResult }> => {
    try {
      const { detail } = parseOrThrow(ContactEventSchema, 'Connect contact event', event);
      const result = await recordCallEvent(detail, deps);
      metrics.addDimensions({ eventType: detail.eventType, result });
      metrics.addMetric('CallEvent', MetricUnit.Count, 1);
      // No ContactId and no reference number: together they would tie an intake to its contact.
      logger.info('Handled', { eventType: detail.eventType, result });
      return { result };
    } catch (error) {
      metrics.addDimensions({ result: 'error' });
      metrics.addMetric('CallEvent', MetricUnit.Count, 1);
      logger.error('Failed', { error: loggableError(error) });
      throw error;
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
