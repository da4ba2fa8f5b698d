import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { parseOrThrow } from '../../shared/domain/errors';
import { answerHeldTexts, handleInboundText, type InboundResult, type InboundTextDeps } from '../../shared/use-cases/inbound-text';
import { SnsEventSchema } from './event';

/** The scheduled sweep (EventBridge) that answers held texts. */
const isScheduledEvent = (event: unknown) => typeof event === 'object' && event !== null && (event as { source?: unknown }).source === 'aws.events';

export interface SmsIntakeHandlerDeps extends InboundTextDeps {
  logger: Logger;
  metrics: Metrics;
}

/**
 * Inbound texts from the two-way SNS topic. A malformed event throws (logged by field, never by
 * value): Lambda retries it and then dead-letters it, so nothing is dropped on the floor. A text
 * that cannot be saved now is held; the scheduled sweep answers it.
 */
export function createSmsIntakeHandler(deps: SmsIntakeHandlerDeps) {
  const { logger, metrics } = deps;
  return middy(async (event: unknown): Promise<InboundResult[]> => {
    if (deps.held && isScheduledEvent(event)) {
      const counts = await answerHeldTexts({ ...deps, held: deps.held });
      for (const [outcome, count] of Object.entries(counts)) metrics.addMetric(`Held_${outcome}`, MetricUnit.Count, count);
      logger.info('Swept held texts', { counts });
      return [];
    }
    try {
      const { Records } = parseOrThrow(SnsEventSchema, 'SMS event', event);
      const results: InboundResult[] = [];
      for (const { Sns } of Records) {
        const text = Sns.Message;
        logger.appendKeys({ inboundMessageId: text.inboundMessageId });
        const result = await handleInboundText({ from: text.originationNumber, body: text.messageBody, messageId: text.inboundMessageId }, deps);
        metrics.addMetric(result.held ? 'HeldText' : result.duplicate ? 'DuplicateText' : 'Text', MetricUnit.Count, 1);
        if (result.effect === 'create_intake') metrics.addMetric('TextIntake', MetricUnit.Count, 1);
        logger.info('Handled', { held: result.held ?? false, duplicate: result.duplicate, step: result.step, effect: result.effect, referenceNumber: result.referenceNumber, replies: result.replies.length });
        results.push(result);
      }
      return results;
    } catch (error) {
      metrics.addMetric('TextFailed', MetricUnit.Count, 1);
      logger.error('Failed', { error: loggableError(error) });
      throw error;
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
