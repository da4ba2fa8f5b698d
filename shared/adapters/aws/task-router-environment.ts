import { ConnectClient } from '@aws-sdk/client-connect';
import * as z from '../../domain/schema';
import type { Clock } from '../../ports/clock';
import type { TaskRouter } from '../../ports/task-router';
import { ConnectTaskRouter } from '../connect/task-router';
import { SDK_TIMEOUTS, readEnvironment } from './function-environment';

const TaskEnvironment = () =>
  z.object({
    CONNECT_INSTANCE_ID: z.string().check(z.minLength(1)),
    TASK_FLOW_ID: z.string().check(z.minLength(1)),
    CONSOLE_URL: z.optional(z.url()),
  });

export function taskRouterFromEnvironment(clock: Clock, env: NodeJS.ProcessEnv = process.env): TaskRouter {
  const vars = readEnvironment(TaskEnvironment, env);
  return new ConnectTaskRouter({
    client: new ConnectClient(SDK_TIMEOUTS),
    instanceId: vars.CONNECT_INSTANCE_ID,
    taskFlowId: vars.TASK_FLOW_ID,
    ...(vars.CONSOLE_URL ? { consoleUrl: vars.CONSOLE_URL } : {}),
    clock,
  });
}
