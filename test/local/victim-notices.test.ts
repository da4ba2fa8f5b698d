import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEmail } from '../../shared/adapters/local/email-sender';
import type { LocalText } from '../../shared/adapters/local/sms-sender';
import { CATALOG } from '../../shared/domain/catalog';
import { runCall } from '../../local/flow-interpreter';
import { startServices, type LocalServices } from '../../local/services';
import { call as callApi } from '../support/console';

let services: LocalServices;
let now = Date.parse('2026-11-23T15:00:00.000Z');
beforeAll(async () => {
  services = await startServices({ clock: () => new Date(now) });
});
afterAll(() => services.stop());

const CASE = '20261123';
let keys = 0;

async function text(from: string, ...bodies: string[]) {
  for (const body of bodies) {
    now += 20_000;
    await services.text(from, body);
  }
  await services.sendDue();
}
const textsTo = async (number: string) => (await services.outbox.list<LocalText>('sms')).filter((sms) => sms.to === number).map((sms) => sms.text);
const emailsTo = async (address: string) => (await services.outbox.list<LocalEmail>('email')).filter((email) => email.to === address);
const api = (method: string, path: string, body?: unknown, groups: ('victim' | 'tip' | 'supervisor')[] = ['victim']) => callApi(services.staffApi, method, path, groups, body, 'carmen');

describe('registering for notices', () => {
  it('by phone: the caller keys in the case, and confirms by answering YES to a text', async () => {
    const caller = '+12025550301';
    const transcript = await runCall(services.voice.environment, services.voice.entryFlow, { from: caller, keys: ['1', '3', '1', `${CASE}#`, '1'] });
    const heard = transcript.entries.flatMap((entry) => (entry.type === 'prompt' ? [entry.text] : []));
    expect(heard).toContain(`You entered ${CASE.split('').join(' ')}. If that is right, press 1. To enter it again, press 2.`);
    expect(heard).toContain(CATALOG.en['voice.registrationSent']);
    expect(transcript.outcome).toEqual({ type: 'disconnected' });

    await services.sendDue();
    expect(await textsTo(caller)).toEqual([`Victim notices: reply YES to get notices about case ${CASE}. If you did not ask for them, reply NO.`]);
    const pending = (await services.registrations.byPhone(caller as never))[0]!;
    expect(pending).toMatchObject({ caseNumber: CASE, status: 'pending', source: 'voice', channels: ['sms'], phoneLast4: '0301' });

    await text(caller, 'Yes');
    expect((await textsTo(caller)).at(-1)).toBe(`Thank you. You will get notices about case ${CASE}. Reply WITHDRAW to stop them.`);
    expect((await services.registrations.byPhone(caller as never))[0]).toMatchObject({ status: 'active' });
  });

  it('by phone from a number that opted out: the caller hears, and Connect sees, what any caller does', async () => {
    const optedOut = '+12025550391';
    const other = '+12025550392';
    await text(optedOut, 'STOP');
    const register = (from: string) => runCall(services.voice.environment, services.voice.entryFlow, { from, keys: ['1', '3', '1', `${CASE}#`, '1'] });
    const [off, on] = [await register(optedOut), await register(other)];
    // Everything Connect plays, sets or gets back is the same, the ContactId aside.
    const seen = (transcript: Awaited<ReturnType<typeof register>>) => JSON.stringify([transcript.entries, transcript.attributes, transcript.flowLog]).replaceAll(transcript.contactId, 'ID');
    expect(seen(off)).toBe(seen(on));
    await services.sendDue();
    expect(await textsTo(optedOut)).toEqual([]); // and the opted-out number still gets nothing
    expect(await textsTo(other)).toHaveLength(1);
  });

  it('by text, in Spanish, for notices by text', async () => {
    const texter = '+12025550302';
    await text(texter, 'Quiero saber cuando sale el hombre que me agredió', '1', CASE, '1', '1');
    expect(await textsTo(texter)).toEqual([
      CATALOG.es['sms.victimChoice'],
      CATALOG.es['sms.askCaseNumber'],
      CATALOG.es['sms.askNoticeChannel'],
      `Le enviaremos avisos sobre el caso ${CASE} por mensaje de texto. Responda 1 para confirmar o 2 para cancelar.`,
      `Su inscripción a los avisos del caso ${CASE} quedó registrada. Responda RETIRAR para no recibirlos.`,
    ]);
    expect((await services.registrations.byPhone(texter as never))[0]).toMatchObject({ status: 'active', language: 'es', source: 'sms' });
  });

  it('by text, for notices by e-mail, with a bad address asked again', async () => {
    const texter = '+12025550303';
    await text(texter, 'I was the victim of an assault and want to be notified when he gets out', '1', CASE, '2', 'not an address', 'Ana.Victim@Example.org', '1');
    const texts = await textsTo(texter);
    expect(texts).toContain(CATALOG.en['sms.emailInvalid']);
    const [registration] = await services.registrations.byPhone(texter as never);
    expect(registration).toMatchObject({ channels: ['email'], emailMasked: 'a*********@example.org', status: 'active' });
  });

  it('by staff on behalf of a victim: an e-mail is active at once, a number confirms by text', async () => {
    const email = await api('POST', `/cases/${CASE}/registrations`, { language: 'en', email: 'family@example.org', key: `registration-form-${++keys}` });
    expect(email).toMatchObject({ status: 200, body: { status: 'active', channels: ['email'], source: 'console', createdBy: 'carmen' } });
    const phone = await api('POST', `/cases/${CASE}/registrations`, { language: 'es', phone: '(202) 555-0304', key: `registration-form-${++keys}` });
    expect(phone).toMatchObject({ status: 200, body: { status: 'pending', channels: ['sms'] } });
    await services.sendDue();
    expect(await textsTo('+12025550304')).toEqual([`Avisos a víctimas: responda SÍ para recibir avisos sobre el caso ${CASE}. Si no los pidió, responda NO.`]);
    await text('+12025550304', 'no');
    expect((await textsTo('+12025550304')).at(-1)).toBe(`No recibirá avisos sobre el caso ${CASE}.`);
    expect((await services.registrations.byPhone('+12025550304' as never))[0]).toMatchObject({ status: 'withdrawn' });
  });

  it('is refused for other staff, and for a malformed case or contact', async () => {
    expect((await api('POST', `/cases/${CASE}/registrations`, { language: 'en', email: 'x@example.org', key: 'form-tip-1' }, ['tip'])).status).toBe(403);
    expect(await api('POST', '/cases/12/registrations', { language: 'en', email: 'x@example.org', key: 'form-bad-1' })).toMatchObject({ status: 400, body: { issues: [{ field: '(root)' }] } });
    expect(await api('POST', `/cases/${CASE}/registrations`, { language: 'en', key: 'form-bad-2' })).toMatchObject({ status: 400, body: { issues: [{ field: 'phone' }] } });
  });
});

describe('a custody event', () => {
  it('reaches every active registrant once, in their language, on their channel; never the withdrawn or opted-out', async () => {
    // One more registrant who then opts out of texts altogether.
    await text('+12025550305', 'Quiero recibir avisos cuando liberen al agresor de mi hija', '1', CASE, '1', '1', 'ALTO');
    const before = (await services.outbox.list<LocalText>('sms')).length;

    const key = `custody-event-${++keys}`;
    const recorded = await api('POST', `/cases/${CASE}/events`, { type: 'released', date: '2026-11-22', key });
    expect(recorded).toMatchObject({ status: 200, body: { caseNumber: CASE, type: 'released', recordedBy: 'carmen' } });
    await services.notify();
    // The same form sent again, and the queues run again: nothing more.
    await api('POST', `/cases/${CASE}/events`, { type: 'released', date: '2026-11-22', key });
    await services.notify();

    const sent = (await services.outbox.list<LocalText>('sms')).slice(before);
    const ref = (recorded.body.id as string).slice(0, 8).toUpperCase();
    expect(sent.map((sms) => [sms.to, sms.text]).sort()).toEqual(
      [
        ['+12025550301', `Victim notice for case ${CASE}: the offender was released on November 22, 2026. Reference ${ref}. Reply WITHDRAW to stop these notices.`],
        ['+12025550302', `Aviso del caso ${CASE}: el delincuente fue puesto en libertad el 22 de noviembre de 2026. Referencia ${ref}. Responda RETIRAR para dejar de recibir avisos.`],
      ].sort(),
    );
    expect(sent.every((sms) => sms.segments <= 2)).toBe(true);
    const emails = [...(await emailsTo('ana.victim@example.org')), ...(await emailsTo('family@example.org'))];
    expect(emails.map((email) => email.subject)).toEqual([`Victim notice for case ${CASE}`, `Victim notice for case ${CASE}`]);

    const view = await api('GET', `/cases/${CASE}`);
    const event = (view.body.events as { id: string; deliveries: Record<string, number> }[]).find((e) => e.id === recorded.body.id);
    expect(event?.deliveries).toEqual({ sending: 0, sent: 4, failed: 0, skipped: 1 });
  });

  it('stops reaching a registrant who texts WITHDRAW', async () => {
    await text('+12025550302', 'RETIRAR');
    expect((await textsTo('+12025550302')).at(-1)).toBe(CATALOG.es['sms.withdrawn']);
    const before = await textsTo('+12025550302');
    await api('POST', `/cases/${CASE}/events`, { type: 'transferred', date: '2026-11-23', key: `custody-event-${++keys}` });
    await services.notify();
    expect(await textsTo('+12025550302')).toEqual(before);
    expect((await textsTo('+12025550301')).at(-1)).toContain('transferred to another facility on November 23, 2026');
  });

  it('shows staff the registrations masked, and records the view', async () => {
    const { body } = await api('GET', `/cases/${CASE}`);
    const registrations = body.registrations as Record<string, unknown>[];
    expect(registrations.length).toBeGreaterThanOrEqual(5);
    // Only the last four digits and the e-mail's first letter and domain are shown.
    expect(JSON.stringify(registrations)).not.toMatch(/\+1202|ana\.victim@|family@/);
    expect(registrations.map((registration) => registration.emailMasked).filter(Boolean).sort()).toEqual(['a*********@example.org', 'f*****@example.org']);
    const audit = await services.audit.forSubject({ type: 'case', id: CASE });
    expect(audit.map((event) => event.action)).toContain('view_registrations');
  });
});
