import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalText } from '../../shared/adapters/local/sms-sender';
import { LocalSmsSender } from '../../shared/adapters/local/sms-sender';
import type { LocalTask } from '../../shared/adapters/local/task-router';
import { CATALOG } from '../../shared/domain/catalog';
import type { E164 } from '../../shared/domain/phone';
import { startServices, type LocalServices } from '../../local/services';

let now = Date.parse('2026-11-23T15:00:00.000Z');
let failSends = 0;
let services: LocalServices;
beforeAll(async () => {
  services = await startServices({
    clock: () => new Date(now),
    // Fault injection: the next `failSends` sends fail as an SNS outage would.
    smsSender: (outbox, clock) => {
      const local = new LocalSmsSender(outbox, clock);
      return {
        send: (to: E164, text: string) => (failSends-- > 0 ? Promise.reject(new Error('SNS is unavailable')) : local.send(to, text)),
      };
    },
  });
});
afterAll(() => services.stop());

let numbers = 0;
const newNumber = () => `+1202555${String(1000 + ++numbers).slice(-4)}`;

async function sentTo(number: string): Promise<string[]> {
  return (await services.outbox.list<LocalText>('sms')).filter((sms) => sms.to === number).map((sms) => sms.text);
}

async function text(from: string, body: string, messageId?: string) {
  now += 30_000;
  const result = await services.text(from, body, messageId);
  await services.sendDue();
  return result;
}

describe('texting the hotline', () => {
  it('in Spanish: the intake is stored, the texter gets the reference number, and staff get a task', async () => {
    const from = newNumber();
    await text(from, 'Mi hermano fue detenido ayer');
    await text(from, 'Se llama Juan, lo llevaron al centro de detención del condado');
    const done = await text(from, '1');
    const ref = done.referenceNumber!;
    expect(done).toMatchObject({ effect: 'create_intake', category: 'detainee', language: 'es' });
    expect((await sentTo(from)).at(-1)).toMatch(new RegExp(`^Gracias\\. Su número de referencia es ${ref}\\.`));

    const intake = await services.store.get(ref);
    expect(intake).toMatchObject({ channel: 'sms', category: 'detainee', language: 'es', queueKey: 'detainee-es', routing: { state: 'unrouted' } });
    expect(intake!.summary).toContain('Se llama Juan');
    expect(await services.store.revealPhone(ref)).toBe(from);

    await services.routeDue();
    const task = (await services.outbox.list<LocalTask>('task')).find((t) => t.intakeId === ref);
    expect(task).toMatchObject({ queueKey: 'detainee-es', name: `Text ${ref} · detainee · es` });
    expect(await services.store.get(ref)).toMatchObject({ routing: { state: 'routed', via: 'task' } });
  });

  it('delivered five times, a message makes one intake and one reply, even all at once', async () => {
    const from = newNumber();
    await text(from, 'My husband was picked up by ICE this morning and nobody tells us where he is');
    const before = (await sentTo(from)).length;
    now += 30_000;
    const results = await Promise.all(Array.from({ length: 5 }, () => services.text(from, '1', 'same-delivery')));
    await services.sendDue();
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    const refs = new Set(results.map((result) => result.referenceNumber).filter(Boolean));
    expect(refs.size).toBe(1);
    expect((await sentTo(from)).length - before).toBe(1);
    // and later, one at a time
    for (let i = 0; i < 5; i++) await text(from, '1', 'same-delivery');
    expect((await sentTo(from)).length - before).toBe(1);
  });

  it('a number that opts out is recorded and gets nothing more, even replies already queued', async () => {
    const from = newNumber();
    await text(from, 'hola');
    expect(await sentTo(from)).toEqual([CATALOG.es['sms.menu']]);
    // A reply queued but not yet sent when the texter says STOP is dropped.
    now += 30_000;
    await services.text(from, '1');
    now += 30_000;
    await services.text(from, 'STOP');
    await services.sendDue();
    expect(await sentTo(from)).toEqual([CATALOG.es['sms.menu']]);
    await text(from, 'hola otra vez');
    expect(await sentTo(from)).toEqual([CATALOG.es['sms.menu']]);
    expect((await services.texters.load(from as E164))?.texter.optedOut).toBe(true);

    // ALTO gets its one confirmation (the carrier only answers STOP), START brings messages back.
    const other = newNumber();
    await text(other, 'ALTO');
    await text(other, 'START');
    expect(await sentTo(other)).toEqual([CATALOG.es['sms.optedOut'], CATALOG.es['sms.optedIn']]);
  });

  it('a failed send keeps the reply queued, and it goes out on the next sweep after a back-off', async () => {
    const from = newNumber();
    failSends = 1;
    await text(from, 'HELP');
    expect(await sentTo(from)).toEqual([]);
    await services.sendDue();
    expect(await sentTo(from)).toEqual([]); // not due yet
    now += 61_000;
    await services.sendDue();
    expect(await sentTo(from)).toEqual([CATALOG.en['sms.help']]);
  });

  it('a later text goes on the timeline of the request, once', async () => {
    const from = newNumber();
    await text(from, 'Quiero denunciar a un hombre que vende drogas afuera de la escuela de mis hijos');
    await text(from, '2');
    const { referenceNumber } = await text(from, '1');
    await text(from, 'Tiene un carro rojo', 'follow-up-1');
    await text(from, 'Tiene un carro rojo', 'follow-up-1');
    const timeline = await services.store.timeline(referenceNumber!);
    // The whole conversation is on it (the first texts too), and the follow-up once.
    expect(timeline.filter((event) => event.type === 'message_in').map((event) => event.type === 'message_in' && event.text)).toEqual([
      'Quiero denunciar a un hombre que vende drogas afuera de la escuela de mis hijos',
      '2',
      '1',
      'Tiene un carro rojo',
    ]);
    expect((await sentTo(from)).at(-1)).toBe(`Agregamos su mensaje a la solicitud ${referenceNumber}. Para una nueva solicitud, responda NUEVA. En una emergencia, llame al 911.`);
  });

  it('a status lookup by text answers the status only', async () => {
    const from = newNumber();
    await text(from, 'my son was arrested by immigration and I need to know where they are holding him');
    const { referenceNumber } = await text(from, '1');
    const asker = newNumber();
    await text(asker, referenceNumber!);
    expect(await sentTo(asker)).toEqual([`Request ${referenceNumber}: received, waiting for a staff member.`]);
  });

  it('an anonymous tip keeps no number', async () => {
    const from = newNumber();
    await text(from, 'I want to report a stash house on my street, lots of people coming and going at night');
    await text(from, '1');
    const { referenceNumber } = await text(from, '1');
    expect(await services.store.get(referenceNumber!)).toMatchObject({ anonymous: true, contact: null });
    expect(await services.store.revealPhone(referenceNumber!)).toBeUndefined();
  });
});
