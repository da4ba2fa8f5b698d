import { DynamoStaffDirectory } from '../shared/adapters/dynamodb/staff-directory';
import type { DeadLetterQueue } from '../shared/ports/dead-letters';
import { SAMPLE_STAFF } from './staff';
import { mkdirSync } from 'node:fs';
import { createSmsIntakeHandler } from '../functions/sms-intake/create-handler';
import { createStaffApiHandler } from '../functions/staff-api/create-handler';
import { DEFAULT_RETENTION_DAYS, STAFF_DIRECTORY_DAYS } from '../shared/domain/retention';
import { DynamoAuditLog } from '../shared/adapters/dynamodb/audit-log';
import { DynamoCustodyEventStore } from '../shared/adapters/dynamodb/custody-event-store';
import { DynamoHeldTextStore } from '../shared/adapters/dynamodb/held-text-store';
import { DynamoRegistrationStore } from '../shared/adapters/dynamodb/registration-store';
import { LocalEmailSender } from '../shared/adapters/local/email-sender';
import { LocalWorkQueue } from '../shared/adapters/local/work-queue';
import { DynamoIntakeStore } from '../shared/adapters/dynamodb/intake-store';
import { DynamoTexterStore } from '../shared/adapters/dynamodb/texter-store';
import { observability } from '../shared/adapters/lambda/observability';
import { LOCAL_OUTBOX_TABLE, LocalOutbox, outboxTableInput } from '../shared/adapters/local/outbox';
import { LocalSmsSender } from '../shared/adapters/local/sms-sender';
import { LocalTaskRouter, type LocalTask } from '../shared/adapters/local/task-router';
import { TexterCache } from '../shared/adapters/texter-cache';
import { LocalPiiVault } from '../shared/adapters/pii/local-vault';
import { DEFAULT_FLOW_OPTIONS, type FlowOptions } from '../shared/flows/hotline';
import { systemClock, type Clock } from '../shared/ports/clock';
import type { AuditLog } from '../shared/ports/audit-log';
import type { IntakeStore } from '../shared/ports/intake-store';
import type { SmsSender } from '../shared/ports/sms-sender';
import type { TaskRouter } from '../shared/ports/task-router';
import type { TexterStore } from '../shared/ports/texter-store';
import type { CustodyEvent } from '../shared/domain/notifications';
import type { CustodyEventStore, NewCustodyEvent, RegistrationStore } from '../shared/ports/victim-notices';
import type { InboundResult } from '../shared/use-cases/inbound-text';
import { deliverNotice, fanOutDueEvents, fanOutPage, type FanOutTask, type NoticeTask } from '../shared/use-cases/victim-notices';
import { routeDueIntakes } from '../shared/use-cases/route-intakes';
import { createRouterHandler } from '../functions/intake-router/create-handler';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Intake } from '../shared/domain/intake';
import { keys } from '../shared/adapters/dynamodb/keys';
import { sendDueTexts, type SendOutcome } from '../shared/use-cases/send-texts';
import { ensureTable, startLocalDynamo, type LocalDynamo } from './dynamo';
import type { FlowEnvironment } from './flow-interpreter';
import { lambdaContext } from './lambda-context';
import { LOCAL_HOTLINE, inboundSmsEvent } from './sms-events';
import { LocalOneWayKey } from '../shared/adapters/pii/local-one-way-key';
import { localVoice } from './voice';
import { createCallEventsHandler } from '../functions/call-events/create-handler';

// The SDK warns that it will leave Node 20 behind; Lambda runs Node 22, so the notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Metrics are CloudWatch's business; locally they would only be noise on stdout.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export interface ServiceOptions {
  /** Keep data in this folder across runs; in memory when absent. */
  dataDir?: string;
  clock?: Clock;
  /** Days a closed intake (and what expires with it) is kept; the deployment's default otherwise. */
  retentionDays?: number;
  flowOptions?: FlowOptions;
  /** Replaces the local Connect task router (tests inject failures with it). */
  taskRouter?: (outbox: LocalOutbox, clock: Clock) => TaskRouter;
  /** Replaces the local SMS sender (tests inject failures with it). */
  smsSender?: (outbox: LocalOutbox, clock: Clock) => SmsSender;
  /** Replaces the store the functions use (tests inject failures with it). */
  wrapStore?: (store: IntakeStore) => IntakeStore;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Where sms-intake sends a text it fails to handle, as in AWS (sealed); without it, it throws. */
  inboundFailures?: DeadLetterQueue;
}

export interface LocalServices {
  dynamo: LocalDynamo;
  store: IntakeStore;
  texters: TexterStore;
  audit: AuditLog;
  registrations: RegistrationStore;
  events: CustodyEventStore;
  outbox: LocalOutbox;
  clock: Clock;
  voice: { environment: FlowEnvironment; entryFlow: string };
  /** The same flows and call-intake function on another clock: a call at a pretended time. */
  voiceAt(clock: Clock): { environment: FlowEnvironment; entryFlow: string };
  /** The real staff-api handler, for the local API. */
  staffApi: ReturnType<typeof createStaffApiHandler>;
  /** A Connect contact event, through the real call-events handler (as EventBridge would deliver it). */
  contactEvent(event: unknown): Promise<unknown>;
  /** A text to the intake number, through the real sms-intake handler (as SNS would deliver it). */
  text(from: string, body: string, messageId?: string): Promise<InboundResult>;
  /**
   * What the table's stream and the scheduled sweep do in AWS: the new intakes since the last pass
   * go to the real intake-router handler (counted on their queue's day, routed if they need a
   * task), then the sweep routes the intakes that are due.
   */
  routeDue(): Promise<Record<string, number>>;
  /** The same for texts waiting to be sent. */
  sendDue(): Promise<SendOutcome>;
  /** An event for the sms-intake function, as SNS (or a redrive) would invoke it. */
  invokeSmsIntake(event: unknown): Promise<unknown>;
  /** The sweep that answers inbound texts held for later. */
  answerHeld(): Promise<void>;
  /** What the stream and the queues do in AWS for custody events: fan out, then send the notices. */
  notify(): Promise<{ notices: number; deadLetters: number }>;
  /** What the local queues dead-lettered, as SQS would keep it (the message and why). */
  deadLetters(): { message: unknown; error: string }[];
  stop(): Promise<void>;
}

export { LOCAL_OUTBOX_TABLE };

/** The hotline's parts on this machine, wired as in AWS but with local adapters. */
export async function startServices(options: ServiceOptions = {}): Promise<LocalServices> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const dynamo = await startLocalDynamo(options.dataDir ? { dataDir: options.dataDir } : {});
  await ensureTable(dynamo.client, outboxTableInput(LOCAL_OUTBOX_TABLE));
  const clock = options.clock ?? systemClock;
  const vault = new LocalPiiVault();
  // The periods a deployment has by default (infra/config.ts takes its defaults from the same place).
  const retention = { ...DEFAULT_RETENTION_DAYS, intake: options.retentionDays ?? DEFAULT_RETENTION_DAYS.intake };
  const baseStore = new StreamedIntakeStore({
    client: dynamo.client,
    tableName: dynamo.tableName,
    vault,
    sourceKeys: new LocalOneWayKey(),
    clock,
    retentionDays: retention.intake,
    auditRetentionDays: retention.audit,
  });
  const store = options.wrapStore ? options.wrapStore(baseStore) : baseStore;
  const texters = new DynamoTexterStore({ client: dynamo.client, tableName: dynamo.tableName, vault, clock, retentionDays: retention.texter, optedOutRetentionDays: retention.intake });
  const audit = new DynamoAuditLog({ client: dynamo.client, tableName: dynamo.tableName, clock, retentionDays: retention.audit });
  const directory = new DynamoStaffDirectory({ client: dynamo.client, tableName: dynamo.tableName, clock, windowDays: STAFF_DIRECTORY_DAYS });
  // Locally the sample staff are the user pool: each is in the directory as if signed in today.
  for (const member of SAMPLE_STAFF) await directory.seen(member);
  const registrations = new DynamoRegistrationStore({ client: dynamo.client, tableName: dynamo.tableName, vault, clock, retentionDays: retention.intake, optedOutRetentionDays: retention.intake });
  const fanOutQueue = new LocalWorkQueue<FanOutTask>();
  const noticeQueue = new LocalWorkQueue<NoticeTask>();
  const eventStore = new DynamoCustodyEventStore({ client: dynamo.client, tableName: dynamo.tableName, clock, retentionDays: retention.intake });
  const events = new StreamedCustodyEvents(eventStore, (event) => fanOutQueue.send([{ caseNumber: event.caseNumber, eventId: event.id }]));
  const outbox = new LocalOutbox(dynamo.client, LOCAL_OUTBOX_TABLE);
  const router = options.taskRouter ? options.taskRouter(outbox, clock) : new LocalTaskRouter(outbox, clock);
  const { logger, metrics } = observability({ serviceName: 'enlace-local', logLevel: options.logLevel ?? 'SILENT' });
  const intakeRouter = createRouterHandler({ store: baseStore, router, clock, logger, metrics });
  // GetMetricData counts what waits in the queue: the caller, and the tasks (texts, due callbacks) routed to it.
  const queueContactsAt = (callClock: Clock) => async (queue: string) => {
    const tasks = (await outbox.list<LocalTask>('task')).filter((task) => task.queueKey === queue && !task.endedAt && (!task.scheduledFor || task.scheduledFor <= callClock().toISOString()));
    return [{ channel: 'VOICE' as const }, ...tasks.map(() => ({ channel: 'TASK' as const }))];
  };
  const voiceAt = (callClock: Clock) => {
    const line = localVoice({ store, registrations, texters, clock: callClock, flowOptions: options.flowOptions ?? DEFAULT_FLOW_OPTIONS, logger, metrics });
    return { ...line, environment: { ...line.environment, queueContacts: queueContactsAt(callClock) } };
  };
  const voice = voiceAt(clock);
  const callEvents = createCallEventsHandler({ store, logger, metrics });
  // Composed as functions/sms-intake/handler.ts is: one warm function that remembers the texters it saved.
  const held = new DynamoHeldTextStore({ client: dynamo.client, tableName: dynamo.tableName, vault, clock, retentionDays: retention.intake });
  const smsIntake = createSmsIntakeHandler({
    intakes: store,
    texters: new TexterCache(texters),
    registrations,
    held,
    clock,
    logger,
    metrics,
    ...(options.inboundFailures ? { failures: options.inboundFailures } : {}),
  });
  const sender = options.smsSender ? options.smsSender(outbox, clock) : new LocalSmsSender(outbox, clock);
  const email = new LocalEmailSender(outbox, clock);
  const fanOutDeps = { registrations, events: eventStore, fanOut: fanOutQueue, notices: noticeQueue };
  // The in-process "stream" is lost with the process: the first sweep after a start takes every
  // pending event at once, as the table's stream would still hold it in AWS; later sweeps wait for the grace time.
  let recovered = false;

  return {
    dynamo,
    store,
    texters,
    audit,
    registrations,
    events,
    outbox,
    staffApi: createStaffApiHandler({ intakes: store, texters, audit, registrations, events, directory, clock, logger, metrics }),
    clock,
    voice,
    voiceAt,
    contactEvent: (event) => callEvents(event, lambdaContext('call-events')),
    text: async (from, body, messageId) => {
      const [result] = await smsIntake(inboundSmsEvent(from, body, messageId), lambdaContext('sms-intake'));
      return result!;
    },
    routeDue: async () => {
      const inserted = baseStore.inserted.splice(0);
      if (inserted.length > 0) {
        const { batchItemFailures } = (await intakeRouter(insertRecords(inserted), lambdaContext('intake-router')))!;
        // A record the router could not process waits for the next pass, as the stream retries it.
        const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
        baseStore.inserted.unshift(...inserted.filter((record) => failed.has(record.sequenceNumber)));
      }
      return routeDueIntakes({ store: baseStore, router, clock });
    },
    sendDue: () => sendDueTexts({ texters, sender, clock }),
    invokeSmsIntake: (event) => smsIntake(event, lambdaContext('sms-intake')),
    answerHeld: async () => {
      await smsIntake({ source: 'aws.events' }, lambdaContext('sms-intake'));
    },
    notify: async () => {
      const sweepClock = recovered ? clock : () => new Date('9999-12-31T23:59:59.999Z');
      await fanOutDueEvents({ ...fanOutDeps, clock: sweepClock });
      recovered = true;
      await fanOutQueue.drain((task) => fanOutPage(task, fanOutDeps));
      const notices = await noticeQueue.drain((task) => deliverNotice(task, { registrations, events, texters, sms: sender, email, hotline: LOCAL_HOTLINE }));
      return { notices, deadLetters: noticeQueue.deadLetters.length };
    },
    deadLetters: () => [...fanOutQueue.deadLetters, ...noticeQueue.deadLetters],
    stop: () => dynamo.stop(),
  };
}

/**
 * The local stand-in for the table's stream of new intakes: each intake the store creates waits
 * here for the next local pass (routeDue), which gives it to the intake-router handler as the
 * stream's INSERT record. Like the custody events' stand-in, it is lost with the process.
 */
class StreamedIntakeStore extends DynamoIntakeStore {
  readonly inserted: { intake: Intake; sequenceNumber: string }[] = [];
  /** Sequence numbers grow, as the stream's do (this process's only: lost with it). */
  private sequence = 0;

  override async create(...args: Parameters<DynamoIntakeStore['create']>) {
    const result = await super.create(...args);
    if (result.created) this.inserted.push({ intake: result.intake, sequenceNumber: String(++this.sequence).padStart(21, '0') });
    return result;
  }
}

/** New intakes as the table's stream delivers them (the item's keys and the intake). */
function insertRecords(records: { intake: Intake; sequenceNumber: string }[]) {
  return {
    Records: records.map(({ intake, sequenceNumber }) => ({
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: sequenceNumber, NewImage: marshall({ ...intake, ...keys.intake(intake.id) }, { removeUndefinedValues: true }) },
    })),
  };
}

/** The local stand-in for the table's stream: a newly recorded custody event starts its fan-out. */
class StreamedCustodyEvents implements CustodyEventStore {
  constructor(
    private readonly inner: CustodyEventStore,
    private readonly onRecorded: (event: CustodyEvent) => Promise<void>,
  ) {}

  async record(input: NewCustodyEvent) {
    const recorded = await this.inner.record(input);
    if (recorded.created) await this.onRecorded(recorded.event);
    return recorded;
  }

  get(...args: Parameters<CustodyEventStore['get']>) {
    return this.inner.get(...args);
  }

  listByCase(...args: Parameters<CustodyEventStore['listByCase']>) {
    return this.inner.listByCase(...args);
  }

  claimDelivery(...args: Parameters<CustodyEventStore['claimDelivery']>) {
    return this.inner.claimDelivery(...args);
  }

  finishDelivery(...args: Parameters<CustodyEventStore['finishDelivery']>) {
    return this.inner.finishDelivery(...args);
  }

  deliveryCounts(...args: Parameters<CustodyEventStore['deliveryCounts']>) {
    return this.inner.deliveryCounts(...args);
  }

  listDueFanOuts(...args: Parameters<CustodyEventStore['listDueFanOuts']>) {
    return this.inner.listDueFanOuts(...args);
  }

  postponeFanOut(...args: Parameters<CustodyEventStore['postponeFanOut']>) {
    return this.inner.postponeFanOut(...args);
  }

  markFannedOut(...args: Parameters<CustodyEventStore['markFannedOut']>) {
    return this.inner.markFannedOut(...args);
  }
}
