import { randomUUID } from 'node:crypto';
import type { Intake } from '../../domain/intake';
import type { Clock } from '../../ports/clock';
import type { TaskRouter } from '../../ports/task-router';
import { clientTokenOf, taskName } from '../connect/task-router';
import type { LocalOutbox } from './outbox';

export type LocalTask = {
  taskId: string;
  intakeId: string;
  name: string;
  queueKey: string;
  createdAt: string;
  scheduledFor?: string;
  /** When the router ended it (its intake moved to another queue): no longer waiting in its queue. */
  endedAt?: string;
};

/** Connect tasks, locally: recorded in the outbox, one per intake as Connect's ClientToken makes it. */
export class LocalTaskRouter implements TaskRouter {
  constructor(
    private readonly outbox: LocalOutbox,
    private readonly clock: Clock,
  ) {}

  async startTask(intake: Intake): Promise<{ taskId: string }> {
    const task: LocalTask = {
      taskId: `local-task-${randomUUID()}`,
      intakeId: intake.id,
      name: taskName(intake),
      queueKey: intake.queueKey,
      createdAt: this.clock().toISOString(),
      ...(intake.callbackAt ? { scheduledFor: intake.callbackAt } : {}),
    };
    const { record } = await this.outbox.putOnce('task', clientTokenOf(intake), task);
    return { taskId: record.taskId };
  }

  /** Marks the task ended, as StopContact does; an unknown or ended task is left as it is. */
  async stopTask(taskId: string): Promise<void> {
    const tasks = await this.outbox.list<LocalTask & { key: string }>('task');
    const task = tasks.find((each) => each.taskId === taskId && !each.endedAt);
    if (task) await this.outbox.amend('task', task.key, { endedAt: this.clock().toISOString() });
  }
}
