import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { parseOrThrow } from '../../shared/domain/errors';
import type { DeadLetterQueue } from '../../shared/ports/dead-letters';
import { answerHeldTexts, handleInboundText, type InboundResult, type InboundTextDeps } from '../../shared/use-cases/inbound-text';
import { SnsEventSchema } from './event';

/** The scheduled sweep (EventBridge) that answers held texts. */
const isScheduledEvent = (event: unknown) => typeof event === 'object' && event !== null && (event as { source?: unknown }).source === 'aws.events';

export interface SmsIntakeHandlerDeps extends InboundTextDeps {
  logger: Logger;
  metrics: Metrics;
  /**
   * Where a text it failed to handle goes, sealed (InboundTextFailures). Without it (the local
   * runtime, most tests) a failure throws, for Lambda to retry and dead-letter.
   */
  failures?: DeadLetterQueue;
}

/**
 * Inbound texts from the two-way SNS topic. A text that cannot be saved now is held; the
 * scheduled sweep answers it. A message it fails to handle (malformed, or a store that keeps
 * failing; logged by field, never by value) is sealed whole and sent to the dead-letter queue
 * by the function itself, and the invocation succeeds: the queue holds no number or words in
 * clear. Only if that send fails does it throw, and then Lambda retries and at last writes the
 * event, in clear, to the same queue (the README's Privacy section).
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
        // No reference number: beside the message id it would tie an anonymous tip to its text.
        logger.info('Handled', { held: result.held ?? false, duplicate: result.duplicate, step: result.step, effect: result.effect, replies: result.replies.length });
        results.push(result);
      }
      return results;
    } catch (error) {
      metrics.addMetric('TextFailed', MetricUnit.Count, 1);
      logger.error('Failed', { error: loggableError(error) });
      if (!deps.failures) throw error;
      try {
        await deps.failures.send(event);
      } catch (sendError) {
        logger.error('Could not dead-letter the text: Lambda retries it', { error: loggableError(sendError) });
        throw error;
      }
      metrics.addMetric('TextDeadLettered', MetricUnit.Count, 1);
      logger.info('Dead-lettered the text, sealed');
      return [];
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
