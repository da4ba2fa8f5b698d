import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { streamWorker } from '../../shared/adapters/lambda/stream-worker';
import { IntakeSchema } from '../../shared/domain/intake';
import { routeDueIntakes, takeStreamedIntake, type RoutingDeps } from '../../shared/use-cases/route-intakes';

export interface RouterHandlerDeps extends RoutingDeps {
  logger: Logger;
  metrics: Metrics;
}

/**
 * Counts new intakes in their queue's day and routes those that need one to Connect tasks, from
 * the table's stream, and sweeps every few minutes for
 * those still unrouted (a failed attempt, a callback not yet schedulable).
 */
export function createRouterHandler(handlerDeps: RouterHandlerDeps) {
  const deps: RouterHandlerDeps = {
    ...handlerDeps,
    // The task's id only (no reference number): the task left open is found by it in Connect.
    onStopFailed: (taskId, error) => handlerDeps.logger.warn('Could not end a task its intake left', { taskId, error: loggableError(error) }),
  };
  return streamWorker({
    name: 'router',
    logger: deps.logger,
    metrics: deps.metrics,
    onItem: async (image, change) => {
      const intake = IntakeSchema.safeParse(image);
      // Not an intake: the stream's filter normally keeps these out.
      if (!intake.success) return 'skipped';
      const { outcome, counted } = await takeStreamedIntake(intake.data, change, deps);
      // An anonymous tip's reference number is never logged: beside the log's time it could be
      // matched to the contact (call-intake and sms-intake log none at all).
      deps.logger.info('Routed', { ...(intake.data.anonymous ? {} : { referenceNumber: intake.data.id }), outcome, counted });
      return outcome;
    },
    sweep: () => routeDueIntakes(deps),
  });
}
