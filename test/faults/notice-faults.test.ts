import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FAN_OUT_GRACE_MS } from '../../shared/adapters/dynamodb/custody-event-store';
import { DynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import type { LocalEmail } from '../../shared/adapters/local/email-sender';
import type { LocalText } from '../../shared/adapters/local/sms-sender';
import { LocalWorkQueue } from '../../shared/adapters/local/work-queue';
import { CaseNumberSchema, type CaseNumber } from '../../shared/domain/notifications';
import type { E164 } from '../../shared/domain/phone';
import type { StaffMember } from '../../shared/domain/permissions';
import { caseView, deliverNotice, fanOutDueEvents, fanOutPage, recordCustodyEvent, type FanOutTask, type NoticeTask } from '../../shared/use-cases/victim-notices';
import { startServices } from '../../local/services';
import { LOCAL_HOTLINE } from '../../local/sms-events';
import { manualClock, storeOnDynalite } from '../support/store';

const run = promisify(execFile);
const carmen: StaffMember = { username: 'carmen', groups: ['victim'] };
const ROOT = path.resolve(import.meta.dirname, '../..');

const REGISTRANTS = [
  { phone: '+12025550811', channels: ['sms'] as const },
  { phone: '+12025550812', channels: ['sms'] as const },
  { email: 'crash.one@example.org', channels: ['email'] as const },
  { phone: '+12025550813', email: 'crash.two@example.org', channels: ['sms', 'email'] as const },
];

async function registerAll(registrations: DynamoRegistrationStore | Awaited<ReturnType<typeof startServices>>['registrations'], caseNumber: CaseNumber) {
  for (const [index, person] of REGISTRANTS.entries()) {
    await registrations.create({
      sourceKey: `crash:${index}`,
      caseNumber,
      language: index % 2 ? 'es' : 'en',
      channels: [...person.channels],
      ...('phone' in person ? { phone: person.phone as E164 } : {}),
      ...('email' in person ? { email: person.email } : {}),
      source: 'console',
      createdBy: 'carmen',
      active: true,
    });
  }
}

/** Notices in the local outbox, by recipient (a number or an address). */
async function noticesByRecipient(services: Awaited<ReturnType<typeof startServices>>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const text of await services.outbox.list<LocalText>('sms')) if (text.text.startsWith('Victim notice') || text.text.startsWith('Aviso')) counts[text.to] = (counts[text.to] ?? 0) + 1;
  for (const email of await services.outbox.list<LocalEmail>('email')) counts[email.to] = (counts[email.to] ?? 0) + 1;
  return counts;
}

const EVERY_RECIPIENT = { '+12025550811': 1, '+12025550812': 1, 'crash.one@example.org': 1, '+12025550813': 1, 'crash.two@example.org': 1 };

describe('victim notices survive a crash between the event write and its fan-out', () => {
  it('SIGKILL after the API answered 200: after a restart every registrant gets exactly one notice', async () => {
    const data = path.join(mkdtempSync(path.join(tmpdir(), 'enlace-crash-')), 'data');
    const caseNumber = CaseNumberSchema.parse('8100234');
    const before = await startServices({ dataDir: data });
    await registerAll(before.registrations, caseNumber);
    await before.stop();

    // A real process, killed with SIGKILL right after it answered 200 for the event.
    const child = await run(process.execPath, ['--import', 'tsx', 'test/fixtures/crash/record-event-then-die.ts', data, caseNumber, 'crash-event-0001'], { cwd: ROOT }).catch(
      (error: { signal?: string; stdout?: string }) => error,
    );
    expect((child as { signal?: string }).signal).toBe('SIGKILL');
    expect(child.stdout?.trim()).toBe('200');

    const after = await startServices({ dataDir: data });
    try {
      // Staff see the event as not yet notified, and no notice went out.
      const [pending] = (await caseView(carmen, caseNumber, after)).events;
      expect(pending?.fanOut).toBe('pending');
      expect(await noticesByRecipient(after)).toEqual({});

      await after.notify();
      await after.notify(); // a second round of the work loop sends nothing twice
      expect(await noticesByRecipient(after)).toEqual(EVERY_RECIPIENT);
      const [done] = (await caseView(carmen, caseNumber, after)).events;
      expect(done?.fanOut).toBe('done');
      expect(done?.deliveries).toEqual({ sending: 0, sent: 5, failed: 0, skipped: 0 });
    } finally {
      await after.stop();
    }
  }, 60_000);
});

describe('the notice pipeline in AWS terms', () => {
  it('a failed fan-out (the stream batch gave up) leaves the event pending; the sweep after the grace time fans it out once', async () => {
    const time = manualClock();
    const env = await storeOnDynalite(time.clock);
    try {
      const caseNumber = CaseNumberSchema.parse('8100235');
      await registerAll(env.registrations, caseNumber);
      const deps = { ...env, clock: time.clock };
      const event = await recordCustodyEvent(carmen, caseNumber, { type: 'escaped', date: '2026-11-23', key: 'stream-gave-up-1' }, deps);

      // The stream's attempts all fail: the notice queue refuses every send (the batch goes to its on-failure destination).
      let refused = 0;
      const failing = { registrations: env.registrations, events: env.events, fanOut: new LocalWorkQueue<FanOutTask>(), notices: { send: async () => { refused++; throw new Error('SQS unavailable'); } } };
      await expect(fanOutPage({ caseNumber, eventId: event.id }, failing)).rejects.toThrow('SQS unavailable');
      expect(refused).toBe(1);

      // Staff see it; the sweep leaves it to the stream during the grace time.
      expect((await caseView(carmen, caseNumber, deps)).events[0]?.fanOut).toBe('pending');
      const notices = new LocalWorkQueue<NoticeTask>();
      const fanOut = new LocalWorkQueue<FanOutTask>();
      const healthy = { registrations: env.registrations, events: env.events, fanOut, notices, clock: time.clock };
      expect(await fanOutDueEvents(healthy)).toEqual({ fanned_out: 0 });

      time.advance(FAN_OUT_GRACE_MS);
      expect(await fanOutDueEvents(healthy)).toEqual({ fanned_out: 1 });
      expect(await fanOutDueEvents(healthy)).toEqual({ fanned_out: 0 }); // done: not swept again
      const sent: string[] = [];
      const sender = { send: async (to: string) => (sent.push(to), { messageId: `m-${sent.length}` }) };
      const delivered = await notices.drain((task) => deliverNotice(task, { ...env, sms: sender, email: sender, hotline: LOCAL_HOTLINE }));
      expect(delivered).toBe(5);
      expect(sent.sort()).toEqual(Object.keys(EVERY_RECIPIENT).sort());
      expect((await caseView(carmen, caseNumber, deps)).events[0]?.fanOut).toBe('done');
    } finally {
      await env.dynamo.stop();
    }
  });

  it('KMS failing to open a registrant\'s contact: the delivery is on record as failed before the error is thrown', async () => {
    const time = manualClock();
    const env = await storeOnDynalite(time.clock);
    try {
      const caseNumber = CaseNumberSchema.parse('8100236');
      await registerAll(env.registrations, caseNumber);
      const event = await recordCustodyEvent(carmen, caseNumber, { type: 'released', date: '2026-11-23', key: 'kms-down-0001' }, { ...env, clock: time.clock });
      // The vault (KMS Decrypt in AWS) throws, as KMS does when throttled or when the key is disabled.
      let kmsFaults = 0;
      const vault = { ...env.vault, open: async () => { kmsFaults++; throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }); }, seal: env.vault.seal.bind(env.vault), fingerprint: env.vault.fingerprint.bind(env.vault) };
      const registrations = new DynamoRegistrationStore({ client: env.dynamo.client, tableName: env.dynamo.tableName, vault, clock: time.clock, retentionDays: 30, optedOutRetentionDays: 30 });
      const notices = new LocalWorkQueue<NoticeTask>(1);
      await fanOutPage({ caseNumber, eventId: event.id }, { registrations, events: env.events, fanOut: new LocalWorkQueue<FanOutTask>(), notices });
      const sender = { send: async () => ({ messageId: 'never' }) };
      expect(await notices.drain((task) => deliverNotice(task, { ...env, registrations, sms: sender, email: sender, hotline: LOCAL_HOTLINE }))).toBe(0);
      expect(kmsFaults).toBe(5);
      expect(notices.deadLetters).toHaveLength(5);
      expect(await env.events.deliveryCounts(event.id)).toEqual({ sending: 0, sent: 0, failed: 5, skipped: 0 });
    } finally {
      await env.dynamo.stop();
    }
  });
});
