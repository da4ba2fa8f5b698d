import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStaffDirectory } from '../../../shared/adapters/dynamodb/staff-directory';
import type { StaffMember } from '../../../shared/domain/permissions';
import { interleavingClient } from '../../support/interleaving';
import { manualClock, storeOnDynalite } from '../../support/store';

/**
 * The directory is written by every staff-api instance a staff member's requests reach, from the
 * token each request carries; after a group change her old token and her new one can be in use at
 * once, in two instances.
 */
const time = manualClock();
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
});
afterAll(() => env.dynamo.stop());

const directoryOn = (client = env.dynamo.client) => new DynamoStaffDirectory({ client, tableName: env.dynamo.tableName, clock: time.clock, windowDays: 30 });

/** A directory whose client runs `between` once, right after the first command `when` matches. */
function directoryThatInterleaves(when: (command: unknown) => boolean, between: () => Promise<unknown>) {
  const { client } = interleavingClient(env.dynamo.client, when, between);
  return directoryOn(client);
}

describe('the staff directory, written from old and new tokens at once', () => {
  it('stops offering a staff member in a group she left, once a request with her new token is seen', async () => {
    const before: StaffMember = { username: 'ana', groups: ['victim', 'detainee'] };
    const after: StaffMember = { username: 'ana', groups: ['detainee'] };
    await directoryOn().seen(before);
    time.advance(86_400_000);
    expect(await env.directory.members('victim')).toContain('ana');

    // The new token's instance writes victim: not a member; the old token's instance then writes it back.
    const leftVictim = (command: unknown) => command instanceof PutCommand && command.input.Item?.pk === 'STAFFGROUP#victim';
    await directoryThatInterleaves(leftVictim, () => directoryOn().seen(before)).seen(after);

    // The next day, another instance sees a request with her new token.
    time.advance(86_400_000);
    await directoryOn().seen(after);
    expect(await env.directory.members('victim')).not.toContain('ana');
    expect(await env.directory.members('detainee')).toContain('ana');
  });
});
