import type { Intake } from '../domain/intake';

/** Puts an intake in front of staff in the Amazon Connect agent workspace, as a task. */
export interface TaskRouter {
  /**
   * Starts the task for an intake in its category x language queue; a callback's task is
   * scheduled for its callback time. Idempotent per intake: asking twice returns the same task.
   */
  startTask(intake: Intake): Promise<{ taskId: string }>;
  /**
   * Ends a task that no longer stands for where its intake is (it was moved to another queue).
   * A task already ended counts as done.
   */
  stopTask(taskId: string): Promise<void>;
}
