import type { Server } from 'node:http';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { apiRoute } from './api';
import { consoleRoute, localRoutes } from './console-routes';
import type { LocalDynamo } from './dynamo';
import { json, listen, type LocalRoute } from './http';
import { startServices, type LocalServices, type ServiceOptions } from './services';

export interface HotlineOptions extends ServiceOptions {
  /** 0 picks a free port. */
  port?: number;
  /** How often the local "stream" routes due intakes and sends queued texts (ms). */
  workIntervalMs?: number;
}

export interface LocalHotline extends LocalServices {
  url: string;
}

/** The whole hotline on this machine: no AWS account, nothing leaves it. */
export async function startHotline(options: HotlineOptions = {}): Promise<LocalHotline> {
  const services = await startServices(options);
  const routes: LocalRoute[] = [healthRoute(services.dynamo), apiRoute(services.staffApi), localRoutes(services), consoleRoute()];
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
  let working = Promise.resolve();
  const timer = setInterval(() => {
    working = working
      .then(async () => {
        await services.answerHeld();
        await services.routeDue();
        await services.sendDue();
        await services.notify();
      })
      .catch((error: unknown) => {
        process.stderr.write(`local routing or sending failed: ${(error as Error).message}\n`);
      });
  }, options.workIntervalMs ?? 1000);

  return {
    ...services,
    url,
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
