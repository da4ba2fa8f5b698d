import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RegistrationSchema, type CaseNumber, type Registration } from '../../../domain/notifications';
import { expiryAfter } from '../../../domain/retention';
import type { ChangeAudit } from '../../../ports/audit-log';
import { isConditionalCheckFailed } from '../client';
import { keys } from '../keys';
import { settleOptOut, type DynamoRegistrationStoreOptions, type RegistrationItem } from './item';

export async function activateRegistration(options: DynamoRegistrationStoreOptions, caseNumber: CaseNumber, id: string): Promise<Registration | undefined> {
  const item = await update(options, caseNumber, id, 'SET #status = :active, confirmedAt = :now REMOVE expiresAt', '#status = :pending', { ':active': 'active', ':pending': 'pending' });
  if (item) await expireContacts(options, item, undefined);
  if (item?.phoneHash) await settleOptOut(options, item.phoneHash);
  return item && RegistrationSchema.parse(item);
}

export async function withdrawRegistration(options: DynamoRegistrationStoreOptions, caseNumber: CaseNumber, id: string, by: string, audit?: ChangeAudit): Promise<Registration | undefined> {
  const now = options.clock();
  const expiresAt = expiryAfter(now, options.retentionDays);
  const withAudit = audit ? ', changes = list_append(if_not_exists(changes, :noChanges), :change)' : '';
  const item = await update(options, caseNumber, id, `SET #status = :withdrawn, withdrawnAt = :now, withdrawnBy = :by, expiresAt = :expiresAt${withAudit}`, '#status <> :withdrawn', {
    ':withdrawn': 'withdrawn',
    ':by': by,
    ':expiresAt': expiresAt,
    ...(audit
      ? { ':noChanges': [], ':change': [{ audit: { ...audit, after: { ...audit.after, registration: id }, id: `withdraw#${id}`, at: now.toISOString(), actor: by } }] }
      : {}),
  });
  // Its pointer and its contacts' claims go with it (and the contact is free at once: see contactHolder in create.ts).
  if (item) await expireContacts(options, item, expiresAt);
  if (item?.phoneHash) await settleOptOut(options, item.phoneHash);
  return item && RegistrationSchema.parse(item);
}

/**
 * The registrant pointer and the contact claims take their registration's expiry (none: it stands).
 * An activation and a withdrawal of one registration can write them in either order after their
 * status updates (dynalite has no transactions, so no ConditionCheck on the registration): a
 * withdrawal, which no later change undoes, marks them `withdrawn`, and an activation takes the
 * expiry off only where that mark is not (before, an activation that wrote last kept a withdrawn
 * registration's pointer and claim forever). A condition that fails writes nothing
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html).
 */
async function expireContacts(options: DynamoRegistrationStoreOptions, item: RegistrationItem, expiresAt: number | undefined): Promise<void> {
  for (const hash of [item.phoneHash, item.emailHash]) if (hash) await expireClaim(options, item.caseNumber, hash, item.id, expiresAt);
  if (!item.phoneHash) return;
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.registrant(item.phoneHash, item.caseNumber, item.id),
        ...expiryUpdate(expiresAt),
        ConditionExpression: expiresAt === undefined ? 'attribute_exists(pk) AND attribute_not_exists(withdrawn)' : 'attribute_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      // No pointer (written before pointers expired): nothing to keep; or withdrawn meanwhile: its expiry stands.
      if (!isConditionalCheckFailed(error)) throw error;
    });
}

/** SET the withdrawal's expiry and mark, or REMOVE the expiry (see expireContacts). */
function expiryUpdate(expiresAt: number | undefined): { UpdateExpression: string; ExpressionAttributeValues?: Record<string, unknown> } {
  return expiresAt === undefined
    ? { UpdateExpression: 'REMOVE expiresAt' }
    : { UpdateExpression: 'SET expiresAt = :expiresAt, withdrawn = :withdrawnMark', ExpressionAttributeValues: { ':expiresAt': expiresAt, ':withdrawnMark': true } };
}

async function expireClaim(options: DynamoRegistrationStoreOptions, caseNumber: CaseNumber, hash: string, id: string, expiresAt: number | undefined): Promise<void> {
  const update = expiryUpdate(expiresAt);
  try {
    await options.client.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.caseContact(caseNumber, hash),
        UpdateExpression: update.UpdateExpression,
        ConditionExpression: expiresAt === undefined ? '#holder = :id AND attribute_not_exists(withdrawn)' : '#holder = :id',
        ExpressionAttributeNames: { '#holder': 'registration' },
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':id': id },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error; // another registration's claim now, or withdrawn meanwhile
  }
}

async function update(options: DynamoRegistrationStoreOptions, caseNumber: CaseNumber, id: string, expression: string, condition: string, values: Record<string, unknown>): Promise<RegistrationItem | undefined> {
  try {
    const { Attributes } = await options.client.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.registration(caseNumber, id),
        UpdateExpression: expression,
        ConditionExpression: `attribute_exists(pk) AND ${condition}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...values, ':now': options.clock().toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as RegistrationItem;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
}
