import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { parseOrThrow } from '../../shared/domain/errors';
import { callIntake, type CallIntakeDeps, type CallIntakeResult } from '../../shared/use-cases/call-intake';
import { ContactFlowEventSchema } from './event';

export interface CallIntakeHandlerDeps extends CallIntakeDeps {
  logger: Logger;
  metrics: Metrics;
}

/**
 * The call-intake function: a Connect flow event in, a flat map of strings out. A thrown error
 * sends the flow down its error branch, where the caller still reaches a person.
 */
export function createCallIntakeHandler(deps: CallIntakeHandlerDeps) {
  const { logger, metrics } = deps;
  return middy(async (event: unknown): Promise<CallIntakeResult> => {
    const { ContactData, Parameters } = parseOrThrow(ContactFlowEventSchema, 'Connect event', event).Details;
    const action = Parameters.action || 'none';
    logger.appendKeys({ contactId: ContactData.ContactId, action });
    try {
      const result = await callIntake({ contactId: ContactData.ContactId, callerNumber: ContactData.CustomerEndpoint?.Address, request: Parameters, attributes: ContactData.Attributes }, deps);
      metrics.addDimensions({ action, result: result.result ?? 'none' });
      metrics.addMetric('CallIntake', MetricUnit.Count, 1);
      // No reference number: beside the ContactId (which Connect keeps with the caller's number)
      // it would tie an anonymous tip to its caller.
      logger.info('Handled', { result: result.result });
      return result;
    } catch (error) {
      metrics.addDimensions({ action, result: 'error' });
      metrics.addMetric('CallIntake', MetricUnit.Count, 1);
      logger.error('Failed', { error: loggableError(error) });
      throw error;
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
