import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { streamWorker } from '../../shared/adapters/lambda/stream-worker';
import { sendDueTexts, sendTexts, type SendTextsDeps } from '../../shared/use-cases/send-texts';

export interface SenderHandlerDeps extends SendTextsDeps {
  logger: Logger;
  metrics: Metrics;
}

/** Sends the texts queued on texters, as the stream shows them and on a schedule for retries. */
export function createSenderHandler(deps: SenderHandlerDeps) {
  return streamWorker({
    name: 'sms-sender',
    logger: deps.logger,
    metrics: deps.metrics,
    onItem: async (image) => {
      const key = keys.texterHashOf(image.pk);
      if (!key) return 'skipped';
      const outcome = await sendTexts(key, deps);
      deps.logger.info('Sent', { ...outcome });
      return outcome.notDue ? 'not_due' : outcome.failed ? 'failed' : 'sent';
    },
    sweep: async () => {
      const { sent, dropped, failed } = await sendDueTexts(deps);
      return { sent, dropped, failed: failed ? 1 : 0 };
    },
  });
}
