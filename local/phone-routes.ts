import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import type { LocalText } from '../shared/adapters/local/sms-sender';
import type { LocalTask } from '../shared/adapters/local/task-router';
import { toE164 } from '../shared/domain/phone';
import { CallOverError, LiveCall, type LiveCallView } from './call-session';
import { localContactEvent } from './contact-events';
import { staticFile } from './console-routes';
import { json, type LocalRequest, type LocalResponse, type LocalRoute } from './http';
import type { LocalServices } from './services';
import { LOCAL_INTAKE_NUMBER } from './sms-events';
import { texterSession, textTheHotline } from './texting';

/** The phone page, built apart from the console (npm run build:phone) so that it is never deployed. */
export const PHONE_DIST = fileURLToPath(new URL('./phone/dist', import.meta.url));
export const PHONE_PATH = '/phone/';

/** The callers and texters of the local hotline: calls a key at a time, texts, and the texts sent back. */
export interface PhoneDeps {
  services: LocalServices;
  /** One pass of what the stream and the schedules do (route intakes, send texts), in turn with the timer's. */
  work(): Promise<void>;
}

const Phone = z.string().transform((value, context) => {
  const phone = toE164(value);
  if (!phone) {
    context.addIssue({ code: 'custom', message: 'not a phone number' });
    return z.NEVER;
  }
  return phone;
});

const StartCall = z.object({
  from: Phone.default(toE164('+12025550143')!),
  at: z.iso.datetime({ offset: true }).optional(),
  /** Hold messages before a staff member answers. */
  hold: z.number().int().min(0).max(20).default(3),
});
const Keys = z.object({ keys: z.string().regex(/^(?:[0-9*#]+|timeout)$/, 'a key, digits ending in #, or timeout') });
const Text = z.object({ from: Phone, text: z.string().min(1).max(1600) });

/** Calls kept for the page to look at again; the oldest go first. */
const MAX_CALLS = 200;

export function phoneRoutes(deps: PhoneDeps): LocalRoute {
  const calls = new Map<string, LiveCall>();
  const inbound: { from: string; text: string; at: string }[] = [];

  const withTasks = async (view: LiveCallView) => {
    const numbers = new Set(view.entries.flatMap((entry) => (entry.type === 'attributes' && entry.set.referenceNumber ? [entry.set.referenceNumber] : [])));
    const tasks = numbers.size ? (await deps.services.outbox.list<LocalTask>('task')).filter((task) => numbers.has(task.intakeId)) : [];
    return { ...view, tasks };
  };

  /**
   * Calls waiting in a queue: when (on this machine's clock) each was put there, and whether its
   * wait has ended. Its contact events date the wait from the call's own time, which a pretended
   * call sets: enqueued then, answered or abandoned as long after as it really waited here.
   */
  const queued = new Map<string, { since: number; over: boolean }>();
  const noteQueue = (view: LiveCallView): LiveCallView => {
    if (view.waitingIn && !queued.has(view.id)) queued.set(view.id, { since: deps.services.clock().getTime(), over: false });
    return view;
  };
  /** What Connect publishes when the wait ends: the call-events function records it on the intake. */
  const endWait = async (view: LiveCallView, outcome: 'answered' | 'abandoned') => {
    const wait = queued.get(view.id);
    if (!view.waitingIn || !wait || wait.over) return undefined;
    wait.over = true;
    const enqueuedAt = new Date(view.startedAt);
    const endedAt = new Date(enqueuedAt.getTime() + (deps.services.clock().getTime() - wait.since));
    return deps.services.contactEvent(localContactEvent(view.id, view.waitingIn, enqueuedAt, endedAt, outcome));
  };

  const callRoute = async (request: LocalRequest, call: LiveCall, action: string): Promise<LocalResponse | undefined> => {
    if (request.method === 'GET' && action === '') return json(200, await withTasks(call.current()));
    if (request.method !== 'POST') return undefined;
    try {
      if (action === '/keys') {
        const { keys } = Keys.parse(parseBody(request));
        return json(200, await withTasks(noteQueue(await call.press(keys))));
      }
      if (action === '/answer') {
        // A staff member takes the call in the agent workspace.
        const view = call.current();
        if (!view.waitingIn || view.state === 'hung-up' || queued.get(view.id)?.over) return json(409, { message: 'The call is not waiting in a queue' });
        return json(200, { ...(await withTasks(view)), answered: await endWait(view, 'answered') });
      }
      if (action === '/finish') {
        const view = noteQueue(await call.finish());
        // What the stream does next in AWS: a callback becomes a task scheduled for opening time.
        await deps.work();
        return json(200, { ...(await withTasks(view)), transcript: call.transcript() });
      }
      if (action === '/hang-up') {
        const view = call.hangUp();
        // Hung up in the queue, before anyone answered: an abandoned wait.
        if (view.state === 'hung-up') await endWait(view, 'abandoned');
        return json(200, await withTasks(view));
      }
    } catch (error) {
      if (error instanceof CallOverError) return json(409, { message: error.message });
      throw error;
    }
    return undefined;
  };

  return async (request) => {
    if (request.path === '/phone') return { status: 308, headers: { location: PHONE_PATH } };
    if (request.method === 'GET' && request.path.startsWith(PHONE_PATH)) {
      if (!existsSync(path.join(PHONE_DIST, 'index.html'))) {
        return { status: 503, headers: { 'content-type': 'text/plain' }, body: 'The phone page is not built: run npm run build:phone (npm start does).' };
      }
      return staticFile(PHONE_DIST, request.path.slice(PHONE_PATH.length - 1));
    }
    if (!request.path.startsWith('/local/calls') && !request.path.startsWith('/local/texts')) return undefined;
    try {
      if (request.method === 'POST' && request.path === '/local/calls') {
        const { from, at, hold } = StartCall.parse(parseBody(request));
        // The call's clock stands still at its start (or the time pretended): replays see one time.
        const time = at ? new Date(at) : deps.services.clock();
        const voice = deps.services.voiceAt(() => time);
        const call = new LiveCall({ ...voice.environment, holdCycles: hold }, voice.entryFlow, from);
        calls.set(call.id, call);
        if (calls.size > MAX_CALLS) {
          const oldest = calls.keys().next().value!;
          calls.delete(oldest);
          queued.delete(oldest);
        }
        return json(201, await withTasks(noteQueue(await call.start())));
      }
      const match = /^\/local\/calls\/([0-9a-f-]{36})(\/keys|\/finish|\/hang-up|\/answer)?$/.exec(request.path);
      if (match) {
        const call = calls.get(match[1]!);
        if (!call) return json(404, { message: 'No such call' });
        return await callRoute(request, call, match[2] ?? '');
      }
      if (request.method === 'POST' && request.path === '/local/texts') {
        const { from, text } = Text.parse(parseBody(request));
        inbound.push({ from, text, at: deps.services.clock().toISOString() });
        const exchange = await textTheHotline(deps.services, deps.work, from, text);
        return json(200, { ...exchange, session: await texterSession(deps.services, from, [exchange]) });
      }
      if (request.method === 'GET' && request.path === '/local/texts') {
        const number = Phone.parse(request.query.get('number') ?? '');
        const sent = (await deps.services.outbox.list<LocalText>('sms')).filter((sms) => sms.to === number);
        const thread = [
          ...inbound.filter((text) => text.from === number).map(({ text, at }) => ({ direction: 'in' as const, text, at })),
          ...sent.map(({ text, at }) => ({ direction: 'out' as const, text, at })),
        ].sort((a, b) => a.at.localeCompare(b.at));
        return json(200, { number, intakeNumber: LOCAL_INTAKE_NUMBER, thread });
      }
    } catch (error) {
      if (error instanceof z.ZodError) return json(400, { message: error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ') });
      if (error instanceof SyntaxError) return json(400, { message: 'The body is not JSON' });
      throw error;
    }
    return undefined;
  };
}

function parseBody(request: LocalRequest): unknown {
  return request.body ? JSON.parse(request.body) : {};
}
