import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenChangeError, NotFoundError } from '../../../shared/domain/errors';
import { DEFAULT_HOURS } from '../../../shared/domain/hours';
import type { StaffMember } from '../../../shared/domain/permissions';
import { registrationWords } from '../../../shared/domain/registration-record';
import type { TimelineEvent } from '../../../shared/domain/timeline';
import { callIntake } from '../../../shared/use-cases/call-intake';
import { handleInboundText } from '../../../shared/use-cases/inbound-text';
import { registerOnBehalf, withdrawOnBehalf } from '../../../shared/use-cases/victim-notices';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock('2026-11-23T15:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

const carmen: StaffMember = { username: 'carmen', groups: ['victim'] };
const caseDeps = () => ({ registrations: env.registrations, texters: env.texters, events: env.events, audit: env.audit, intakes: env.store, clock: time.clock });
const textDeps = () => ({ texters: env.texters, intakes: env.store, registrations: env.registrations, clock: time.clock });
const callDeps = () => ({ store: env.store, hours: DEFAULT_HOURS, clock: time.clock, registrations: env.registrations, texters: env.texters });

const registrationEvents = async (intakeId: string) =>
  (await env.store.timeline(intakeId)).filter((event): event is Extract<TimelineEvent, { type: 'registration' | 'registration_status' }> => event.type === 'registration' || event.type === 'registration_status');

/** The victim intakes of a number, newest first (by its keyed hash, as staff search). */
const victimIntakesOf = async (phone: string) => await env.store.findByPhone(phone as never, { limit: 10, categories: ['victim'] });

describe('a registration by phone', () => {
  it('makes a victim services intake that shows the registration, once however often Connect retries; YES by text shows on it', async () => {
    const request = { action: 'register', caseNumber: '7001234#', language: 'es' };
    const input = { contactId: 'contact-register-1', callerNumber: '+12025550171', request };
    expect(await callIntake(input, callDeps())).toEqual({ result: 'sent' });
    expect(await callIntake(input, callDeps())).toEqual({ result: 'sent' });

    const intakes = await victimIntakesOf('+12025550171');
    expect(intakes).toHaveLength(1);
    const [intake] = intakes;
    expect(intake).toMatchObject({ category: 'victim', language: 'es', channel: 'voice', status: 'new', contact: { phoneLast4: '0171' }, summary: 'Call in Spanish: registered for victim notices on case 7001234.' });
    // The call ended in the flow, in no queue: the intake waits for a Connect task, as a text's does.
    expect(intake!.routing).toMatchObject({ state: 'unrouted' });
    const [entry, ...more] = await registrationEvents(intake!.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ type: 'registration', caseNumber: '7001234', channel: 'voice', phoneLast4: '0171', status: 'pending', actor: 'caller' });
    expect(registrationWords(entry!)).toBe('Registered for notices on case 7001234 by phone, •••-•••-0171: waiting for YES by text.');
    // The registration names its intake.
    const [registration] = (await env.registrations.listByCase('7001234' as never)).items;
    expect(registration).toMatchObject({ id: entry!.registrationId, intakeId: intake!.id, status: 'pending' });

    // The caller's phone answers the confirmation text: the intake's timeline says so, once.
    time.advance(60_000);
    await handleInboundText({ from: '+12025550171', body: 'SI', messageId: 'yes-1' }, textDeps());
    await handleInboundText({ from: '+12025550171', body: 'SI', messageId: 'yes-1' }, textDeps());
    expect((await registrationEvents(intake!.id)).map((event) => [event.type, event.status])).toEqual([
      ['registration', 'pending'],
      ['registration_status', 'active'],
    ]);

    // Withdrawn by text: that too.
    time.advance(60_000);
    await handleInboundText({ from: '+12025550171', body: 'RETIRAR', messageId: 'withdraw-1' }, textDeps());
    const last = (await registrationEvents(intake!.id)).at(-1)!;
    expect(last).toMatchObject({ type: 'registration_status', status: 'withdrawn', actor: 'registrant' });
    expect(registrationWords(last)).toBe('Registration for case 7001234: withdrawn.');
  });
});

describe('a registration by text', () => {
  it('makes a victim services intake for the texter, routed to staff like every texted intake, with the registration on it', async () => {
    const from = '+12025550172';
    for (const [index, body] of ['I want to be told when the man who hurt me gets out of jail', '1', '7001235', '1', '1'].entries()) {
      time.advance(1000);
      await handleInboundText({ from, body, messageId: `register-text-${index}` }, textDeps());
    }
    const [intake, ...others] = await victimIntakesOf(from);
    expect(others).toEqual([]);
    expect(intake).toMatchObject({ channel: 'sms', language: 'en', summary: 'Texts in English: registered for victim notices on case 7001235.', routing: { state: 'unrouted' } });
    const events = await registrationEvents(intake!.id);
    expect(events).toEqual([expect.objectContaining({ type: 'registration', caseNumber: '7001235', channel: 'sms', phoneLast4: '0172', status: 'active', actor: 'texter' })]);
    // The whole conversation is on it too, in order: the five texts, the line's questions and its answer.
    const timeline = await env.store.timeline(intake!.id);
    const texts = timeline.filter((event) => event.type === 'message_in' || event.type === 'message_out');
    expect(texts.filter((event) => event.type === 'message_in').map((event) => event.text)).toEqual(['I want to be told when the man who hurt me gets out of jail', '1', '7001235', '1', '1']);
    expect(texts[0]).toMatchObject({ type: 'message_in', actor: 'texter' });
    expect(texts.at(-1)).toMatchObject({ type: 'message_out' });
    expect(texts.at(-1)!.type === 'message_out' && texts.at(-1)!.text).toContain('7001235');
    expect(texts.map((event) => event.at)).toEqual([...texts.map((event) => event.at)].sort());
    // Redelivered, the last text adds nothing.
    await handleInboundText({ from, body: '1', messageId: 'register-text-4' }, textDeps());
    expect(await env.store.timeline(intake!.id)).toHaveLength(timeline.length);
  });
});

describe('a registration by staff, from a victim services intake', () => {
  it('keeps the intake id and puts the registration on its timeline, once however often the form is sent; a withdrawal shows too', async () => {
    const { intake } = await env.store.create({ sourceKey: 'victim-intake-1', category: 'victim', language: 'en', channel: 'sms', phone: '+12025550173' as never, summary: 'Asks to be told about a release' });
    const body = { language: 'en', phone: '+12025550173', key: 'from-intake-1', intakeId: intake.id };
    const registration = await registerOnBehalf(carmen, '7001236', body, caseDeps());
    await registerOnBehalf(carmen, '7001236', body, caseDeps());
    expect(registration).toMatchObject({ intakeId: intake.id, status: 'pending', source: 'console' });
    expect(await registrationEvents(intake.id)).toEqual([
      expect.objectContaining({ type: 'registration', registrationId: registration.id, caseNumber: '7001236', channel: 'console', phoneLast4: '0173', status: 'pending', actor: 'carmen' }),
    ]);
    expect(registrationWords((await registrationEvents(intake.id))[0]!)).toBe('Registered for notices on case 7001236 by staff, •••-•••-0173: waiting for YES by text.');

    time.advance(60_000);
    await withdrawOnBehalf(carmen, '7001236', registration.id, caseDeps());
    expect((await registrationEvents(intake.id)).map((event) => [event.type, event.status, event.actor])).toEqual([
      ['registration', 'pending', 'carmen'],
      ['registration_status', 'withdrawn', 'carmen'],
    ]);
  });

  it('registers from a victim services intake only, and one that exists', async () => {
    const { intake: tip } = await env.store.create({ sourceKey: 'tip-intake-1', category: 'tip', language: 'en', channel: 'sms', phone: '+12025550174' as never, summary: 'A tip' });
    // Carmen does not work tips: to her that tip is one that does not exist; a supervisor is told what it is.
    await expect(registerOnBehalf(carmen, '7001237', { language: 'en', email: 'a@example.org', key: 'from-tip-1', intakeId: tip.id }, caseDeps())).rejects.toBeInstanceOf(NotFoundError);
    const supervisor: StaffMember = { username: 'sam', groups: ['supervisor'] };
    await expect(registerOnBehalf(supervisor, '7001237', { language: 'en', email: 'a@example.org', key: 'from-tip-2', intakeId: tip.id }, caseDeps())).rejects.toBeInstanceOf(ForbiddenChangeError);
    await expect(registerOnBehalf(carmen, '7001237', { language: 'en', email: 'a@example.org', key: 'from-nowhere-1', intakeId: '0000000000' }, caseDeps())).rejects.toBeInstanceOf(NotFoundError);
    expect((await env.registrations.listByCase('7001237' as never)).items).toEqual([]);
  });

  it('without an intake, registers as before: nothing links it', async () => {
    const registration = await registerOnBehalf(carmen, '7001238', { language: 'en', email: 'b@example.org', key: 'no-intake-1' }, caseDeps());
    expect(registration).not.toHaveProperty('intakeId');
  });
});
