import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { sqsWorker } from '../../shared/adapters/lambda/sqs-worker';
import { CaseNumberSchema, NoticeChannelSchema } from '../../shared/domain/notifications';
import { deliverNotice, type DeliveryDeps } from '../../shared/use-cases/victim-notices';

export interface DeliveryHandlerDeps extends DeliveryDeps {
  logger: Logger;
  metrics: Metrics;
  /** Between two notices of a batch: keeps the function inside the number's sending rate. */
  paceMs: number;
}

const NoticeTaskSchema = z.object({
  caseNumber: CaseNumberSchema,
  eventId: z.string().min(1),
  registrationId: z.string().min(1),
  channel: NoticeChannelSchema,
});

/** Sends notices from the notice queue, each once; a failure is retried by the queue, then dead-lettered. */
export function createDeliveryHandler(deps: DeliveryHandlerDeps) {
  return sqsWorker({
    name: 'notice-delivery',
    logger: deps.logger,
    metrics: deps.metrics,
    schema: NoticeTaskSchema,
    paceMs: deps.paceMs,
    onMessage: async (task) => {
      const outcome = await deliverNotice(task, deps);
      deps.logger.info('Notice', { eventId: task.eventId, registrationId: task.registrationId, channel: task.channel, outcome });
      return outcome;
    },
  });
}
