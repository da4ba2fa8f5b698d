import { mkdirSync } from 'node:fs';
import { DynamoIntakeStore } from '../shared/adapters/dynamodb/intake-store';
import { observability } from '../shared/adapters/lambda/observability';
import { LocalOutbox, outboxTableInput } from '../shared/adapters/local/outbox';
import { LocalTaskRouter } from '../shared/adapters/local/task-router';
import { LocalPiiVault } from '../shared/adapters/pii/local-vault';
import { DEFAULT_FLOW_OPTIONS, type FlowOptions } from '../shared/flows/hotline';
import { systemClock, type Clock } from '../shared/ports/clock';
import type { IntakeStore } from '../shared/ports/intake-store';
import type { TaskRouter } from '../shared/ports/task-router';
import { routeDueIntakes } from '../shared/use-cases/route-intakes';
import { ensureTable, startLocalDynamo, type LocalDynamo } from './dynamo';
import type { FlowEnvironment } from './flow-interpreter';
import { localVoice } from './voice';

// The SDK warns that it will leave Node 20 behind; Lambda runs Node 22, so the notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Metrics are CloudWatch's business; locally they would only be noise on stdout.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export interface ServiceOptions {
  /** Keep data in this folder across runs; in memory when absent. */
  dataDir?: string;
  clock?: Clock;
  retentionDays?: number;
  flowOptions?: FlowOptions;
  /** Replaces the local Connect task router (tests inject failures with it). */
  taskRouter?: (outbox: LocalOutbox, clock: Clock) => TaskRouter;
  /** Replaces the store the functions use (tests inject failures with it). */
  wrapStore?: (store: IntakeStore) => IntakeStore;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
}

export interface LocalServices {
  dynamo: LocalDynamo;
  store: IntakeStore;
  outbox: LocalOutbox;
  clock: Clock;
  voice: { environment: FlowEnvironment; entryFlow: string };
  /** What a DynamoDB stream and the scheduled sweep do in AWS: route the intakes that are due. */
  routeDue(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export const LOCAL_OUTBOX_TABLE = 'enlace-local-outbox';

/** The hotline's parts on this machine, wired as in AWS but with local adapters. */
export async function startServices(options: ServiceOptions = {}): Promise<LocalServices> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const dynamo = await startLocalDynamo(options.dataDir ? { dataDir: options.dataDir } : {});
  await ensureTable(dynamo.client, outboxTableInput(LOCAL_OUTBOX_TABLE));
  const clock = options.clock ?? systemClock;
  const baseStore = new DynamoIntakeStore({
    client: dynamo.client,
    tableName: dynamo.tableName,
    vault: new LocalPiiVault(),
    clock,
    retentionDays: options.retentionDays ?? 730,
  });
  const store = options.wrapStore ? options.wrapStore(baseStore) : baseStore;
  const outbox = new LocalOutbox(dynamo.client, LOCAL_OUTBOX_TABLE);
  const router = options.taskRouter ? options.taskRouter(outbox, clock) : new LocalTaskRouter(outbox, clock);
  const { logger, metrics } = observability({ serviceName: 'enlace-local', logLevel: options.logLevel ?? 'SILENT' });
  const voice = localVoice({ store, clock, flowOptions: options.flowOptions ?? DEFAULT_FLOW_OPTIONS, logger, metrics });

  return {
    dynamo,
    store,
    outbox,
    clock,
    voice,
    routeDue: () => routeDueIntakes({ store: baseStore, router, clock }),
    stop: () => dynamo.stop(),
  };
}
