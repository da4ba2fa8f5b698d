import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { isSqsEvent, sqsWorker } from '../../shared/adapters/lambda/sqs-worker';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { streamWorker } from '../../shared/adapters/lambda/stream-worker';
import { CustodyEventSchema } from '../../shared/domain/notifications';
import type { Clock } from '../../shared/ports/clock';
import { FanOutTaskSchema, fanOutDueEvents, fanOutPage, type FanOutDeps } from '../../shared/use-cases/victim-notices';

export interface FanOutHandlerDeps extends FanOutDeps {
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/**
 * A recorded custody event (from the table's stream) becomes notices, one page of registrants at
 * a time; each further page comes back through the fan-out queue, so no run grows with the case.
 * The scheduled sweep fans out again every event still pending: a failed stream batch's
 * on-failure record carries only shard metadata, so the event itself is what is retried.
 */
export function createFanOutHandler(deps: FanOutHandlerDeps) {
  const fromStream = streamWorker({
    name: 'notice-fanout',
    logger: deps.logger,
    metrics: deps.metrics,
    onItem: async (image) => {
      if (image.itemType !== keys.custodyEventItemType) return 'skipped';
      const event = CustodyEventSchema.parse(image);
      const { notices, more } = await fanOutPage({ caseNumber: event.caseNumber, eventId: event.id }, deps);
      deps.logger.info('Fanned out', { eventId: event.id, notices, more });
      return 'fanned_out';
    },
    sweep: () => fanOutDueEvents(deps),
  });
  const fromQueue = sqsWorker({
    name: 'notice-fanout',
    logger: deps.logger,
    metrics: deps.metrics,
    schema: FanOutTaskSchema,
    onMessage: async (task) => {
      const { notices, more } = await fanOutPage(task, deps);
      deps.logger.info('Fanned out a page', { eventId: task.eventId, notices, more });
      return 'fanned_out';
    },
  });
  return (event: unknown, context: Context) => (isSqsEvent(event) ? fromQueue(event, context) : fromStream(event, context));
}
