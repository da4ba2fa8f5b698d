import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenChangeError } from '../../../shared/domain/errors';
import type { StaffMember } from '../../../shared/domain/permissions';
import { changeStatus, claimIntake, intakeDetail, releaseIntake, type ConsoleDeps } from '../../../shared/use-cases/staff-console';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock('2026-11-23T15:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let deps: ConsoleDeps;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  deps = { intakes: env.store, texters: env.texters, audit: env.audit, registrations: env.registrations, events: env.events, directory: env.directory, clock: time.clock };
});
afterAll(() => env.dynamo.stop());

const ana: StaffMember = { username: 'ana', groups: ['tip'] };
const eva: StaffMember = { username: 'eva', groups: ['tip'] };
const sam: StaffMember = { username: 'sam', groups: ['supervisor'] };

let made = 0;
async function claimedByAna() {
  const { intake } = await env.store.create({ sourceKey: `claims-${++made}`, category: 'tip', language: 'en', channel: 'console', summary: 'A tip' });
  const claimed = await claimIntake(ana, intake.id, { version: 1 }, deps);
  return { id: intake.id, version: claimed.version };
}

describe('a claim means something', () => {
  it('another staff member cannot move a claimed intake back to new, on, or release it', async () => {
    const { id, version } = await claimedByAna();
    await expect(changeStatus(eva, id, { to: 'new', version }, deps)).rejects.toThrow(ForbiddenChangeError);
    await expect(changeStatus(eva, id, { to: 'resolved', version }, deps)).rejects.toMatchObject({ refusalCode: 'status.claimedByOther', facts: { claimedBy: 'ana' } });
    await expect(releaseIntake(eva, id, { version }, deps)).rejects.toMatchObject({ refusalCode: 'release.claimedByOther', facts: { claimedBy: 'ana' } });
    const intake = (await env.store.get(id))!;
    expect(intake).toMatchObject({ status: 'in_progress', claimedBy: 'ana', version });
    expect(await intakeDetail(eva, id, deps)).toMatchObject({ nextStatuses: [], canRelease: false });
  });

  it('the claimant moves it on; releasing is an explicit action, not a status change', async () => {
    const { id, version } = await claimedByAna();
    const detail = await intakeDetail(ana, id, deps);
    expect(detail.nextStatuses).toEqual(['referred', 'resolved']);
    expect(detail.canRelease).toBe(true);
    await expect(changeStatus(ana, id, { to: 'new', version }, deps)).rejects.toMatchObject({ refusalCode: 'status.releaseToRequeue' });
    const released = await releaseIntake(ana, id, { version }, deps);
    expect(released).toMatchObject({ status: 'new' });
    expect((await env.store.get(id))!.claimedBy).toBeUndefined();
    const trail = await env.audit.forSubject({ type: 'intake', id });
    expect(trail.map((event) => event.action)).toContain('release');
  });

  it('claiming is not a status change: a new intake is claimed with Claim', async () => {
    const { intake } = await env.store.create({ sourceKey: `claims-${++made}`, category: 'tip', language: 'en', channel: 'console', summary: 'A tip' });
    await expect(changeStatus(ana, intake.id, { to: 'in_progress', version: 1 }, deps)).rejects.toMatchObject({ refusalCode: 'status.claimFirst' });
    expect(await intakeDetail(ana, intake.id, deps)).toMatchObject({ nextStatuses: [], canRelease: false });
  });

  it('a supervisor may change or release anyone\'s claim', async () => {
    const { id, version } = await claimedByAna();
    expect(await intakeDetail(sam, id, deps)).toMatchObject({ canRelease: true });
    const referred = await changeStatus(sam, id, { to: 'referred', version }, deps);
    expect(referred.status).toBe('referred');
    const other = await claimedByAna();
    expect((await releaseIntake(sam, other.id, { version: other.version }, deps)).status).toBe('new');
  });
});
