import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { sqsWorker } from '../../shared/adapters/lambda/sqs-worker';
import { NoticeTaskSchema, deliverNotice, type DeliveryDeps } from '../../shared/use-cases/victim-notices';

export interface DeliveryHandlerDeps extends DeliveryDeps {
  logger: Logger;
  metrics: Metrics;
  /** After each text sent: keeps the function inside the intake number's sending rate. */
  paceMs: number;
}

/** Sends notices from the notice queue, each once; a failure is retried by the queue, then dead-lettered. */
export function createDeliveryHandler(deps: DeliveryHandlerDeps) {
  return sqsWorker({
    name: 'notice-delivery',
    logger: deps.logger,
    metrics: deps.metrics,
    schema: NoticeTaskSchema,
    onMessage: async (task) => {
      const outcome = await deliverNotice(task, deps);
      deps.logger.info('Notice', { eventId: task.eventId, registrationId: task.registrationId, channel: task.channel, outcome });
      // E-mail has no such limit; only a text actually sent uses the number's rate.
      if (task.channel === 'sms' && outcome === 'sent' && deps.paceMs) await new Promise((resolve) => setTimeout(resolve, deps.paceMs));
      return outcome;
    },
  });
}
