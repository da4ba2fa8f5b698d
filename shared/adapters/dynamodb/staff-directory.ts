import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { STAFF_GROUPS, type StaffGroup, type StaffMember } from '../../domain/permissions';
import type { StaffDirectory } from '../../ports/staff-directory';
import { queryAll, type TableAccess } from './client';
import { keys } from './keys';

export interface DynamoStaffDirectoryOptions extends TableAccess {
  /** Days after their last request that a staff member is still listed (and then expires by TTL). */
  windowDays: number;
}

/**
 * The directory, derived from the tokens staff sign in with (Cognito's groups, as the JWT
 * authorizer passes them): a membership item per group, in a partition per group, so listing a
 * group is one query. Cognito has no trigger on a group change; the next token carries it, and
 * a group left is marked so (the API's role may not delete items). A warm function writes each
 * staff member once a day at most (and again when her token's groups change).
 */
export class DynamoStaffDirectory implements StaffDirectory {
  /** What this function last recorded for each staff member: their groups, that day. */
  private readonly recorded = new Map<string, string>();

  constructor(private readonly options: DynamoStaffDirectoryOptions) {}

  async seen(staff: StaffMember): Promise<void> {
    const now = this.options.clock();
    const groups = [...staff.groups].sort();
    const once = `${groups.join(' ')}\0${now.toISOString().slice(0, 10)}`;
    if (this.recorded.get(staff.username) === once) return;
    const { client, tableName } = this.options;
    const expiresAt = Math.floor(now.getTime() / 1000) + this.options.windowDays * 86_400;
    const seenAt = now.toISOString();
    // Every group, member or not, rather than only those of her token and of her last sighting:
    // an instance serving her old token can write a group she left back as member after the new
    // token's instance wrote it. Writing all of them (four, once a day per instance) lets her
    // current token repair it, at her next request in another instance or the next day. The puts
    // are independent items, so they go at once.
    await Promise.all(
      STAFF_GROUPS.map((group) =>
        client.send(new PutCommand({ TableName: tableName, Item: { ...keys.staffMembership(group, staff.username), username: staff.username, member: groups.includes(group), seenAt, expiresAt } })),
      ),
    );
    this.recorded.set(staff.username, once);
  }

  async members(group: StaffGroup): Promise<string[]> {
    const since = new Date(this.options.clock().getTime() - this.options.windowDays * 86_400_000).toISOString();
    const names: string[] = [];
    // One group's partition; TTL deletes lazily, so the window is checked here too.
    for await (const item of queryAll(this.options.client, {
      TableName: this.options.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#member = :yes AND seenAt >= :since',
      ExpressionAttributeNames: { '#member': 'member' },
      ExpressionAttributeValues: { ':pk': keys.staffGroupPartition(group), ':yes': true, ':since': since },
    })) {
      names.push(item.username as string);
    }
    return names.sort();
  }
}
