import { ContactNotFoundException, StartTaskContactCommand, StopContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import type { Intake } from '../../domain/intake';
import type { TaskRouter } from '../../ports/task-router';

export interface ConnectTaskRouterOptions {
  client: ConnectClient;
  instanceId: string;
  /** The task flow: it reads the queueKey attribute and transfers the task to that queue. */
  taskFlowId: string;
  /** The staff console's address, for the task's link to the intake (none until it is deployed). */
  consoleUrl?: string;
  clock: () => Date;
}

/** The title staff see on a task in the agent workspace. */
export function taskName(intake: Intake): string {
  const what = intake.callbackAt ? 'Callback' : intake.channel === 'sms' ? 'Text' : 'Intake';
  return `${what} ${intake.id} · ${intake.category} · ${intake.language}`;
}

/** Connect tasks through StartTaskContact. */
export class ConnectTaskRouter implements TaskRouter {
  constructor(private readonly options: ConnectTaskRouterOptions) {}

  async startTask(intake: Intake): Promise<{ taskId: string }> {
    const scheduled = intake.callbackAt && Date.parse(intake.callbackAt) > this.options.clock().getTime() ? new Date(intake.callbackAt) : undefined;
    const { ContactId } = await this.options.client.send(
      new StartTaskContactCommand({
        InstanceId: this.options.instanceId,
        ContactFlowId: this.options.taskFlowId,
        Name: taskName(intake),
        // No Description: Connect would keep what was said for 24 months, shown to whoever sees the
        // task and read unaudited. Staff follow the link and read it in the console, where each
        // view is an audit event and only the category's staff can open it.
        Attributes: {
          intakeId: intake.id,
          queueKey: intake.queueKey,
          category: intake.category,
          language: intake.language,
          channel: intake.channel,
        },
        ...(this.options.consoleUrl
          ? { References: { intake: { Type: 'URL' as const, Value: `${this.options.consoleUrl}/#/intakes/${intake.id}` } } }
          : {}),
        // Connect returns the same task for the same token: a retried attempt creates no second task.
        ClientToken: clientTokenOf(intake),
        ...(scheduled ? { ScheduledTime: scheduled } : {}),
      }),
    );
    if (!ContactId) throw new Error('StartTaskContact returned no ContactId');
    return { taskId: ContactId };
  }

  /**
   * "Chat and task contacts can be terminated in any state"; one already ended is not found, which
   * is what was asked. https://docs.aws.amazon.com/connect/latest/APIReference/API_StopContact.html
   */
  async stopTask(taskId: string): Promise<void> {
    try {
      await this.options.client.send(new StopContactCommand({ InstanceId: this.options.instanceId, ContactId: taskId }));
    } catch (error) {
      if (!(error instanceof ContactNotFoundException)) throw error;
    }
  }
}

/**
 * Connect returns the same task for the same token (a retried attempt creates no second task); a
 * reopened or transferred intake needs a new task (in its new queue), so its token carries when.
 */
export function clientTokenOf(intake: Intake): string {
  const again = intake.routing.state === 'unrouted' ? (intake.routing.transferredAt ?? intake.routing.reopenedAt) : undefined;
  return again ? `intake-${intake.id}-${again}` : `intake-${intake.id}`;
}
