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
}
