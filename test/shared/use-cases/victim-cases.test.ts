import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys as tableKeys } from '../../../shared/adapters/dynamodb/keys';
import { DynamoRegistrationStore } from '../../../shared/adapters/dynamodb/registration-store';
import { ENGLISH_REFUSALS, refusalWords } from '../../../shared/domain/refusal-words';
import { canonicalCaseNumber } from '../../../shared/domain/case-number';
import { InvalidInputError } from '../../../shared/domain/errors';
import type { StaffMember } from '../../../shared/domain/permissions';
import { caseView, recordCustodyEvent, registerOnBehalf, withdrawOnBehalf, type CaseDeps, type IntakeLink } from '../../../shared/use-cases/victim-notices';
import type { E164 } from '../../../shared/domain/phone';
import { interleavingClient } from '../../support/interleaving';
import { TEST_RETENTION_DAYS, manualClock, storeOnDynalite } from '../../support/store';

// 2026-11-23, 15:00 UTC.
const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let deps: CaseDeps & IntakeLink;
const carmen: StaffMember = { username: 'carmen', groups: ['victim'] };
let keys = 0;
const key = () => `victim-cases-${++keys}`;

beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  deps = { registrations: env.registrations, texters: env.texters, events: env.events, audit: env.audit, intakes: env.store, clock: time.clock };
});
afterAll(() => env.dynamo.stop());

/** The field issue a refusal names, in staff words. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidInputError);
  // As the staff API says it in English, from the staff catalog.
  const { refusalCode, code, facts, issues } = error as InvalidInputError;
  return refusalWords(ENGLISH_REFUSALS, refusalCode ?? code, facts, issues)!;
}

describe('case numbers have one form', () => {
  it('reads a case number however it is written, and refuses what is not one', () => {
    for (const typed of ['4400123', 'CASE 44-00123', '44 00123', '4400123#', '#4400.123', 'caso nº 4400123', 'Case No. 44/00123']) expect(canonicalCaseNumber(typed), typed).toBe('4400123');
    for (const typed of ['ab-123 45', 'AB12345', '12345', '1234567890123', '44A00123', '']) expect(canonicalCaseNumber(typed), typed).toBeUndefined();
  });

  it('stores, looks up and shows a case under its canonical number, whichever way staff wrote it', async () => {
    const registration = await registerOnBehalf(carmen, 'CASE 71-00123', { language: 'es', email: 'una@example.org', key: key() }, deps);
    expect(registration.caseNumber).toBe('7100123');
    const view = await caseView(carmen, '71 00123', deps);
    expect(view.caseNumber).toBe('7100123');
    expect(view.registrations.map((found) => found.id)).toEqual([registration.id]);
    expect(await refusal(caseView(carmen, 'ab-123 45', deps))).toBe('This could not be sent as it is. A case number is 6 to 12 digits, for example 20261123.');
  });
});

describe('custody event dates', () => {
  const record = (type: string, date: string, extra: Partial<CaseDeps> = {}) => recordCustodyEvent(carmen, '7200123', { type, date, key: key() }, { ...deps, ...extra });

  it('refuses what has happened dated after today, and anything more than a year back', async () => {
    expect(await refusal(record('released', '2026-11-25'))).toBe(
      '“Released” is recorded once it has happened, and November 25, 2026 has not come yet. A release still to come is “Release scheduled”.',
    );
    expect(await refusal(record('escaped', '2027-01-02'))).toMatch(/^“Escaped from custody” is recorded once it has happened/);
    expect(await refusal(record('release_scheduled', '2025-11-01'))).toBe(
      'November 1, 2025 is more than 365 days ago: check the date (notices about something that old would mislead).',
    );
    expect(await refusal(record('released', '2025-11-01'))).toMatch(/more than 365 days ago/);
    expect((await caseView(carmen, '7200123', deps)).events).toEqual([]);
  });

  it('records today (in any time zone), a past date within the limit, and a release still to come', async () => {
    // 15:00 UTC on the 23rd is already the 24th west of the date line's other side (UTC+14).
    expect((await record('released', '2026-11-24')).date).toBe('2026-11-24');
    expect((await record('released', '2025-11-23')).date).toBe('2025-11-23');
    expect((await record('release_scheduled', '2027-03-01')).type).toBe('release_scheduled');
    // The limit is configurable.
    expect((await record('returned', '2024-06-10', { oldestEventDays: 1000 })).date).toBe('2024-06-10');
    expect((await caseView(carmen, '7200123', deps)).events).toHaveLength(4);
  });
});

describe('one registration per contact in a case', () => {
  it('registers a number once, however it is written, and says so the second time', async () => {
    const first = await registerOnBehalf(carmen, '7300123', { language: 'en', phone: '+12025550123', key: key() }, deps);
    expect(first.alreadyRegistered).toBeUndefined();
    const second = await registerOnBehalf(carmen, '7300123', { language: 'es', phone: '(202) 555-0123', key: key() }, deps);
    expect(second).toMatchObject({ id: first.id, language: 'en', alreadyRegistered: { contact: 'phone' } });
    // The same address, written in capitals, and a new number with it: nothing is added, not even the number.
    await registerOnBehalf(carmen, '7300123', { language: 'en', email: 'dos@example.org', key: key() }, deps);
    const third = await registerOnBehalf(carmen, '7300123', { language: 'en', email: 'DOS@example.org', phone: '+12025550124', key: key() }, deps);
    expect(third.alreadyRegistered).toEqual({ contact: 'email' });
    expect((await env.registrations.listByCase('7300123')).items).toHaveLength(2);
    // Another case may have the same number.
    expect((await registerOnBehalf(carmen, '7400123', { language: 'en', phone: '+12025550123', key: key() }, deps)).alreadyRegistered).toBeUndefined();
    // The new number was not claimed by the refused registration: it registers now.
    expect((await registerOnBehalf(carmen, '7300123', { language: 'en', phone: '+12025550124', key: key() }, deps)).alreadyRegistered).toBeUndefined();
  });

  it('registers a withdrawn number again, as a new registration, and counts registrations by state', async () => {
    const first = await registerOnBehalf(carmen, '7500123', { language: 'en', phone: '+12025550125', key: key() }, deps);
    await registerOnBehalf(carmen, '7500123', { language: 'en', email: 'tres@example.org', key: key() }, deps);
    await withdrawOnBehalf(carmen, '7500123', first.id, deps);
    const again = await registerOnBehalf(carmen, '7500123', { language: 'es', phone: '+12025550125', key: key() }, deps);
    expect(again.alreadyRegistered).toBeUndefined();
    expect(again.id).not.toBe(first.id);
    const view = await caseView(carmen, '7500123', deps);
    expect(view.counts).toEqual({ active: 1, pending: 1, withdrawn: 1 });
    expect(view.registrations).toHaveLength(3);
  });
});

describe("a registration's pointer and contact claim follow its status", () => {
  const base = { language: 'en' as const, channels: ['sms' as const], source: 'console' as const, createdBy: 'carmen' };

  /** A registration store whose client runs `between` once, right after the first command `when` matches is done. */
  function storeThatInterleaves(when: (command: unknown) => boolean, between: () => Promise<unknown>) {
    const { client, raced } = interleavingClient(env.dynamo.client, when, between);
    const store = new DynamoRegistrationStore({ client, tableName: env.dynamo.tableName, vault: env.vault, clock: time.clock, retentionDays: TEST_RETENTION_DAYS.intake, optedOutRetentionDays: TEST_RETENTION_DAYS.intake });
    return { store, raced };
  }

  /** The expiries of a registration, its registrant pointer and its contact claim. */
  async function expiries(caseNumber: string, phone: E164, id: string) {
    const hash = await env.vault.fingerprint(phone);
    const read = async (key: { pk: string; sk: string }) => (await env.dynamo.client.send(new GetCommand({ TableName: env.dynamo.tableName, Key: key, ConsistentRead: true }))).Item;
    const registration = await read(tableKeys.registration(caseNumber, id));
    const [pointer, claim] = await Promise.all([read(tableKeys.registrant(hash, caseNumber, id)), read(tableKeys.caseContact(caseNumber, hash))]);
    expect(pointer, 'the pointer').toBeDefined();
    expect(claim, 'the claim').toBeDefined();
    return { status: registration?.status, registration: registration?.expiresAt, pointer: pointer?.expiresAt, claim: claim?.expiresAt };
  }

  it('withdrawn by staff while the YES that activates it is still writing: the pointer and the claim expire with it', async () => {
    const phone = '+12025550126' as E164;
    const { registration } = await env.registrations.create({ ...base, phone, sourceKey: 'follow-activate-withdraw', caseNumber: '7600123', active: false });
    // The activation's status is written; staff withdraw it before the activation takes the pointer's and the claim's expiry off.
    const { store, raced } = storeThatInterleaves(
      (command) => command instanceof UpdateCommand && command.input.ExpressionAttributeValues?.[':active'] === 'active',
      () => env.registrations.withdraw('7600123', registration.id, 'carmen', { action: 'withdraw_registration' }),
    );
    await store.activate('7600123', registration.id);
    expect(raced()).toBe(true);
    const found = await expiries('7600123', phone, registration.id);
    expect(found.status).toBe('withdrawn');
    expect(found.registration).toBeDefined();
    expect(found, 'kept no longer than the withdrawn registration').toMatchObject({ pointer: found.registration, claim: found.registration });
  });

  it('the same staff form sent again after the YES, or a register text redelivered after a WITHDRAW: the pointer and the claim keep the expiry of the registration as it is', async () => {
    const [confirmed, withdrawn] = ['+12025550127', '+12025550128'] as E164[];
    const form = { ...base, phone: confirmed!, sourceKey: 'console:follow-form', caseNumber: '7700123', active: false };
    const first = await env.registrations.create(form);
    await env.registrations.activate('7700123', first.registration.id);
    const text = { ...base, phone: withdrawn!, source: 'sms' as const, sourceKey: 'sms:follow-text', caseNumber: '7700124', active: true };
    const second = await env.registrations.create(text);
    await env.registrations.withdraw('7700124', second.registration.id, 'registrant');
    const before = [await expiries('7700123', confirmed!, first.registration.id), await expiries('7700124', withdrawn!, second.registration.id)];

    expect(await env.registrations.create(form)).toMatchObject({ created: false, registration: { id: first.registration.id, status: 'active' } });
    expect(await env.registrations.create(text)).toMatchObject({ created: false, registration: { id: second.registration.id, status: 'withdrawn' } });
    const active = await expiries('7700123', confirmed!, first.registration.id);
    expect(active, 'active: kept while it stands').toMatchObject({ status: 'active', registration: undefined, pointer: undefined, claim: undefined });
    const gone = await expiries('7700124', withdrawn!, second.registration.id);
    expect(gone.registration).toBeDefined();
    expect(gone, 'withdrawn: kept no longer than the registration').toMatchObject({ status: 'withdrawn', pointer: gone.registration, claim: gone.registration });
    expect([active, gone]).toEqual(before);
  });

  it('the same staff form with a number and an e-mail address sent twice at once: one registration, and the second request answered with it', async () => {
    const form = { ...base, channels: ['sms' as const, 'email' as const], phone: '+12025550129' as E164, email: 'twice@example.org', sourceKey: 'console:twice-at-once', caseNumber: '7800123', active: false };
    // Both requests read no claim on either contact; the first claims them and registers before the second claims.
    let first: Awaited<ReturnType<typeof env.registrations.create>> | undefined;
    const { store, raced } = storeThatInterleaves(
      (command) => command instanceof GetCommand && String(command.input.Key?.sk).startsWith('CONTACT#'),
      async () => (first = await env.registrations.create(form)),
    );
    const second = await store.create(form);
    expect(raced()).toBe(true);
    expect(first?.created).toBe(true);
    expect(second.registration.id).toBe(first?.registration.id);
    expect((await caseView(carmen, '7800123', deps)).registrations).toHaveLength(1);
  });

});
