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
 * after that change and writes against the texter's version, and always moves the version on, even
 * when the expiry is already right: of two of these racing, the one that read stale registrations
 * then fails and reads again. (Before, one that found nothing to change wrote nothing, so a
 * withdrawal that had looked before another registration of the number came to stand still wrote
 * its expiry, on the version the activation had left as it was.) Repeated, it writes the same.
 *
 * `afterSave`: the check a texter's save makes after its own write (texters/conversation.ts). It
 * follows no registration change, only catches one whose own settle found no opt-out yet, so it may
 * skip a write that changes nothing: every change's settle moves the version, so any write made on
 * a stale look at the registrations still fails. (Skipping keeps the version the save wrote, the
 * one the texter cache remembers.)
 */
export async function settleOptOutExpiry(options: OptOutExpiryOptions & { now: Date; days: number; afterSave?: boolean }, hash: string): Promise<void> {
  const { client, tableName } = options;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.texter(hash), ConsistentRead: true }));
    if (!Item || (Item.texter as { optedOut?: boolean } | undefined)?.optedOut !== true) return; // nothing to keep: its next opt-out settles it
    const keep = await canBeTexted(options, hash);
    // Kept: no expiry. Not kept: an expiry it has stands (from the opt-out); none, it starts now (the registration ended).
    const startExpiry = !keep && Item.expiresAt === undefined;
    if (options.afterSave && (keep ? Item.expiresAt === undefined : !startExpiry)) return; // already right (see afterSave)
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.texter(hash),
          UpdateExpression: keep ? 'SET #version = :next REMOVE expiresAt' : startExpiry ? 'SET #version = :next, expiresAt = :expiresAt' : 'SET #version = :next',
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': Item.version, ':next': (Item.version as number) + 1, ...(startExpiry ? { ':expiresAt': expiryAfter(options.now, options.days) } : {}) },
        }),
      );
      return;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error; // saved or settled meanwhile: read again
    }
  }
  throw new Error('Could not settle the opt-out: the texter keeps changing');
}
