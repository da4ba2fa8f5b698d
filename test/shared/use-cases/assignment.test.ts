import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenChangeError, InvalidInputError, MovedAwayError, NotFoundError, StaleVersionError } from '../../../shared/domain/errors';
import type { Intake } from '../../../shared/domain/intake';
import { NotAllowedError, type StaffMember } from '../../../shared/domain/permissions';
import type { TaskRouter } from '../../../shared/ports/task-router';
import { routeDueIntakes, routeIntake, takeStreamedIntake } from '../../../shared/use-cases/route-intakes';
import { assignees, assignIntake, transferIntake } from '../../../shared/use-cases/staff-assignment';
import { auditLog } from '../../../shared/use-cases/staff-audit';
import { auditTrail, claimIntake, intakeDetail, listIntakes, metrics, type ConsoleDeps } from '../../../shared/use-cases/staff-console';
import { clientTokenOf } from '../../../shared/adapters/connect/task-router';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock('2026-11-23T15:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let deps: ConsoleDeps;
const ana: StaffMember = { username: 'ana', groups: ['tip'], session: 'ana-1' };
const eva: StaffMember = { username: 'eva', groups: ['tip'] };
const beto: StaffMember = { username: 'beto', groups: ['detainee'] };
const carmen: StaffMember = { username: 'carmen', groups: ['victim'] };
const sam: StaffMember = { username: 'sam', groups: ['supervisor'], session: 'sam-1' };

/** Connect's task queue, as the router sees it: one task per client token. */
const tasks = new Map<string, Intake>();
/** The tasks the router ended, in order. */
const stopped: string[] = [];
const router: TaskRouter = {
  startTask: async (intake) => {
    tasks.set(clientTokenOf(intake), intake);
    return { taskId: `task-${tasks.size}` };
  },
  stopTask: async (taskId) => {
    stopped.push(taskId);
  },
};

beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  deps = { intakes: env.store, texters: env.texters, audit: env.audit, registrations: env.registrations, events: env.events, directory: env.directory, clock: time.clock };
  for (const member of [ana, eva, beto, carmen, sam]) await env.directory.seen(member);
});
afterAll(() => env.dynamo.stop());

let made = 0;
async function tip(extra: { anonymous?: boolean } = {}) {
  time.advance(1000);
  return (await env.store.create({ sourceKey: `assign-${++made}`, category: 'tip', language: 'en', channel: 'sms', summary: 'Boxes at night', ...extra })).intake;
}

describe('assignment to a named colleague', () => {
  it('lists the colleagues of the category (and supervisors), from the directory', async () => {
    const intake = await tip();
    expect((await assignees(sam, intake.id, deps)).assignees).toEqual(['ana', 'eva', 'sam']);
    await expect(assignees(ana, intake.id, deps)).rejects.toThrow(NotAllowedError);
  });

  it('drops a colleague who left the group at their next request', async () => {
    const intake = await tip();
    await env.directory.seen({ username: 'eva', groups: ['detainee'] });
    expect((await assignees(sam, intake.id, deps)).assignees).toEqual(['ana', 'sam']);
    await env.directory.seen(eva);
    expect((await assignees(sam, intake.id, deps)).assignees).toEqual(['ana', 'eva', 'sam']);
  });

  it('gives a new or claimed intake to a colleague with a reason, in the timeline and the audit trail', async () => {
    const intake = await tip();
    const assigned = await assignIntake(sam, intake.id, { assignee: 'eva', reason: 'Eva knows this garage', version: 1 }, deps);
    expect(assigned).toMatchObject({ status: 'in_progress', claimedBy: 'eva', version: 2 });
    const reassigned = await assignIntake(sam, intake.id, { assignee: 'ana', reason: 'Eva is away', version: 2 }, deps);
    expect(reassigned.claimedBy).toBe('ana');
    const { timeline } = await intakeDetail(ana, intake.id, deps);
    expect(timeline.filter((event) => event.type === 'assigned').map((event) => ({ ...event, id: '', at: '' }))).toEqual([
      { type: 'assigned', to: 'eva', reason: 'Eva knows this garage', actor: 'sam', intakeId: intake.id, id: '', at: '' },
      { type: 'assigned', to: 'ana', from: 'eva', reason: 'Eva is away', actor: 'sam', intakeId: intake.id, id: '', at: '' },
    ]);
    const audit = (await auditTrail(sam, intake.id, deps)).filter((event) => event.action === 'assign');
    expect(audit.map((event) => [event.actor, event.after])).toEqual([
      ['sam', { status: 'in_progress', claimedBy: 'eva', reason: 'Eva knows this garage' }],
      ['sam', { status: 'in_progress', claimedBy: 'ana', reason: 'Eva is away' }],
    ]);
  });

  it('refuses someone who does not work the category, a stale version, and staff who are not supervisors', async () => {
    const intake = await tip();
    await expect(assignIntake(sam, intake.id, { assignee: 'beto', reason: 'He asked', version: 1 }, deps)).rejects.toThrow(InvalidInputError);
    await expect(assignIntake(sam, intake.id, { assignee: 'eva', reason: '', version: 1 }, deps)).rejects.toThrow(InvalidInputError);
    await claimIntake(ana, intake.id, { version: 1 }, deps);
    await expect(assignIntake(sam, intake.id, { assignee: 'eva', reason: 'Balance the load', version: 1 }, deps)).rejects.toThrow(StaleVersionError);
    await expect(assignIntake(ana, intake.id, { assignee: 'eva', reason: 'Balance the load', version: 2 }, deps)).rejects.toThrow(NotAllowedError);
    expect((await env.store.get(intake.id))!.claimedBy).toBe('ana');
  });
});

describe('a closed intake reopened for a follow-up', () => {
  it('a follow-up reopening a resolved intake: its first task is ended once the new one is recorded; a call is never ended', async () => {
    const intake = await tip();
    await routeDueIntakes({ store: env.store, router, clock: time.clock });
    const first = (await env.store.get(intake.id))!.routing;
    const oldTask = first.state === 'routed' ? first.taskId! : '';
    const claimed = await env.store.updateStatus(intake.id, { to: 'in_progress', expectedVersion: 1, actor: 'ana', role: 'staff' });
    await env.store.updateStatus(intake.id, { to: 'resolved', expectedVersion: claimed.version, actor: 'ana', role: 'staff' });
    time.advance(1000);
    const reopened = (await env.store.reopenForFollowUp(intake.id, 'texter'))!;
    expect(reopened.routing).toMatchObject({ state: 'unrouted', replacesTaskId: oldTask });
    expect(await routeIntake(reopened, { store: env.store, router, clock: time.clock })).toBe('routed');
    // Before, the first task stayed open beside the new one.
    expect(stopped).toContain(oldTask);

    const { intake: call } = await env.store.create({ sourceKey: `assign-call-${++made}`, category: 'tip', language: 'en', channel: 'voice', summary: 'A call' });
    const answered = await env.store.updateStatus(call.id, { to: 'in_progress', expectedVersion: call.version, actor: 'ana', role: 'staff' });
    await env.store.updateStatus(call.id, { to: 'resolved', expectedVersion: answered.version, actor: 'ana', role: 'staff' });
    expect((await env.store.reopenForFollowUp(call.id, 'texter'))!.routing).not.toHaveProperty('replacesTaskId');
  });
});

describe('moving a misrouted intake to another queue', () => {
  it('leaves the old queue, appears new in the new one, and gets a Connect task there', async () => {
    const intake = await tip();
    await routeDueIntakes({ store: env.store, router, clock: time.clock });
    expect([...tasks.values()].filter((task) => task.id === intake.id).map((task) => task.queueKey)).toEqual(['tip-en']);
    const first = (await env.store.get(intake.id))!.routing;
    const oldTask = first.state === 'routed' ? first.taskId! : '';
    await claimIntake(ana, intake.id, { version: 1 }, deps);
    time.advance(1000);
    const { intake: moved, canStillOpen } = await transferIntake(ana, intake.id, { to: 'detainee-es', reason: 'Her brother is detained', version: 2 }, deps);
    expect(moved).toMatchObject({ category: 'detainee', language: 'es', status: 'new', routing: 'unrouted' });
    expect(moved.claimedBy).toBeUndefined();
    expect(canStillOpen).toBe(false);

    const ids = async (staff: StaffMember, queue: string) => (await listIntakes(staff, { queue, status: 'in_progress' }, deps)).items.map((item) => item.id).concat((await listIntakes(staff, { queue }, deps)).items.map((item) => item.id));
    expect(await ids(sam, 'tip-en')).not.toContain(intake.id);
    expect(await ids(beto, 'detainee-es')).toContain(intake.id);

    // The move keeps the old queue's task, to be ended once the new one is recorded.
    expect((await env.store.get(intake.id))!.routing).toMatchObject({ state: 'unrouted', replacesTaskId: oldTask });
    expect(stopped).not.toContain(oldTask);

    await routeDueIntakes({ store: env.store, router, clock: time.clock });
    expect([...tasks.values()].filter((task) => task.id === intake.id).map((task) => task.queueKey)).toEqual(['tip-en', 'detainee-es']);
    const routed = (await env.store.get(intake.id))!.routing;
    expect(routed.state).toBe('routed');
    // Before, the old queue's agents kept a task for an intake no longer theirs.
    expect(stopped).toContain(oldTask);
    expect(stopped).not.toContain(routed.state === 'routed' ? routed.taskId : '');
  });

  it('keeps the first queue\'s task through a second move before routing, and routes despite a task that cannot be ended', async () => {
    const intake = await tip();
    await routeDueIntakes({ store: env.store, router, clock: time.clock });
    const first = (await env.store.get(intake.id))!.routing;
    const oldTask = first.state === 'routed' ? first.taskId! : '';
    time.advance(1000);
    await transferIntake(ana, intake.id, { to: 'detainee-es', reason: 'Her brother is detained', version: 1 }, deps);
    time.advance(1000);
    await transferIntake(sam, intake.id, { to: 'victim-en', reason: 'She is the victim', version: 2 }, deps);
    const moved = (await env.store.get(intake.id))!;
    expect(moved.routing).toMatchObject({ state: 'unrouted', replacesTaskId: oldTask });

    const failures: string[] = [];
    const failing: TaskRouter = { startTask: router.startTask, stopTask: async () => Promise.reject(new Error('Connect unavailable')) };
    expect(await routeIntake(moved, { store: env.store, router: failing, clock: time.clock, onStopFailed: (taskId) => failures.push(taskId) })).toBe('routed');
    expect(await env.store.get(intake.id)).toMatchObject({ queueKey: 'victim-en', routing: { state: 'routed' } });
    expect(failures).toEqual([oldTask]);
  });

  it('leaves an intake moved while the router starts its task in the old queue unrouted and due, and routes it to the new queue', async () => {
    const intake = await tip();
    const streamed = (await env.store.get(intake.id))!; // the INSERT's image, as the router gets it
    // Staff move the intake while Connect starts the task the router asked for in the old queue.
    const racing: TaskRouter = {
      stopTask: router.stopTask,
      startTask: async (copy) => {
        time.advance(1000);
        await transferIntake(ana, intake.id, { to: 'detainee-es', reason: 'Her brother is detained', version: 1 }, deps);
        return router.startTask(copy);
      },
    };
    expect(await routeIntake(streamed, { store: env.store, router: racing, clock: time.clock })).toBe('changed_meanwhile');
    const taskOf = (queueKey: string) => [...tasks.entries()].findIndex(([, task]) => task.id === intake.id && task.queueKey === queueKey);
    expect(taskOf('tip-en')).toBeGreaterThanOrEqual(0);
    // The task just started in the old queue is ended: before, it was left there.
    expect(stopped).toContain(`task-${taskOf('tip-en') + 1}`);
    // Not routed with the old queue's task: waiting for one in the new queue, on the sweep's list.
    expect(await env.store.get(intake.id)).toMatchObject({ queueKey: 'detainee-es', routing: { state: 'unrouted' } });
    expect((await env.store.listDueForRouting(time.clock(), 100)).map((due) => due.id)).toContain(intake.id);

    await routeDueIntakes({ store: env.store, router, clock: time.clock });
    expect(await env.store.get(intake.id)).toMatchObject({ queueKey: 'detainee-es', routing: { state: 'routed', taskId: `task-${taskOf('detainee-es') + 1}` } });
  });

  it('shows the move in the new queue; the old queue hears where it went; anyone else, not found', async () => {
    const intake = await tip();
    await transferIntake(eva, intake.id, { to: 'victim-en', reason: 'A victim of the fraud', version: 1 }, deps);
    const seen = await intakeDetail(carmen, intake.id, deps);
    expect(seen.timeline.find((event) => event.type === 'transferred')).toMatchObject({ from: 'tip-en', to: 'victim-en', reason: 'A victim of the fraud', actor: 'eva' });
    await expect(intakeDetail(ana, intake.id, deps)).rejects.toThrow(new MovedAwayError({
      code: 'moved',
      facts: { id: intake.id, queue: 'victim-en', actor: 'eva', date: seen.timeline.find((event) => event.type === 'transferred')!.at, reason: 'A victim of the fraud' },
    }));
    await expect(intakeDetail(beto, intake.id, deps)).rejects.toThrow(NotFoundError);
    const audit = (await auditTrail(sam, intake.id, deps)).find((event) => event.action === 'transfer');
    expect(audit).toMatchObject({ actor: 'eva', before: { queue: 'tip-en', status: 'new' }, after: { queue: 'victim-en', status: 'new', reason: 'A victim of the fraud' } });
  });

  it('refuses staff of other categories, closed intakes, the same queue, and an anonymous tip out of tips', async () => {
    const intake = await tip();
    await expect(transferIntake(beto, intake.id, { to: 'detainee-en', reason: 'Mine', version: 1 }, deps)).rejects.toThrow(NotFoundError);
    await expect(transferIntake(ana, intake.id, { to: 'tip-en', reason: 'Same', version: 1 }, deps)).rejects.toThrow(ForbiddenChangeError);
    await expect(transferIntake(ana, intake.id, { to: 'elsewhere', reason: 'Same', version: 1 }, deps)).rejects.toThrow(InvalidInputError);
    const anonymous = await tip({ anonymous: true });
    await expect(transferIntake(ana, anonymous.id, { to: 'victim-en', reason: 'A victim', version: 1 }, deps)).rejects.toThrow(ForbiddenChangeError);
    expect((await transferIntake(ana, anonymous.id, { to: 'tip-es', reason: 'Speaks Spanish', version: 1 }, deps)).intake.language).toBe('es');
    await claimIntake(ana, intake.id, { version: 1 }, deps);
    await env.store.updateStatus(intake.id, { to: 'resolved', expectedVersion: 2, actor: 'ana', role: 'staff' });
    await expect(transferIntake(ana, intake.id, { to: 'victim-en', reason: 'Late', version: 3 }, deps)).rejects.toThrow(ForbiddenChangeError);
  });
});

/** Every page of a filter, following the cursor. */
async function everyPage(staff: StaffMember, query: Record<string, string>) {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await auditLog(staff, { ...query, ...(cursor ? { cursor } : {}) }, deps);
    pages.push(page.items);
    cursor = page.cursor;
  } while (cursor);
  return pages;
}

describe('the audit log page', () => {
  it('lists who did what by person and by day, newest first, from the indexes', async () => {
    const byAna = await auditLog(sam, { actor: 'ana' }, deps);
    expect(byAna.items.length).toBeGreaterThan(0);
    expect(byAna.items.every((event) => event.actor === 'ana')).toBe(true);
    expect(byAna.items.map((event) => event.action)).toEqual(expect.arrayContaining(['claim', 'transfer', 'view_intake']));
    const ats = byAna.items.map((event) => event.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const today = await auditLog(sam, { day: '2026-11-23' }, deps);
    expect(new Set(today.items.map((event) => event.actor))).toEqual(new Set(['ana', 'eva', 'sam', 'carmen']));
    expect((await auditLog(sam, { day: '2026-11-22' }, deps)).items.filter((event) => event.action !== 'view_audit_log')).toEqual([]);
    await expect(auditLog(ana, {}, deps)).rejects.toThrow(NotAllowedError);
  });

  it('pages with a cursor, a day at a time', async () => {
    for (let index = 0; index < 55; index++) {
      time.advance(10);
      await env.audit.record({ actor: 'pager', action: 'view_intake', subject: { type: 'intake', id: `${index}` } });
    }
    const first = await auditLog(sam, {}, deps);
    expect(first.items).toHaveLength(50);
    expect(first.items.slice(0, 50).map((event) => event.subject.id)).toEqual(Array.from({ length: 50 }, (_, index) => `${54 - index}`));
    const pages = await everyPage(sam, { actor: 'pager' });
    expect(pages.every((page) => page.length <= 50)).toBe(true);
    expect(pages.flat().map((event) => event.subject.id)).toEqual(Array.from({ length: 55 }, (_, index) => `${54 - index}`));
    await expect(auditLog(sam, { day: '2026-11-22', cursor: first.cursor }, deps)).rejects.toThrow(InvalidInputError);
  });

  it('audits reading it once per session and filter, not per reload or page', async () => {
    const reads = async () => (await everyPage(sam, { actor: 'sam', day: '2026-11-23' })).flat().filter((event) => event.action === 'view_audit_log').length;
    const before = await reads();
    expect(await reads()).toBe(before);
    time.advance(1000);
    await auditLog(sam, { actor: 'eva' }, deps);
    expect(await reads()).toBe(before + 1);
    await auditLog(sam, { actor: 'eva' }, deps);
    expect(await reads()).toBe(before + 1);
    time.advance(1000);
    await auditLog({ ...sam, session: 'sam-2' }, { actor: 'eva' }, deps);
    expect(await reads()).toBe(before + 2);
  });
});

describe('the metrics page, per queue and per day', () => {
  it('counts received, claimed and handled on the day they happen, with the median time to claim', async () => {
    time.advance(86_400_000);
    // Created, then delivered by the table's stream to the router, which counts it received.
    const victim = async () => {
      const { intake } = await env.store.create({ sourceKey: `metrics-${++made}`, category: 'victim', language: 'es', channel: 'voice', summary: 'Caso' });
      await takeStreamedIntake(intake, { eventName: 'INSERT', sequenceNumber: `record-${made}` }, { store: env.store, router, clock: time.clock });
      return intake;
    };
    const [first, second, third] = [await victim(), await victim(), await victim()];
    time.advance(3 * 60_000);
    await claimIntake(carmen, first!.id, { version: 1 }, deps);
    await claimIntake(carmen, second!.id, { version: 1 }, deps);
    // Two claims within 5 minutes, one after 40: the median is within 5 minutes.
    time.advance(37 * 60_000);
    await assignIntake(sam, third!.id, { assignee: 'carmen', reason: 'Carmen knows the case', version: 1 }, deps);
    await env.store.updateStatus(first!.id, { to: 'resolved', expectedVersion: 2, actor: 'carmen', role: 'staff' });
    const day = time.clock().toISOString().slice(0, 10);
    time.advance(86_400_000);
    await victim();
    const next = time.clock().toISOString().slice(0, 10);

    const { daily, queues } = await metrics(sam, deps);
    const days = daily.find((queue) => queue.key === 'victim-es')!.days;
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toEqual({ day: next, received: 1, claimed: 0, handled: 0, medianToClaim: null });
    expect(days.at(-2)).toEqual({ day, received: 3, claimed: 3, handled: 1, medianToClaim: { withinMinutes: 5 } });
    expect(days.slice(0, 5).every((entry) => entry.received === 0)).toBe(true);
    expect(queues.find((queue) => queue.key === 'victim-es')).toMatchObject({ waiting: { count: 1 }, inProgress: { count: 2 } });
    await expect(metrics(carmen, deps)).rejects.toThrow(NotAllowedError);
  });

  it('counts an intake received once on the day it was created, however often and late the stream delivers its record', async () => {
    time.advance(86_400_000);
    const { intake } = await env.store.create({ sourceKey: `metrics-${++made}`, category: 'detainee', language: 'en', channel: 'sms', summary: 'Mi hermano' });
    const day = intake.createdAt.slice(0, 10);
    const streamed = (eventName: string) => takeStreamedIntake(intake, { eventName, sequenceNumber: `${eventName}-${made}` }, { store: env.store, router, clock: time.clock });
    const receivedOn = async (on: string) => (await metrics(sam, deps)).daily.find((queue) => queue.key === 'detainee-en')!.days.find((entry) => entry.day === on)?.received;

    // Nothing yet: the caller's write is the intake alone.
    expect(await receivedOn(day)).toBe(0);
    // A change of the intake (here a reopening, as the stream shows it) is no new intake.
    expect(await streamed('MODIFY')).toMatchObject({ counted: false });
    expect(await receivedOn(day)).toBe(0);
    expect(await streamed('INSERT')).toMatchObject({ counted: true });
    // The stream delivers a record at least once: a retried batch, after midnight.
    time.advance(86_400_000);
    expect(await streamed('INSERT')).toMatchObject({ counted: false });
    expect(await receivedOn(day)).toBe(1);
    expect(await receivedOn(time.clock().toISOString().slice(0, 10))).toBe(0);
  });
});
