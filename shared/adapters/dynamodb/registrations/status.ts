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

/** The registrant pointer and the contact claims take their registration's expiry (none: it stands). */
async function expireContacts(options: DynamoRegistrationStoreOptions, item: RegistrationItem, expiresAt: number | undefined): Promise<void> {
  for (const hash of [item.phoneHash, item.emailHash]) if (hash) await expireClaim(options, item.caseNumber, hash, item.id, expiresAt);
  if (!item.phoneHash) return;
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.registrant(item.phoneHash, item.caseNumber, item.id),
        UpdateExpression: expiresAt === undefined ? 'REMOVE expiresAt' : 'SET expiresAt = :expiresAt',
        ConditionExpression: 'attribute_exists(pk)',
        ...(expiresAt === undefined ? {} : { ExpressionAttributeValues: { ':expiresAt': expiresAt } }),
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error; // no pointer (written before pointers expired): nothing to keep
    });
}

async function expireClaim(options: DynamoRegistrationStoreOptions, caseNumber: CaseNumber, hash: string, id: string, expiresAt: number | undefined): Promise<void> {
  try {
    await options.client.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.caseContact(caseNumber, hash),
        UpdateExpression: expiresAt === undefined ? 'REMOVE expiresAt' : 'SET expiresAt = :expiresAt',
        ConditionExpression: '#holder = :id',
        ExpressionAttributeNames: { '#holder': 'registration' },
        ExpressionAttributeValues: { ...(expiresAt === undefined ? {} : { ':expiresAt': expiresAt }), ':id': id },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
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
