import { ConnectClient } from '@aws-sdk/client-connect';
import * as z from 'zod';
import type { Clock } from '../../ports/clock';
import type { TaskRouter } from '../../ports/task-router';
import { ConnectTaskRouter } from '../connect/task-router';
import { SDK_TIMEOUTS, readEnvironment } from './function-environment';

const TaskEnvironment = () =>
  z.object({
    CONNECT_INSTANCE_ID: z.string().min(1),
    TASK_FLOW_ID: z.string().min(1),
    CONSOLE_URL: z.url().optional(),
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
