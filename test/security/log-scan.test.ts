import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCall } from '../../local/flow-interpreter';
import { startServices, type LocalServices } from '../../local/services';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { LocalSmsSender } from '../../shared/adapters/local/sms-sender';
import type { LocalTask } from '../../shared/adapters/local/task-router';
import { call as callApi } from '../support/console';
import { personalDataIn } from '../support/personal-data';

/**
 * Every log line the functions write during calls, conversations, staff work and notices, at the
 * debug level: none may carry a phone number, an e-mail address or what someone said.
 */
const lines: string[] = [];
let services: LocalServices;
let now = Date.parse('2026-11-23T15:00:00.000Z'); // Monday 10:00 in New York
const CLOSED = Date.parse('2026-11-28T15:00:00.000Z'); // Saturday

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  // Notices to one registrant fail the way SNS fails, quoting the number in its error: the dead letter must not keep it.
  services = await startServices({
    clock: () => new Date(now),
    logLevel: 'DEBUG',
    smsSender: (outbox, clock) => {
      const local = new LocalSmsSender(outbox, clock);
      return {
        send: async (to, text) => {
          if (to === CALLERS[3] && /^(Victim notice|Aviso)/.test(text)) throw new Error('Invalid parameter: PhoneNumber Reason: +1 (202) 555-0714 is not valid to publish to');
          return local.send(to, text);
        },
      };
    },
  });
});
afterAll(async () => {
  await services.stop();
  vi.restoreAllMocks();
});

const CALLERS = ['+12025550711', '+12025550712', '+12025550713', '+12025550714'];
const TEXTERS = ['+12025550721', '+12025550722', '+12025550723', '+12025550724', '+12025550725'];
const CALLBACK_NUMBER = '2025550799';
const EMAIL = 'maria.lopez@example.net';
const CONVERSATIONS: [string, string[]][] = [
  [TEXTERS[0]!, ['Mi hermano Juan Carlos Ramírez fue detenido ayer en Houston', '1']],
  [TEXTERS[1]!, ['I want to report a stash house at 4512 Elm Street, guns and drugs every night', '1', '1']],
  [TEXTERS[2]!, ['I want to be told when the man who hurt me gets out of jail', '1', '884422', '2', EMAIL, '1']],
  [TEXTERS[3]!, ['hola', '3', '2', 'Quiero información sobre mi caso de violencia doméstica', '1', 'ALTO']],
  [TEXTERS[4]!, ['HELP', 'STOP', 'START', 'my cousin Beatriz was picked up by immigration', '1', 'WITHDRAW']],
];
const NOTE = 'Called back the sister, Guadalupe, at her work number';
const REPLY = 'Hola, recibimos su mensaje sobre Juan Carlos';

describe('logs', () => {
  it('carry no phone number, e-mail address or message body, whatever the journey', async () => {
    // Calls: an intake in each language, a status lookup, a registration for notices, an after-hours callback to another number.
    const transcripts = [];
    const first = await runCall(services.voice.environment, services.voice.entryFlow, { from: CALLERS[0]!, keys: ['1', '1'] });
    transcripts.push(first);
    transcripts.push(await runCall(services.voice.environment, services.voice.entryFlow, { from: CALLERS[1]!, keys: ['2', '3', '2'] }));
    transcripts.push(await runCall(services.voice.environment, services.voice.entryFlow, { from: CALLERS[2]!, keys: ['1', '4', `${first.referenceNumber}#`] }));
    transcripts.push(await runCall(services.voice.environment, services.voice.entryFlow, { from: CALLERS[3]!, keys: ['1', '3', '1', '884422#', '1'] }));
    now = CLOSED;
    transcripts.push(await runCall(services.voice.environment, services.voice.entryFlow, { from: CALLERS[0]!, keys: ['2', '3', '2', '1', '2', `${CALLBACK_NUMBER}#`] }));
    now = Date.parse('2026-11-23T16:00:00.000Z');

    // Texts, replies sent, tasks started.
    for (const [from, messages] of CONVERSATIONS) {
      for (const body of messages) {
        now += 20_000;
        await services.text(from, body);
      }
    }
    await services.text(CALLERS[3]!, 'YES');
    await services.sendDue();
    await services.routeDue();

    // Staff work and a custody event's notices.
    const queue = await callApi(services.staffApi, 'GET', '/queues/detainee-es/intakes?status=new', ['detainee'], undefined, 'beto');
    const intake = (queue.body.items as { id: string }[])[0]!;
    await callApi(services.staffApi, 'GET', `/intakes/${intake.id}/contact`, ['detainee'], undefined, 'beto');
    await callApi(services.staffApi, 'POST', `/intakes/${intake.id}/notes`, ['detainee'], { text: NOTE }, 'beto');
    await callApi(services.staffApi, 'POST', `/intakes/${intake.id}/reply`, ['detainee'], { text: REPLY }, 'beto');
    await callApi(services.staffApi, 'POST', '/cases/884422/registrations', ['victim'], { language: 'es', email: 'otra.persona@example.org', key: 'log-scan-form-1' }, 'carmen');
    await callApi(services.staffApi, 'POST', '/cases/884422/registrations', ['victim'], { language: 'es', phone: 'not a phone', key: 'log-scan-form-2' }, 'carmen');
    await callApi(services.staffApi, 'POST', '/cases/884422/events', ['victim'], { type: 'released', date: '2026-11-22', key: 'log-scan-event-1' }, 'carmen');
    await services.notify();
    await services.sendDue();

    const log = lines.join('');
    // The run did log: a line per call step and per text handled, and the refused request, by field.
    expect(log.match(/"message":"Handled"/g)?.length).toBeGreaterThanOrEqual(25);
    expect(log).toMatch(/"message":"Refused".*"statusCode":400/);

    const phones = [...CALLERS, ...TEXTERS, `+1${CALLBACK_NUMBER}`].flatMap((phone) => [phone, phone.slice(2), phone.slice(-7)]);
    const emails = [EMAIL, 'otra.persona@example.org', 'maria.lopez', 'otra.persona'];
    const bodies = [...CONVERSATIONS.flatMap(([, messages]) => messages.filter((body) => body.length > 6)), NOTE, REPLY];
    const words = ['Juan Carlos', 'Ramírez', '4512 Elm', 'Beatriz', 'Guadalupe', 'violencia'];
    for (const secret of [...phones, ...emails, ...bodies, ...words]) expect(log, secret).not.toContain(secret);
    // Nothing shaped like a number, in any format, or an address either.
    expect(personalDataIn(log)).toEqual([]);

    // Dead letters: a notice that kept failing is kept with why, and why names no number.
    const deadLetters = services.deadLetters();
    expect(deadLetters.length).toBeGreaterThan(0);
    expect(personalDataIn(JSON.stringify(deadLetters))).toEqual([]);
    // What Connect sees and keeps (flow logs record attributes; a task keeps its name): no number.
    const attributes = transcripts.map((transcript) => transcript.attributes);
    expect(Object.keys(attributes[0]!).length).toBeGreaterThan(0);
    expect(personalDataIn(JSON.stringify(attributes))).toEqual([]);
    const tasks = await services.outbox.list<LocalTask>('task');
    expect(tasks.length).toBeGreaterThan(0);
    expect(personalDataIn(JSON.stringify(tasks.map(({ name, queueKey, intakeId }) => ({ name, queueKey, intakeId }))))).toEqual([]);
  }, 60_000);
});

describe('the scan itself', () => {
  it('finds numbers in every format and addresses, and lets reference numbers and times through', () => {
    const text = 'call (202) 555-0711 or 202.555.0712 or +1 202 555 0713 or 2025550714 or +52 55 1234 5678, write ana@example.org; at 2026-11-23T15:00:00.000Z';
    expect(personalDataIn(text)).toEqual(['+12025550711', '+12025550712', '+12025550713', '+12025550714', '+525512345678', 'ana@example.org']);
  });
});

describe('an error from a service', () => {
  it('is logged without the addresses or numbers its message quotes', () => {
    const ses = Object.assign(new Error('Email address is not verified. The following identities failed the check in region US-EAST-1: maria.lopez@example.net'), { name: 'MessageRejected' });
    const sns = new Error('Invalid parameter: PhoneNumber Reason: +1 (202) 555-0111 is not valid to publish to');
    expect(loggableError(ses)).toEqual({ name: 'MessageRejected', message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: [email]' });
    expect(loggableError(sns).message).toBe('Invalid parameter: PhoneNumber Reason: [number] is not valid to publish to');
    // What staff and operators need stays: names, request ids, times.
    expect(loggableError(new Error('Rate exceeded (request 4f9c-11aa) at 2026-11-23T15:00:00Z')).message).toBe('Rate exceeded (request 4f9c-11aa) at 2026-11-23T15:00:00Z');
  });
});
