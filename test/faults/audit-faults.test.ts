import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log';
import { DynamoCustodyEventStore } from '../../shared/adapters/dynamodb/custody-event-store';
import { DynamoIntakeStore } from '../../shared/adapters/dynamodb/intake-store';
import { DynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { DynamoTexterStore } from '../../shared/adapters/dynamodb/texter-store';
import type { StaffMember } from '../../shared/domain/permissions';
import { addNote, changeStatus, claimIntake, type ConsoleDeps } from '../../shared/use-cases/staff-console';
import { recordCustodyEvent, registerOnBehalf, withdrawOnBehalf } from '../../shared/use-cases/victim-notices';
import { manualClock, storeOnDynalite } from '../support/store';

const time = manualClock('2026-11-23T15:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

const ana: StaffMember = { username: 'ana', groups: ['tip'] };
const sam: StaffMember = { username: 'sam', groups: ['supervisor'] };
const carmen: StaffMember = { username: 'carmen', groups: ['victim'] };

/**
 * The process dies right after its `writes`-th write reached the table: that write stands, and
 * nothing after it happens (every later call fails as a dead process would make no call).
 */
function dyingAfter(client: DynamoDBDocumentClient, writes: number): { client: DynamoDBDocumentClient; died: () => boolean } {
  let done = 0;
  let dead = false;
  const dying = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return async (command: unknown) => {
        if (dead) throw new Error('SIGKILL: the process is gone');
        const result = await target.send(command as never);
        if ((command instanceof PutCommand || command instanceof UpdateCommand) && ++done >= writes) dead = true;
        return result;
      };
    },
  });
  return { client: dying, died: () => dead };
}

function depsOn(client: DynamoDBDocumentClient): ConsoleDeps {
  const shared = { client, tableName: env.dynamo.tableName, clock: time.clock };
  return {
    intakes: new DynamoIntakeStore({ ...shared, vault: env.vault, sourceKeys: env.sourceKeys, retentionDays: 30, auditRetentionDays: 30 }),
    texters: new DynamoTexterStore({ ...shared, vault: env.vault, retentionDays: 30, optedOutRetentionDays: 30 }),
    audit: new DynamoAuditLog({ ...shared, retentionDays: 30 }),
    registrations: new DynamoRegistrationStore({ ...shared, vault: env.vault, retentionDays: 30, optedOutRetentionDays: 30 }),
    events: new DynamoCustodyEventStore({ ...shared, retentionDays: 30 }),
    directory: env.directory,
    clock: time.clock,
  };
}

describe('a change and its audit event cannot come apart', () => {
  it('killed after any write of a note, a claim or a status change: every change has its audit event and no audit event lacks its change', async () => {
    const healthy = depsOn(env.dynamo.client);
    let crashes = 0;
    for (let writes = 1; writes <= 3; writes++) {
      const { intake } = await env.store.create({ sourceKey: `audit-crash-${writes}`, category: 'tip', language: 'en', channel: 'console', summary: 'A tip' });
      const steps = [
        (deps: ConsoleDeps) => claimIntake(ana, intake.id, { version: 1 }, deps),
        (deps: ConsoleDeps) => addNote(ana, intake.id, { text: 'Called back, no answer' }, deps),
        async (deps: ConsoleDeps) => changeStatus(ana, intake.id, { to: 'resolved', version: (await healthy.intakes.get(intake.id))!.version }, deps),
      ];
      for (const step of steps) {
        time.advance(1000);
        const dying = dyingAfter(env.dynamo.client, writes);
        await step(depsOn(dying.client)).catch(() => undefined);
        if (dying.died()) crashes++;
        // After the crash (or not), the timeline and the audit trail tell the same story.
        const timeline = await healthy.intakes.timeline(intake.id);
        const trail = await healthy.audit.forSubject({ type: 'intake', id: intake.id });
        const notes = timeline.filter((event) => event.type === 'note').map((event) => event.id);
        expect(trail.filter((event) => event.action === 'add_note').map((event) => event.after?.note)).toEqual(notes);
        const statusChanges = timeline.filter((event) => event.type === 'status_changed').map((event) => event.id);
        expect(trail.filter((event) => event.action === 'claim' || event.action === 'change_status').map((event) => event.id)).toEqual(statusChanges);
        const current = (await healthy.intakes.get(intake.id))!;
        expect(statusChanges).toHaveLength(current.version - 1);
      }
    }
    expect(crashes).toBeGreaterThanOrEqual(3);
  });

  it('a supervisor reads who changed what, oldest first, with the changes in the trail', async () => {
    const { intake } = await env.store.create({ sourceKey: 'audit-trail-1', category: 'tip', language: 'en', channel: 'console', summary: 'A tip' });
    const deps = depsOn(env.dynamo.client);
    time.advance(1000);
    await claimIntake(ana, intake.id, { version: 1 }, deps);
    time.advance(1000);
    const note = await addNote(ana, intake.id, { text: 'First call' }, deps);
    time.advance(1000);
    await changeStatus(sam, intake.id, { to: 'referred', version: 2 }, deps);
    const trail = await deps.audit.forSubject({ type: 'intake', id: intake.id });
    expect(trail.map((event) => [event.actor, event.action])).toEqual([
      ['ana', 'claim'],
      ['ana', 'add_note'],
      ['sam', 'change_status'],
    ]);
    expect(trail[1]?.after).toEqual({ note: note.id });
    expect(trail[2]).toMatchObject({ before: { status: 'in_progress' }, after: { status: 'referred' } });
  });

  it('on a case: killed after any write of a registration, a withdrawal or a custody event, the trail matches the case', async () => {
    const healthy = depsOn(env.dynamo.client);
    let crashes = 0;
    for (let writes = 1; writes <= 2; writes++) {
      const caseNumber = `55000${writes}`;
      const steps = [
        (deps: ConsoleDeps) => registerOnBehalf(carmen, caseNumber, { language: 'es', email: `familia${writes}@example.org`, key: `audit-case-${writes}-reg` }, deps),
        async (deps: ConsoleDeps) => {
          const [registration] = (await healthy.registrations.listByCase(caseNumber as never)).items;
          if (registration) await withdrawOnBehalf(carmen, caseNumber, registration.id, deps);
        },
        (deps: ConsoleDeps) => recordCustodyEvent(carmen, caseNumber, { type: 'released', date: '2026-11-23', key: `audit-case-${writes}-event` }, deps),
      ];
      for (const step of steps) {
        time.advance(1000);
        const dying = dyingAfter(env.dynamo.client, writes);
        await step(depsOn(dying.client)).catch(() => undefined);
        if (dying.died()) crashes++;
        const trail = await healthy.audit.forSubject({ type: 'case', id: caseNumber });
        const registrations = (await healthy.registrations.listByCase(caseNumber as never)).items;
        const events = await healthy.events.listByCase(caseNumber as never);
        expect(trail.filter((event) => event.action === 'register_victim').map((event) => event.after?.registration)).toEqual(registrations.map((registration) => registration.id));
        expect(trail.filter((event) => event.action === 'withdraw_registration').map((event) => event.after?.registration)).toEqual(
          registrations.filter((registration) => registration.status === 'withdrawn').map((registration) => registration.id),
        );
        expect(trail.filter((event) => event.action === 'record_custody_event').map((event) => event.after?.event)).toEqual(events.map((event) => event.id));
      }
    }
    expect(crashes).toBeGreaterThanOrEqual(2);
  });
});
