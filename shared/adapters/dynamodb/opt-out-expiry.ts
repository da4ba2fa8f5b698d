import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expiryAfter } from '../../domain/retention';
import { isConditionalCheckFailed, queryAll } from './client';
import { keys } from './keys';

/**
 * How long an opt-out is kept. The texter record is the only record of a STOP, and a victim-notice
 * registration for texts can text the number for as long as it stands: so an opted-out texter has
 * no expiry while the number has an active registration with texts, and once it has none, expires
 * `days` after the opt-out or after the end of the last such registration, whichever is later.
 * TTL deletes only items whose attribute holds an expiry: one without it is kept
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
 */
export interface OptOutExpiryOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** Whether a registration that can text the number (active, by text) stands. `hash`: the number's keyed hash. */
export async function canBeTexted({ client, tableName }: OptOutExpiryOptions, hash: string): Promise<boolean> {
  // A registrant pointer has no expiry exactly while its registration is active.
  const pointers = queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'attribute_not_exists(expiresAt)',
    ExpressionAttributeValues: { ':pk': keys.registrantPartition(hash) },
  });
  for await (const pointer of pointers) {
    const [, caseNumber, id] = (pointer.sk as string).split('#') as [string, string, string];
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.registration(caseNumber, id), ConsistentRead: true }));
    if (Item?.status === 'active' && (Item.channels as string[] | undefined)?.includes('sms')) return true;
  }
  return false;
}

/**
 * Sets an opted-out texter's expiry by the rule above, after anything that may change it: an
 * opt-out saved, a registration with the number activated or withdrawn. It reads the registrations
 * after that change and writes against the texter's version (and moves it on), so of two of these
 * racing the one that read stale registrations fails and reads again; done already, it writes
 * nothing (idempotent).
 */
export async function settleOptOutExpiry(options: OptOutExpiryOptions & { now: Date; days: number }, hash: string): Promise<void> {
  const { client, tableName } = options;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.texter(hash), ConsistentRead: true }));
    if (!Item || (Item.texter as { optedOut?: boolean } | undefined)?.optedOut !== true) return; // nothing to keep: its next opt-out settles it
    const keep = await canBeTexted(options, hash);
    // Kept: no expiry. Not kept: an expiry it has stands (from the opt-out); none, it starts now (the registration ended).
    if (keep ? Item.expiresAt === undefined : Item.expiresAt !== undefined) return;
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.texter(hash),
          UpdateExpression: keep ? 'SET #version = :next REMOVE expiresAt' : 'SET #version = :next, expiresAt = :expiresAt',
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': Item.version, ':next': (Item.version as number) + 1, ...(keep ? {} : { ':expiresAt': expiryAfter(options.now, options.days) }) },
        }),
      );
      return;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error; // saved or settled meanwhile: read again
    }
  }
  throw new Error('Could not settle the opt-out: the texter keeps changing');
}
