import type { Intake } from '../domain/intake';
import type { Clock } from '../ports/clock';
import type { IntakeStore } from '../ports/intake-store';
import type { TaskRouter } from '../ports/task-router';
import { retryDelayMs } from './backoff';

/** Connect schedules a task at most 6 days ahead. */
export const MAX_SCHEDULE_AHEAD_MS = 6 * 24 * 60 * 60 * 1000;


export interface RoutingDeps {
  store: Pick<IntakeStore, 'countReceived' | 'listDueForRouting' | 'markRouted' | 'recordRoutingFailure'>;
  router: TaskRouter;
  clock: Clock;
  /**
   * Told of a task that could not be ended (the caller logs it): the intake is routed right, and
   * the task is left open in a queue the intake left.
   */
  onStopFailed?: (taskId: string, error: unknown) => void;
}

/**
 * What became of an intake the router took: `changed_meanwhile` is a task started for an intake
 * that, by the time it was to be marked routed, had been routed by another router, moved to another
 * queue or reopened (counted apart: the task is ended, as it is where the intake no longer is).
 */
export type RoutingOutcome = 'routed' | 'failed' | 'not_due' | 'not_unrouted' | 'changed_meanwhile';

/**
 * Starts the Connect task for an unrouted intake. A failure is recorded on the intake, which
 * stays unrouted and visible to staff, and is due again after a back-off.
 */
export async function routeIntake(intake: Intake, deps: RoutingDeps): Promise<RoutingOutcome> {
  if (intake.routing.state !== 'unrouted') return 'not_unrouted';
  const now = deps.clock();
  if (intake.routing.notBefore && Date.parse(intake.routing.notBefore) > now.getTime()) return 'not_due';
  // A callback further ahead than Connect can schedule waits; the sweep comes back to it.
  if (intake.callbackAt && Date.parse(intake.callbackAt) - now.getTime() > MAX_SCHEDULE_AHEAD_MS) return 'not_due';
  let taskId: string;
  let routed: boolean;
  try {
    ({ taskId } = await deps.router.startTask(intake));
    // Refused if the intake changed queue or routing cycle while the task was started (a transfer,
    // a reopening): it stays unrouted and pending, and the sweep starts its task where it is now.
    routed = (await deps.store.markRouted(intake, taskId)) !== undefined;
  } catch (error) {
    const attempts = intake.routing.attempts + 1;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    await deps.store.recordRoutingFailure(intake.id, message, new Date(now.getTime() + retryDelayMs(attempts)));
    return 'failed';
  }
  // Routed: the task of the queue it was moved from ends (after, not before: until the new task is
  // recorded, the old one is all the intake has). Refused: the task just started is for a queue or
  // routing cycle the intake left (markRouted accepts the task another router recorded with the
  // same client token, so a task in use is never ended here).
  const stale = routed ? intake.routing.replacesTaskId : taskId;
  if (stale) await stopTask(stale, deps);
  return routed ? 'routed' : 'changed_meanwhile';
}

/** A task that cannot be ended does not fail the routing: the caller hears of it. */
async function stopTask(taskId: string, deps: RoutingDeps): Promise<void> {
  try {
    await deps.router.stopTask(taskId);
  } catch (error) {
    deps.onStopFailed?.(taskId, error);
  }
}

/**
 * An intake from the table's stream. A new one (INSERT) is counted as received on its queue's day
 * here, off the caller's path, once however often the stream delivers it; then whatever needs a
 * task is routed. Routing goes first: a failed count fails the record, which the stream retries.
 */
export async function takeStreamedIntake(intake: Intake, change: { eventName: string; sequenceNumber: string }, deps: RoutingDeps): Promise<{ outcome: RoutingOutcome; counted: boolean }> {
  const outcome = await routeIntake(intake, deps);
  const counted = change.eventName === 'INSERT' && (await deps.store.countReceived(intake, change.sequenceNumber));
  return { outcome, counted };
}

/** Routes every unrouted intake that is due, a batch at a time: the sweep behind the stream. */
export async function routeDueIntakes(deps: RoutingDeps, limit = 25): Promise<Record<RoutingOutcome, number>> {
  const counts: Record<RoutingOutcome, number> = { routed: 0, failed: 0, not_due: 0, not_unrouted: 0, changed_meanwhile: 0 };
  for (const intake of await deps.store.listDueForRouting(deps.clock(), limit)) {
    counts[await routeIntake(intake, deps)]++;
  }
  return counts;
}
