import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffApiHandler } from '../../functions/staff-api/create-handler';
import { STAFF_ROUTES, type RouteKey } from '../../functions/staff-api/routes';
import { isStaffKey, staffMessage } from '../../shared/domain/catalog/staff';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log';
import { parseGroups } from '../../shared/adapters/http/claims';
import { observability } from '../../shared/adapters/lambda/observability';
import type { E164 } from '../../shared/domain/phone';
import { STAFF_GROUPS, type StaffGroup } from '../../shared/domain/permissions';
import { newTexter } from '../../shared/domain/sms/conversation';
import { CATEGORIES, type Category } from '../../shared/domain/taxonomy';
import { apiEvent, call } from '../support/console';
import { lambdaContext } from '../../local/lambda-context';
import { manualClock, storeOnDynalite } from '../support/store';

const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let audit: DynamoAuditLog;
let handler: ReturnType<typeof createStaffApiHandler>;
let sources = 0;
let phones = 0;

beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  audit = env.audit;
  handler = createStaffApiHandler({
    ...observability({ logLevel: 'SILENT' }),
    intakes: env.store,
    texters: env.texters,
    audit,
    registrations: env.registrations,
    events: env.events,
    directory: env.directory,
    clock: time.clock,
  });
});
afterAll(() => env.dynamo.stop());

/** A new text intake in a category, from a number that texted the hotline. */
async function textIntake(category: Category, optedOut = false) {
  const phone = `+1202555${String(2000 + ++phones)}` as E164;
  await env.texters.save(phone, { ...newTexter(time.clock()), optedOut }, undefined, []);
  const { intake } = await env.store.create({ sourceKey: `src-${++sources}`, category, language: 'es', channel: 'sms', phone, summary: 'Mi hermano fue detenido' });
  return intake;
}

let keys = 0;

async function request(route: RouteKey, category: Category, id: string): Promise<[string, string, unknown?]> {
  const [method, pattern] = route.split(' ') as [string, string];
  // Case routes: a registration to withdraw, made fresh for each request.
  const registration = route.includes('{case}') ? await env.registrations.create({ sourceKey: `reg-${++keys}`, caseNumber: '4400123', language: 'es', channels: ['email'], email: 'v@example.org', source: 'console', createdBy: 'x', active: true }) : undefined;
  const path = pattern.replace('{case}', '4400123').replace('{id}', registration?.registration.id ?? id).replace('{queue}', `${category}-es`);
  const bodies: Partial<Record<RouteKey, unknown>> = {
    'POST /intakes/{id}/claim': { version: 1 },
    'POST /intakes/{id}/notes': { text: 'Llamé, no contestó' },
    // Status changes and releases are on an intake the caller claimed (see the matrix below).
    'POST /intakes/{id}/status': { to: 'resolved', version: 2 },
    'POST /intakes/{id}/release': { version: 2 },
    'POST /intakes/{id}/reply': { text: 'Hola, le llamaremos mañana.' },
    // The caller is a colleague of every category once the API has seen them as a supervisor.
    'POST /intakes/{id}/assign': { assignee: 'tester', reason: 'Cubre el turno', version: 1 },
    'POST /intakes/{id}/transfer': { to: `${category}-en`, reason: 'Habla inglés', version: 1 },
    'POST /cases/{case}/registrations': { language: 'es', email: 'alguien@example.org', key: `key-${++keys}-registration` },
    'POST /cases/{case}/events': { type: 'transferred', date: '2026-11-20', key: `key-${++keys}-event` },
  };
  // The search: this intake by its reference number.
  const queries: Partial<Record<RouteKey, string>> = { 'GET /search': `?by=reference&q=${id}`, 'GET /intakes/{id}/changes': '?since=2026-01-01T00:00:00.000Z' };
  return [method, `${path}${queries[route] ?? ''}`, bodies[route]];
}

/** The rule as the issues state it, written out here independently of the module under test. */
function expected(group: StaffGroup, route: RouteKey, category: Category): boolean {
  if (group === 'supervisor') return true;
  if (route === 'GET /metrics' || route === 'GET /intakes/{id}/audit' || route === 'GET /audit') return false;
  // Assignment is a supervisor's; moving a misrouted intake is its category's staff's too.
  if (route === 'GET /intakes/{id}/assignees' || route === 'POST /intakes/{id}/assign') return false;
  if (route === 'GET /queues') return true;
  // Anyone may search; another category's intake is simply not found (see the matrix below).
  if (route === 'GET /search') return true;
  // Registrations and custody events are victim services' alone.
  if (route.includes('/cases/')) return group === 'victim';
  return group === category;
}

describe('the staff API permission matrix', () => {
  const cases = STAFF_GROUPS.flatMap((group) => (Object.keys(STAFF_ROUTES) as RouteKey[]).flatMap((route) => CATEGORIES.map((category) => [group, route, category] as const)));

  it.each(cases)('%s, %s, on a %s intake', async (group, route, category) => {
    const intake = await textIntake(category);
    // Claimed by the caller ("tester"), so that only the permission matrix decides.
    if (route === 'POST /intakes/{id}/status' || route === 'POST /intakes/{id}/release') {
      await env.store.updateStatus(intake.id, { to: 'in_progress', expectedVersion: 1, actor: 'tester', role: 'staff' });
    }
    const [method, path, body] = await request(route, category, intake.id);
    const response = await call(handler, method, path, [group], body);
    // An intake outside the group's categories is not there for it (404, as for a reference number
    // that does not exist); a 403 is for what a group may see but not do.
    const hidden = route.includes('/intakes/{id}') && group !== 'supervisor' && group !== category;
    const status = expected(group, route, category) ? 200 : hidden ? 404 : 403;
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    // A reference search finds the intake only where opening it would: elsewhere it answers as
    // for a reference nobody has, so the answer tells nothing of another category's intakes.
    if (route === 'GET /search') {
      const found = (response.body.items as { id: string }[]).map((item) => item.id);
      expect(found).toEqual(group === 'supervisor' || group === category ? [intake.id] : []);
    }
  });

  it('lists only the queues a group works, for every group', async () => {
    for (const group of STAFF_GROUPS) {
      const { body } = await call(handler, 'GET', '/queues', [group]);
      const categories = new Set((body.queues as { category: string }[]).map((queue) => queue.category));
      expect([...categories].sort()).toEqual(group === 'supervisor' ? [...CATEGORIES].sort() : [group]);
    }
  });
});

describe('the staff API', () => {
  it('shows a queue oldest first with masked numbers, and pages with a cursor', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      time.advance(60_000);
      ids.push((await textIntake('victim')).id);
    }
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await call(handler, 'GET', `/queues/victim-es/intakes?status=new${cursor ? `&cursor=${cursor}` : ''}`, ['victim']);
      expect(status).toBe(200);
      for (const item of body.items as { id: string; phone: string }[]) {
        expect(item.phone).toMatch(/^•••-•••-\d{4}$/);
        all.push(item.id);
      }
      cursor = body.cursor as string | undefined;
    } while (cursor);
    expect(all.slice(-3)).toEqual(ids);
  });

  it('records in the audit trail every view of personal data and every change, with before and after', async () => {
    const intake = await textIntake('tip');
    const as = async (method: string, path: string, body?: unknown) => {
      time.advance(1000);
      return call(handler, method, path, ['tip'], body, 'ana');
    };
    await as('GET', `/intakes/${intake.id}`);
    const contact = await as('GET', `/intakes/${intake.id}/contact`);
    expect(contact.body.phone).toMatch(/^\+1202555\d{4}$/);
    await as('POST', `/intakes/${intake.id}/claim`, { version: 1 });
    await as('POST', `/intakes/${intake.id}/notes`, { text: 'Follow up tomorrow' });
    await as('POST', `/intakes/${intake.id}/status`, { to: 'resolved', version: 2 });
    await as('POST', `/intakes/${intake.id}/reply`, { text: 'Gracias, su caso fue atendido.' });

    const { body } = await call(handler, 'GET', `/intakes/${intake.id}/audit`, ['supervisor'], undefined, 'sam');
    const events = body.events as { actor: string; action: string; before?: unknown; after?: unknown }[];
    expect(events.map((event) => event.action)).toEqual(['view_intake', 'view_contact', 'claim', 'add_note', 'change_status', 'reply']);
    expect(events.every((event) => event.actor === 'ana')).toBe(true);
    expect(events[2]).toMatchObject({ before: { status: 'new' }, after: { status: 'in_progress', claimedBy: 'ana' } });
    expect(events[4]).toMatchObject({ before: { status: 'in_progress' }, after: { status: 'resolved' } });
    expect(JSON.stringify(events)).not.toContain(contact.body.phone as string);
  });

  it("knows what is new: each staff member's last look, and what changed since, without an audited view", async () => {
    const intake = await textIntake('tip');
    const as = (user: string) => async (path: string) => {
      time.advance(1000);
      return call(handler, 'GET', path, ['tip'], undefined, user);
    };
    const [ana, ben] = [as('ana'), as('ben')];
    expect((await ana(`/intakes/${intake.id}`)).body.lastSeenAt).toBeUndefined();
    const seen = time.clock().toISOString();
    time.advance(60_000);
    const followedUp = time.clock().toISOString();
    await env.store.appendEvent(intake.id, { type: 'message_in', text: 'One more thing: a red truck' }, 'texter');
    const changes = await ana(`/intakes/${intake.id}/changes?since=${seen}`);
    expect(changes.body).toEqual({ version: 1, status: 'new', newEvents: 1 });
    // An event at the very moment asked about counts: a second one that shares its millisecond is told.
    expect((await ana(`/intakes/${intake.id}/changes?since=${followedUp}`)).body).toMatchObject({ newEvents: 1 });
    // Ana's last look is hers: Ben has never opened it.
    expect((await ana(`/intakes/${intake.id}`)).body.lastSeenAt).toBe(seen);
    expect((await ben(`/intakes/${intake.id}`)).body.lastSeenAt).toBeUndefined();
    const trail = await env.audit.forSubject({ type: 'intake', id: intake.id });
    // Asking what changed is not a view of the intake.
    expect(trail.map((event) => `${event.actor} ${event.action}`)).toEqual(['ana view_intake', 'ana view_intake', 'ben view_intake']);
    expect((await ana(`/intakes/${intake.id}/changes?since=yesterday`)).status).toBe(400);
  });

  it('refuses a stale change with 409 and a transition the rules forbid with 409', async () => {
    const intake = await textIntake('detainee');
    expect((await call(handler, 'POST', `/intakes/${intake.id}/claim`, ['detainee'], { version: 1 })).status).toBe(200);
    const stale = await call(handler, 'POST', `/intakes/${intake.id}/status`, ['detainee'], { to: 'resolved', version: 1 });
    expect(stale).toMatchObject({ status: 409, body: { error: 'stale_version' } });
    // Back to the queue is a release, not a status change.
    const notRelease = await call(handler, 'POST', `/intakes/${intake.id}/status`, ['detainee'], { to: 'new', version: 2 });
    expect(notRelease).toMatchObject({ status: 409, body: { error: 'forbidden_change', message: expect.stringContaining('release it') } });
    expect((await call(handler, 'POST', `/intakes/${intake.id}/release`, ['detainee'], { version: 2 })).status).toBe(200);
    const reopen = await call(handler, 'POST', `/intakes/${intake.id}/status`, ['detainee'], { to: 'referred', version: 3 });
    expect(reopen).toMatchObject({ status: 409, body: { error: 'forbidden_change', message: 'An intake cannot move from “New” to “Referred”; from “New” it can move to: In progress' } });
  });

  it('lets only a supervisor reopen a resolved intake', async () => {
    const intake = await textIntake('victim');
    await call(handler, 'POST', `/intakes/${intake.id}/claim`, ['victim'], { version: 1 });
    await call(handler, 'POST', `/intakes/${intake.id}/status`, ['victim'], { to: 'resolved', version: 2 });
    const detail = await call(handler, 'GET', `/intakes/${intake.id}`, ['victim']);
    expect(detail.body.nextStatuses).toEqual([]);
    expect((await call(handler, 'POST', `/intakes/${intake.id}/status`, ['victim'], { to: 'in_progress', version: 3 })).status).toBe(409);
    expect((await call(handler, 'GET', `/intakes/${intake.id}`, ['supervisor'])).body.nextStatuses).toEqual(['in_progress']);
    expect((await call(handler, 'POST', `/intakes/${intake.id}/status`, ['supervisor'], { to: 'in_progress', version: 3 })).status).toBe(200);
  });

  it('refuses to text a number that opted out, and a reply longer than two segments', async () => {
    const optedOut = await textIntake('tip', true);
    expect(await call(handler, 'POST', `/intakes/${optedOut.id}/reply`, ['tip'], { text: 'Hola' })).toMatchObject({
      status: 409,
      body: { message: 'The person texting opted out of messages: no text can be sent' },
    });
    const intake = await textIntake('tip');
    expect(await call(handler, 'POST', `/intakes/${intake.id}/reply`, ['tip'], { text: 'ó'.repeat(140) })).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'text', message: 'The text takes 3 text segments; a reply can take at most 2' }] },
    });
    const ok = await call(handler, 'POST', `/intakes/${intake.id}/reply`, ['tip'], { text: 'Hola, le llamamos mañana.' });
    expect(ok).toMatchObject({ status: 200, body: { queued: true, segments: 1 } });
    expect((await env.texters.pendingTexts(await env.texters.keyOf((await env.store.revealPhone(intake.id))!)))?.texts.map((text) => text.text)).toEqual([
      'Hola, le llamamos mañana.',
    ]);
  });

  it('answers 404 to a route key that names something every object has (found by fuzzing)', async () => {
    for (const routeKey of ['__proto__', 'constructor', 'toString']) {
      const event = { ...apiEvent('GET', '/queues', ['supervisor']), routeKey };
      const response = await handler(event, lambdaContext('staff-api'));
      expect(response.statusCode, routeKey).toBe(404);
    }
  });

  it('answers bad input with a 400 that names the field, an unknown intake with 404, no user with 401', async () => {
    const intake = await textIntake('tip');
    expect(await call(handler, 'POST', `/intakes/${intake.id}/notes`, ['tip'], { text: '' })).toMatchObject({ status: 400, body: { issues: [{ field: 'text' }] } });
    expect(await call(handler, 'POST', `/intakes/${intake.id}/status`, ['tip'], { to: 'closed', version: 1 })).toMatchObject({ status: 400, body: { issues: [{ field: 'to' }] } });
    expect(await call(handler, 'GET', '/queues/tip-es/intakes?status=maybe', ['tip'])).toMatchObject({ status: 400, body: { issues: [{ field: 'status' }] } });
    expect((await call(handler, 'GET', '/intakes/1234567890', ['supervisor'])).status).toBe(404);
    const noUser = await handler(
      { routeKey: 'GET /queues', requestContext: { authorizer: { jwt: { claims: {} } } } },
      (await import('../../local/lambda-context')).lambdaContext('staff-api'),
    );
    expect(noUser.statusCode).toBe(401);
  });

  it('answers an intake of another category exactly as one that does not exist', async () => {
    const intake = await textIntake('victim');
    const missing = `${intake.id.slice(0, 9)}${(Number(intake.id[9]) + 5) % 10}`;
    const other = await call(handler, 'GET', `/intakes/${intake.id}`, ['tip']);
    const none = await call(handler, 'GET', `/intakes/${missing}`, ['tip']);
    expect(other.status).toBe(404);
    // Nothing in the answer tells the two apart but the number asked for: not the category, not that it exists.
    expect(JSON.stringify(other.body).replaceAll(intake.id, 'REF')).toBe(JSON.stringify(none.body).replaceAll(missing, 'REF'));
    expect(JSON.stringify(other.body)).not.toContain('victim');
  });

  it('assigns to a colleague the API has seen at work, and tells the old queue where a moved intake went', async () => {
    const intake = await textIntake('detainee');
    await call(handler, 'GET', '/queues', ['detainee'], undefined, 'lola');
    const { body: listed } = await call(handler, 'GET', `/intakes/${intake.id}/assignees`, ['supervisor'], undefined, 'sam');
    expect(listed.assignees).toEqual(expect.arrayContaining(['lola', 'sam']));
    const assigned = await call(handler, 'POST', `/intakes/${intake.id}/assign`, ['supervisor'], { assignee: 'lola', reason: 'Habla con la familia', version: 1 }, 'sam');
    expect(assigned).toMatchObject({ status: 200, body: { status: 'in_progress', claimedBy: 'lola' } });
    const moved = await call(handler, 'POST', `/intakes/${intake.id}/transfer`, ['detainee'], { to: 'victim-es', reason: 'Es víctima', version: 2 }, 'lola');
    expect(moved).toMatchObject({ status: 200, body: { canStillOpen: false, intake: { category: 'victim', status: 'new' } } });
    const told = await call(handler, 'GET', `/intakes/${intake.id}`, ['detainee'], undefined, 'lola');
    expect(told).toMatchObject({ status: 404, body: { error: 'moved' } });
    expect(told.body.message).toMatch(/^Intake \d{10} was moved to Victim services · Spanish by lola on \d{4}-\d{2}-\d{2}T[\d:.]+Z \(Es víctima\); only that queue's staff can open it now\.$/);
    const stranger = await call(handler, 'GET', `/intakes/${intake.id}`, ['tip'], undefined, 'ana');
    expect(stranger).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('finds the intakes of a phone number by its keyed hash, for the staff of their category', async () => {
    const intake = await textIntake('detainee');
    const phone = `+1202555${String(2000 + phones)}`;
    const found = await call(handler, 'GET', `/search?by=phone&q=${encodeURIComponent(phone)}`, ['detainee']);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect((found.body.items as { id: string }[]).map((item) => item.id)).toEqual([intake.id]);
    const elsewhere = await call(handler, 'GET', `/search?by=phone&q=${encodeURIComponent(phone)}`, ['victim']);
    expect(elsewhere.body.items).toEqual([]);
  });

  it('answers a crafted cursor with 400, never 500', async () => {
    const encode = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const partition = 'QUEUE#tip-es#new';
    for (const key of [
      { byQueuePk: partition }, // the partition alone: DynamoDB wants the whole key
      { byQueuePk: partition, byQueueSk: 'x', pk: 'INTAKE#1', sk: 'INTAKE', extra: 'y' },
      { byQueuePk: partition, byQueueSk: '', pk: 'INTAKE#1', sk: 'INTAKE' },
      { byQueuePk: partition, byQueueSk: 'x', pk: 'INTAKE#1', sk: 7 },
      [partition],
    ]) {
      const response = await call(handler, 'GET', `/queues/tip-es/intakes?status=new&cursor=${encode(key)}`, ['tip']);
      expect(response, JSON.stringify(key)).toMatchObject({ status: 400, body: { issues: [{ field: 'cursor' }] } });
    }
  });
});

describe('the groups of a token', () => {
  it('are whole names split on spaces only: a group named "x,supervisor" is not supervisor', () => {
    expect(parseGroups('[x,supervisor]')).toEqual([]);
    expect(parseGroups('[tip,victim]')).toEqual([]);
    expect(parseGroups('[tip supervisor]')).toEqual(['tip', 'supervisor']);
    expect(parseGroups(['x,supervisor', 'victim'])).toEqual(['victim']);
  });
});

describe('refusals in staff words', () => {
  /** An error answer's shape, and its code a sentence of the staff catalog that its facts fill. */
  function expectRefusal(response: { status: number; body: Record<string, unknown> }, status: number, code: string, facts: Record<string, unknown>) {
    expect(response.status).toBe(status);
    expect(Object.keys(response.body).filter((key) => key !== 'issues').sort()).toEqual(['code', 'error', 'facts', 'message']);
    expect(response.body).toMatchObject({ code, facts });
    expect(response.body.facts).toEqual(facts);
    const key = `error.${code}`;
    expect(isStaffKey(key), key).toBe(true);
    // Facts as the console words them: any value fills the sentence, and none is left out.
    const values = Object.fromEntries(Object.keys(facts).map((name) => [name, 'x']));
    for (const language of ['en', 'es'] as const) expect(() => (staffMessage as (...args: unknown[]) => string)(language, key, values)).not.toThrow();
  }

  it('answers {error, code, facts, message}: not allowed, not found, overtaken, status rules, opted out', async () => {
    expectRefusal(await call(handler, 'GET', '/metrics', ['tip'], undefined, 'carmen'), 403, 'not_allowed.view_metrics', { staff: 'carmen' });
    expectRefusal(await call(handler, 'GET', '/queues/detainee-es/intakes', ['tip'], undefined, 'carmen'), 403, 'not_allowed.list_queue', { staff: 'carmen', category: 'detainee' });
    expectRefusal(await call(handler, 'GET', '/intakes/1234567890', ['tip']), 404, 'not_found.intake', { id: '1234567890' });

    const intake = await textIntake('detainee');
    expect((await call(handler, 'POST', `/intakes/${intake.id}/claim`, ['detainee'], { version: 1 })).status).toBe(200);
    expectRefusal(await call(handler, 'POST', `/intakes/${intake.id}/claim`, ['detainee'], { version: 2 }, 'ana'), 409, 'claim.claimedBy', {
      id: intake.id,
      status: 'in_progress',
      claimedBy: 'tester',
    });
    expectRefusal(await call(handler, 'POST', `/intakes/${intake.id}/status`, ['detainee'], { to: 'resolved', version: 1 }), 409, 'stale_version.intake', { id: intake.id });
    expectRefusal(await call(handler, 'POST', `/intakes/${intake.id}/status`, ['detainee'], { to: 'new', version: 2 }), 409, 'status.releaseToRequeue', { id: intake.id });
    expectRefusal(await call(handler, 'POST', `/intakes/${intake.id}/status`, ['detainee'], { to: 'resolved', version: 2 }, 'ana'), 409, 'status.claimedByOther', {
      id: intake.id,
      claimedBy: 'tester',
    });
    expect((await call(handler, 'POST', `/intakes/${intake.id}/release`, ['detainee'], { version: 2 })).status).toBe(200);
    expectRefusal(await call(handler, 'POST', `/intakes/${intake.id}/status`, ['detainee'], { to: 'referred', version: 3 }), 409, 'status.cannotMove', {
      from: 'new',
      to: 'referred',
      allowed: ['in_progress'],
    });

    const optedOut = await textIntake('tip', true);
    expectRefusal(await call(handler, 'POST', `/intakes/${optedOut.id}/reply`, ['tip'], { text: 'Hola' }), 409, 'reply.optedOut', {});
    const texted = await textIntake('tip');
    expect((await call(handler, 'POST', `/intakes/${texted.id}/claim`, ['tip'], { version: 1 })).status).toBe(200);
    expectRefusal(await call(handler, 'POST', `/intakes/${texted.id}/reply`, ['tip'], { text: 'Gracias por escribir. '.repeat(16) }), 400, 'reply.tooManySegments', {
      segments: 3,
      maximum: 2,
    });
    const register = (groups: StaffGroup[]) =>
      call(handler, 'POST', '/cases/20261123/registrations', groups, { language: 'es', email: 'a@example.org', key: `refusal-link-${groups.join('-')}`, intakeId: texted.id });
    expectRefusal(await register(['supervisor']), 409, 'registration.notVictimIntake', { id: texted.id });
    // Victim staff are not told that a tip with that reference number exists.
    expectRefusal(await register(['victim']), 404, 'not_found.intake', { id: texted.id });
  });

  it('says what is wrong with each field by a sentence of the staff catalog, with the facts it needs', async () => {
    const intake = await textIntake('tip');
    /** The issues of a 400 answer, each as field and code, checked to be said by the catalog in both languages. */
    const issuesOf = async (method: string, path: string, groups: StaffGroup[], body?: unknown) => {
      const response = await call(handler, method, path, groups, body);
      expect(response.status, path).toBe(400);
      expect(response.body.code, path).toBe('invalid_input');
      const issues = response.body.issues as { field: string; code?: string; facts?: Record<string, unknown> }[];
      for (const issue of issues) {
        const key = `issue.${issue.code}`;
        expect(isStaffKey(key), `${path} ${issue.field}: ${key}`).toBe(true);
        for (const language of ['en', 'es'] as const) expect(() => (staffMessage as (...args: unknown[]) => string)(language, key, issue.facts ?? {})).not.toThrow();
      }
      return issues.map(({ field, code, facts }) => ({ field, code, ...(facts ? { facts } : {}) }));
    };
    expect(await issuesOf('POST', `/intakes/${intake.id}/notes`, ['tip'], { text: ' ' })).toEqual([{ field: 'text', code: 'required' }]);
    expect(await issuesOf('POST', `/intakes/${intake.id}/notes`, ['tip'], { text: 'x'.repeat(4001) })).toEqual([{ field: 'text', code: 'tooLong', facts: { maximum: 4000 } }]);
    expect(await issuesOf('POST', `/intakes/${intake.id}/assign`, ['supervisor'], { assignee: 'ana', reason: 'x'.repeat(301), version: 0 })).toEqual([
      { field: 'reason', code: 'tooLong', facts: { maximum: 300 } },
      { field: 'version', code: 'tooSmall', facts: { minimum: 0 } },
    ]);
    expect(await issuesOf('POST', `/intakes/${intake.id}/status`, ['tip'], { to: 'lost', version: 1 })).toEqual([{ field: 'to', code: 'oneOf' }]);
    expect(await issuesOf('GET', '/search?by=phone&q=', ['tip'])).toEqual([{ field: 'q', code: 'required' }]);
    expect(await issuesOf('GET', `/intakes/${intake.id}/changes?since=yesterday`, ['tip'])).toEqual([{ field: 'since', code: 'dateTime' }]);
    expect(await issuesOf('GET', '/queues/tip-en/intakes?cursor=bm90LWEtY3Vyc29y', ['tip'])).toEqual([{ field: 'cursor', code: 'cursor' }]);
    const registration = (body: Record<string, unknown>) => issuesOf('POST', '/cases/20261123/registrations', ['victim'], { language: 'es', key: `issues-${++keys}`, ...body });
    expect(await registration({ phone: '12345' })).toEqual([{ field: 'phone', code: 'phone' }]);
    expect(await registration({ email: 'not-an-address' })).toEqual([{ field: 'email', code: 'email' }]);
    expect(await registration({})).toEqual([{ field: 'phone', code: 'contactNeeded' }]);
    expect(await issuesOf('POST', '/cases/CASE-1/registrations', ['victim'], { language: 'es', email: 'a@example.org', key: 'issues-case' })).toEqual([
      { field: '(root)', code: 'caseNumber' },
    ]);
    expect(await issuesOf('POST', '/cases/20261123/events', ['victim'], { type: 'released', date: 'last week', key: 'issues-event' })).toEqual([{ field: 'date', code: 'date' }]);
    const notJson = await handler({ ...apiEvent('POST', `/intakes/${intake.id}/notes`, ['tip']), body: '{not json' }, lambdaContext('staff-api'));
    expect(JSON.parse(notJson.body)).toMatchObject({ code: 'invalid_input', issues: [{ field: 'body', code: 'notJson' }] });
  });

  it('answers what it cannot word with the same shape, the code its kind', async () => {
    const bad = await call(handler, 'GET', '/intakes/1234567890/changes?since=yesterday', ['tip']);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_input', code: 'invalid_input', facts: {} });
  });
});
