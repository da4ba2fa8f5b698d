import type { Server } from 'node:http';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { apiRoute } from './api';
import { consoleRoute, localRoutes } from './console-routes';
import type { LocalDynamo } from './dynamo';
import { json, listen, type LocalRoute } from './http';
import { phoneRoutes } from './phone-routes';
import { startServices, type LocalServices, type ServiceOptions } from './services';

export interface HotlineOptions extends ServiceOptions {
  /** 0 picks a free port. */
  port?: number;
  /** How often the local "stream" routes due intakes and sends queued texts (ms). */
  workIntervalMs?: number;
}

export interface LocalHotline extends LocalServices {
  url: string;
  /** One pass of routing and sending, in turn with the timer's: what a text or a call is followed by. */
  work(): Promise<void>;
}

/** The whole hotline on this machine: no AWS account, nothing leaves it. */
export async function startHotline(options: HotlineOptions = {}): Promise<LocalHotline> {
  const services = await startServices(options);

  // In AWS the table's stream routes each new intake, sends each queued text and fans out each
  // custody event, and schedules and queues take the rest. Locally one timer does it all, one pass
  // at a time; a text or a call through the phone routes asks for a pass of its own.
  let working = Promise.resolve();
  const work = () => {
    const pass = working.then(async () => {
      await services.answerHeld();
      await services.routeDue();
      await services.sendDue();
      await services.notify();
    });
    working = pass.catch((error: unknown) => {
      process.stderr.write(`local routing or sending failed: ${(error as Error).message}\n`);
    });
    return pass;
  };

  const routes: LocalRoute[] = [
    healthRoute(services.dynamo),
    apiRoute(services.staffApi),
    localRoutes(services),
    phoneRoutes({ services, work }),
    consoleRoute(),
  ];
  let server: Server;
  let url: string;
  try {
    ({ server, url } = await listen(routes, options.port ?? 0));
  } catch (error) {
    await services.stop();
    throw error;
  }
  // In AWS the table's stream routes each new intake, sends each queued text and fans out each
  // custody event, and schedules and queues take the rest. Locally one timer does it all.
  const timer = setInterval(() => void work().catch(() => undefined), options.workIntervalMs ?? 1000);

  return {
    ...services,
    url,
    work,
    stop: async () => {
      clearInterval(timer);
      await working;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.stop();
    },
  };
}

function healthRoute(dynamo: LocalDynamo): LocalRoute {
  return async (request) => {
    if (request.method !== 'GET' || request.path !== '/health') return undefined;
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: dynamo.tableName }));
    const healthy = Table?.TableStatus === 'ACTIVE';
    return json(healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable', table: Table?.TableStatus ?? 'missing' });
  };
}
