import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTask } from '../../shared/adapters/local/task-router';
import { isReferenceNumber } from '../../shared/domain/reference-number';
import type { LiveCallView } from '../../local/call-session';
import { runCall, type CallTranscript } from '../../local/flow-interpreter';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { signLocalToken } from '../../local/tokens';

const OPEN = '2026-11-23T15:00:00.000Z'; // Monday 10:00 Eastern
const SATURDAY = '2026-11-28T15:00:00.000Z';
let hotline: LocalHotline;
let now = OPEN;

beforeAll(async () => {
  // The hotline's own clock is the test's too: no test depends on today's date.
  hotline = await startHotline({ clock: () => new Date(now), workIntervalMs: 60_000 });
});
afterAll(() => hotline.stop());

type View = LiveCallView & { tasks: LocalTask[]; transcript?: CallTranscript };

async function post<T = View>(path: string, body: unknown = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${hotline.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

const prompts = (view: { entries: LiveCallView['entries'] }) => view.entries.flatMap((entry) => (entry.type === 'prompt' ? [`${entry.language} ${entry.text}`] : []));
const lambdaCalls = (view: { entries: LiveCallView['entries'] }) => view.entries.filter((entry) => entry.type === 'lambda');

async function intakesIn(queueKey: string): Promise<string[]> {
  const page = await hotline.store.listQueue({ queueKey: queueKey as never, status: 'new', limit: 50 });
  return page.items.map((intake) => intake.id);
}

describe('a call to the running hotline, a key at a time', () => {
  it('stops at each question: Spanish menu after 2, then a reference number and the queue after 1', async () => {
    const dialed = await post('/local/calls', { from: '+12025550161', at: OPEN });
    expect(dialed.status).toBe(201);
    expect(dialed.body.state).toBe('waiting');
    // The flow waits at the language choice: nothing after its question has been heard.
    expect(prompts(dialed.body).at(-1)).toContain('Para español, oprima 2');
    expect(dialed.body.entries.some((entry) => entry.type === 'input')).toBe(false);

    const spanish = await post(`/local/calls/${dialed.body.id}/keys`, { keys: '2' });
    const menu = prompts(spanish.body).slice(prompts(dialed.body).length);
    expect(menu.length).toBeGreaterThan(0);
    expect(menu.every((prompt) => prompt.startsWith('es '))).toBe(true);
    expect(menu.join(' ')).toContain('Si tiene preguntas sobre una persona detenida, oprima 1');

    const detainee = await post(`/local/calls/${dialed.body.id}/keys`, { keys: '1' });
    expect(isReferenceNumber(detainee.body.referenceNumber ?? '')).toBe(true);
    expect(detainee.body.waitingIn).toBe('detainee-es');
    expect(detainee.body.attributes.referenceNumber).toBe(detainee.body.referenceNumber);
    expect(lambdaCalls(detainee.body)).toHaveLength(1);
    // Waiting in the queue: the intake is in the staff's queue already, once.
    expect((await intakesIn('detainee-es')).filter((id) => id === detainee.body.referenceNumber)).toHaveLength(1);

    const hungUp = await post(`/local/calls/${dialed.body.id}/hang-up`);
    expect(hungUp.body.state).toBe('hung-up');
    expect((await post(`/local/calls/${dialed.body.id}/keys`, { keys: '1' })).status).toBe(409);
  });

  it("records the wait on the intake when an agent answers, or when the caller hangs up in the queue", async () => {
    const callEntry = async (id: string) => (await hotline.store.timeline(id)).find((event) => event.type === 'call');
    const dialed = await post('/local/calls', { from: '+12025550164', at: OPEN });
    await post(`/local/calls/${dialed.body.id}/keys`, { keys: '1' });
    const queued = await post(`/local/calls/${dialed.body.id}/keys`, { keys: '1' });
    expect(queued.body.waitingIn).toBe('detainee-en');
    now = new Date(Date.parse(OPEN) + 130_000).toISOString(); // 2 min 10 s later on the hotline's clock
    const answered = await post<View & { answered: unknown }>(`/local/calls/${dialed.body.id}/answer`);
    expect(answered.body.answered).toEqual({ result: 'recorded' });
    expect(await callEntry(queued.body.referenceNumber!)).toMatchObject({ wait: { seconds: 130, outcome: 'answered' } });
    // Answered once: a second answer, or hanging up after, changes nothing.
    expect((await post(`/local/calls/${dialed.body.id}/answer`)).status).toBe(409);
    await post(`/local/calls/${dialed.body.id}/hang-up`);
    expect(await callEntry(queued.body.referenceNumber!)).toMatchObject({ wait: { seconds: 130, outcome: 'answered' } });

    const second = await post('/local/calls', { from: '+12025550165', at: OPEN });
    await post(`/local/calls/${second.body.id}/keys`, { keys: '1' });
    const waiting = await post(`/local/calls/${second.body.id}/keys`, { keys: '1' });
    now = new Date(Date.parse(now) + 240_000).toISOString();
    await post(`/local/calls/${second.body.id}/hang-up`);
    expect(await callEntry(waiting.body.referenceNumber!)).toMatchObject({ wait: { seconds: 240, outcome: 'abandoned' } });
    now = OPEN;
  });

  it('makes no function call the caller has not reached: thinking at the menu creates no intake', async () => {
    // Silence at the main menu would end on the tip line with an intake; a caller who is only
    // thinking about it has not got there.
    const before = await intakesIn('tip-en');
    const dialed = await post('/local/calls', { from: '+12025550162', at: OPEN });
    const english = await post(`/local/calls/${dialed.body.id}/keys`, { keys: '1' });
    expect(english.body.state).toBe('waiting');
    expect(lambdaCalls(english.body)).toEqual([]);
    expect(await intakesIn('tip-en')).toEqual(before);
  });

  it('ends where the same keys end in a whole scripted call, with one intake however many replays', async () => {
    const keys = ['1', '2', '2'];
    const dialed = await post('/local/calls', { from: '+12025550163', at: OPEN, hold: 1 });
    for (const key of keys) await post(`/local/calls/${dialed.body.id}/keys`, { keys: key });
    const finished = await post(`/local/calls/${dialed.body.id}/finish`);
    expect(finished.body.state).toBe('ended');

    const scripted = await runCall({ ...hotline.voiceAt(() => new Date(OPEN)).environment, holdCycles: 1 }, hotline.voice.entryFlow, { from: '+12025550163', keys });
    const live = finished.body.transcript!;
    expect(live.outcome).toEqual(scripted.outcome);
    // The same words, but each call its own reference number (it comes from the contact id).
    const spaced = (reference: string) => reference.split('').join(' ');
    expect(prompts(live).map((prompt) => prompt.replaceAll(spaced(live.referenceNumber!), 'REF'))).toEqual(
      prompts(scripted).map((prompt) => prompt.replaceAll(spaced(scripted.referenceNumber!), 'REF')),
    );
    expect(live.referenceNumber).not.toBe(scripted.referenceNumber);
    expect(live.entries.map((entry) => entry.type)).toEqual(scripted.entries.map((entry) => entry.type));
    expect((await intakesIn('tip-en')).filter((id) => id === live.referenceNumber)).toHaveLength(1);
  });

  it('on a Saturday registers a callback that becomes a task for opening time', async () => {
    // Connect schedules tasks at most 6 days ahead: the hotline's own time is that Saturday too.
    now = SATURDAY;
    const dialed = await post('/local/calls', { from: '+12025550164', at: SATURDAY });
    for (const key of ['1', '1', '1', '1']) await post(`/local/calls/${dialed.body.id}/keys`, { keys: key });
    const finished = await post(`/local/calls/${dialed.body.id}/finish`);
    expect(prompts(finished.body).join(' ')).toMatch(/Monday/);
    const reference = finished.body.referenceNumber!;
    expect(isReferenceNumber(reference)).toBe(true);
    expect(finished.body.tasks).toEqual([expect.objectContaining({ intakeId: reference, scheduledFor: '2026-11-30T13:00:00.000Z' })]);
    // The staff side: the callback's intake, through the console's API.
    const staffView = await fetch(`${hotline.url}/api/intakes/${reference}`, { headers: { authorization: `Bearer ${signLocalToken('beto', ['detainee'])}` } });
    expect(staffView.status).toBe(200);
    expect(((await staffView.json()) as { intake: object }).intake).toMatchObject({ category: 'detainee', callbackAt: '2026-11-30T13:00:00.000Z' });
  });

  it('refuses a key that is not one', async () => {
    const dialed = await post('/local/calls', { at: OPEN });
    const refused = await post<{ message: string }>(`/local/calls/${dialed.body.id}/keys`, { keys: 'x' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('keys');
  });
});

describe('texts to the running hotline', () => {
  beforeAll(() => {
    now = OPEN;
  });

  it('answers a text, keeps the thread of its number, and a staff reply from the console arrives in it', async () => {
    const from = '+12025550171';
    const first = await post<{ replies: { text: string }[]; result: { referenceNumber?: string } }>('/local/texts', {
      from,
      text: 'I want to report a house where people are kept locked in and made to work without pay',
    });
    expect(first.status).toBe(200);
    expect(first.body.replies.length).toBeGreaterThan(0);
    await post('/local/texts', { from, text: '2' }); // not anonymous: staff may text back
    const confirmed = await post<{ replies: { text: string }[]; session: { referenceNumber?: string } }>('/local/texts', { from, text: '1' });
    const reference = confirmed.body.session.referenceNumber!;
    expect(isReferenceNumber(reference)).toBe(true);
    expect(confirmed.body.replies.map((reply) => reply.text).join(' ')).toContain(reference.slice(0, 3));

    // Staff reply from the console's API: the text is sent by the hotline's next pass.
    const token = signLocalToken('ana', ['tip']);
    const reply = await fetch(`${hotline.url}/api/intakes/${reference}/reply`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Thank you, we are looking into it.' }),
    });
    expect(reply.status, await reply.clone().text()).toBeLessThan(300);
    await hotline.work();

    const thread = (await (await fetch(`${hotline.url}/local/texts?number=${encodeURIComponent(from)}`)).json()) as { thread: { direction: string; text: string }[] };
    expect(thread.thread.filter((text) => text.direction === 'in').map((text) => text.text)).toEqual([
      'I want to report a house where people are kept locked in and made to work without pay',
      '2',
      '1',
    ]);
    expect(thread.thread.at(-1)).toEqual(expect.objectContaining({ direction: 'out', text: 'Thank you, we are looking into it.' }));
    const other = (await (await fetch(`${hotline.url}/local/texts?number=%2B12025550199`)).json()) as { thread: unknown[] };
    expect(other.thread).toEqual([]);
  });
});
