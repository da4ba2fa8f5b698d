import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../shared/domain/permissions';
import { handleInboundText, type InboundTextDeps } from '../../../shared/use-cases/inbound-text';
import { claimIntake, intakeDetail, listIntakes, type ConsoleDeps } from '../../../shared/use-cases/staff-console';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock('2026-11-24T14:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let texting: InboundTextDeps;
let deps: ConsoleDeps;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  texting = { texters: env.texters, intakes: env.store, registrations: env.registrations, clock: time.clock };
  deps = { intakes: env.store, texters: env.texters, audit: env.audit, registrations: env.registrations, events: env.events, directory: env.directory, clock: time.clock };
});
afterAll(() => env.dynamo.stop());

const ana: StaffMember = { username: 'ana', groups: ['tip'] };
const eva: StaffMember = { username: 'eva', groups: ['tip'] };
const TEXTER = '+12025550188';

async function text(body: string, messageId: string) {
  time.advance(60_000);
  return handleInboundText({ from: TEXTER, body, messageId }, texting);
}

async function unreadIn(staff: StaffMember, id: string, status: 'new' | 'in_progress', mine = false) {
  const page = await listIntakes(staff, { queue: 'tip-en', status, mine: String(mine) }, deps);
  const row = page.items.find((item) => item.id === id);
  expect(row, `${id} in ${status}`).toBeDefined();
  return row!.unread;
}

describe('a follow-up is marked for each staff member until they open the intake', () => {
  let id: string;
  beforeAll(async () => {
    for (const [index, body] of ['A stash house on my street, people coming and going at night', '2', '1'].entries()) {
      id = (await text(body, `unread-${index}`)).referenceNumber ?? id;
    }
  });

  it('a new intake marks nothing: there is no follow-up yet', async () => {
    expect(id).toBeDefined();
    expect(await unreadIn(ana, id, 'new')).toBe(false);
    expect(await unreadIn(eva, id, 'new')).toBe(false);
  });

  it('a follow-up marks it for everyone; opening it clears the mark for the one who opened it only', async () => {
    const before = (await env.store.get(id))!;
    const followUp = await text('They moved the boxes to a white van', 'unread-3');
    expect(followUp.referenceNumber).toBe(id);
    const after = (await env.store.get(id))!;
    // Not a change of the intake: a staff edit made on what was read before still applies.
    expect(after.version).toBe(before.version);
    // Nor of its routing: the router's stream filter (routed before, unrouted after) lets it by.
    expect(after.routing).toEqual(before.routing);
    expect(after.lastFollowUpAt).toBe(time.clock().toISOString());
    expect(await unreadIn(ana, id, 'new')).toBe(true);
    expect(await unreadIn(eva, id, 'new')).toBe(true);

    time.advance(1_000);
    const detail = await intakeDetail(ana, id, deps);
    expect(detail.intake.unread).toBe(false);
    expect((await env.store.get(id))!).toMatchObject({ version: before.version, routing: before.routing });
    expect(await unreadIn(ana, id, 'new')).toBe(false);
    expect(await unreadIn(eva, id, 'new')).toBe(true);
    // Eva's first look makes her entry beside Ana's, not instead of it.
    await intakeDetail(eva, id, deps);
    expect(await unreadIn(eva, id, 'new')).toBe(false);
    expect(await unreadIn(ana, id, 'new')).toBe(false);
    expect(Object.keys((await env.store.get(id))!.seenBy ?? {}).sort()).toEqual(['ana', 'eva']);
  });

  it('the next follow-up marks it again, in "my intakes" too, and a claim on the version read before it still goes through', async () => {
    const { version } = (await env.store.get(id))!;
    await text('The van is back tonight', 'unread-4');
    expect(await unreadIn(ana, id, 'new')).toBe(true);
    const claimed = await claimIntake(ana, id, { version }, deps);
    expect(claimed.unread).toBe(true);
    expect(await unreadIn(ana, id, 'in_progress', true)).toBe(true);
    time.advance(1_000);
    await intakeDetail(ana, id, deps);
    expect(await unreadIn(ana, id, 'in_progress', true)).toBe(false);
    expect(await unreadIn(eva, id, 'in_progress')).toBe(true);
  });

  it('marking an intake that is gone makes no item', async () => {
    await env.store.markSeen('000000000', 'ana', time.clock().toISOString());
    await env.store.recordFollowUp('000000000', time.clock().toISOString());
    expect(await env.store.get('000000000')).toBeUndefined();
  });
});
