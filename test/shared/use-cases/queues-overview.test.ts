import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../shared/domain/permissions';
import { claimIntake, metrics, queuesOverview, type ConsoleDeps } from '../../../shared/use-cases/staff-console';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock('2026-11-24T12:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let deps: ConsoleDeps;
const ana: StaffMember = { username: 'ana', groups: ['tip'], session: 'ana-1' };
const sam: StaffMember = { username: 'sam', groups: ['supervisor'], session: 'sam-1' };

beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  deps = { intakes: env.store, texters: env.texters, audit: env.audit, registrations: env.registrations, events: env.events, directory: env.directory, clock: time.clock };
});
afterAll(() => env.dynamo.stop());

describe('the oldest waiting intake of each queue', () => {
  it('is the earliest new intake of the queue, the next one once it is claimed, and none in an empty queue', async () => {
    const first = (await env.store.create({ sourceKey: 'oldest-1', category: 'tip', language: 'en', channel: 'sms', summary: 'Boxes at night' })).intake;
    time.advance(30 * 60_000);
    const second = (await env.store.create({ sourceKey: 'oldest-2', category: 'tip', language: 'en', channel: 'sms', summary: 'Boxes again' })).intake;
    time.advance(60 * 60_000);
    // Newer than both, in another queue: it is that queue's oldest, not this one's.
    const spanish = (await env.store.create({ sourceKey: 'oldest-3', category: 'tip', language: 'es', channel: 'sms', summary: 'Cajas de noche' })).intake;
    expect([first.createdAt, second.createdAt, spanish.createdAt]).toEqual(['2026-11-24T12:00:00.000Z', '2026-11-24T12:30:00.000Z', '2026-11-24T13:30:00.000Z']);

    const oldest = async (staff: StaffMember) => {
      const queues = staff === sam ? (await metrics(sam, deps)).queues : await queuesOverview(staff, deps);
      return Object.fromEntries(queues.map((queue) => [queue.key, queue.oldestWaitingSince]));
    };
    expect(await oldest(ana)).toEqual({ 'tip-en': first.createdAt, 'tip-es': spanish.createdAt });
    // The metrics say the same of every queue; a queue with nobody waiting has no oldest.
    expect(await oldest(sam)).toMatchObject({ 'tip-en': first.createdAt, 'tip-es': spanish.createdAt, 'detainee-en': undefined, 'victim-es': undefined });

    // Claimed, the first is no longer waiting: the second is the oldest.
    await claimIntake(ana, first.id, { version: first.version }, deps);
    expect((await oldest(ana))['tip-en']).toBe(second.createdAt);
    expect((await queuesOverview(ana, deps)).find((queue) => queue.key === 'tip-en')).toMatchObject({ waiting: { count: 1 }, inProgress: { count: 1 } });
  });
});
