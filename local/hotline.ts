import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoIntakeStore } from '../shared/adapters/dynamodb/intake-store';
import { LocalPiiVault } from '../shared/adapters/pii/local-vault';
import { systemClock, type Clock } from '../shared/ports/clock';
import type { IntakeStore } from '../shared/ports/intake-store';
import { startLocalDynamo, type LocalDynamo } from './dynamo';
import { json, listen, type LocalRoute } from './http';

// The SDK warns that it will leave Node 20 behind; Lambda runs Node 22, so the notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface HotlineOptions {
  /** Keep data in this folder across runs; in memory when absent. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  clock?: Clock;
  retentionDays?: number;
}

export interface LocalHotline {
  url: string;
  dynamo: LocalDynamo;
  store: IntakeStore;
  stop(): Promise<void>;
}

/** The whole hotline on this machine: no AWS account, nothing leaves it. */
export async function startHotline(options: HotlineOptions = {}): Promise<LocalHotline> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const dynamo = await startLocalDynamo(options.dataDir ? { dataDir: options.dataDir } : {});
  const clock = options.clock ?? systemClock;
  const store = new DynamoIntakeStore({
    client: dynamo.client,
    tableName: dynamo.tableName,
    vault: new LocalPiiVault(),
    clock,
    retentionDays: options.retentionDays ?? 730,
  });

  const routes: LocalRoute[] = [healthRoute(dynamo), consoleRoute()];
  let server: Server;
  let url: string;
  try {
    ({ server, url } = await listen(routes, options.port ?? 0));
  } catch (error) {
    await dynamo.stop();
    throw error;
  }

  return {
    url,
    dynamo,
    store,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dynamo.stop();
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

function consoleRoute(): LocalRoute {
  const page = readFileSync(new URL('../console/index.html', import.meta.url), 'utf8');
  return async (request) => {
    if (request.method !== 'GET' || request.path !== '/') return undefined;
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
  };
}
