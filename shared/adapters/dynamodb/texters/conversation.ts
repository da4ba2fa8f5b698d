import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StaleVersionError } from '../../../domain/errors';
import type { E164 } from '../../../domain/phone';
import { expiryAfter } from '../../../domain/retention';
import { TexterSchema, type Texter } from '../../../domain/sms/conversation';
import type { OutgoingText } from '../../../ports/texter-store';
import { isConditionalCheckFailed } from '../client';
import { keys } from '../keys';
import { canBeTexted, settleOptOutExpiry } from '../opt-out-expiry';
import { forgetNumber, getTexterItem, pending, texterKeyOf, type TexterOperationOptions } from './item';

/** Sealed numbers a warm function keeps, by texter key (as many as the texter cache keeps texters). */
const SEALED_NUMBERS_KEPT = 5000;

/** The number sealed for a texter's record, sealed again only when this function has not kept it (TexterOperationOptions). */
async function sealedNumber({ sealedNumbers, vault }: TexterOperationOptions, key: string, phone: E164): Promise<string> {
  const known = sealedNumbers.get(key);
  if (known !== undefined) sealedNumbers.delete(key);
  const sealed = known ?? (await vault.seal(phone, { ...keys.texter(key), field: 'phone' }));
  sealedNumbers.set(key, sealed);
  if (sealedNumbers.size > SEALED_NUMBERS_KEPT) sealedNumbers.delete(sealedNumbers.keys().next().value!);
  return sealed;
}

export async function loadTexter(options: TexterOperationOptions, phone: E164): Promise<{ texter: Texter; version: number } | undefined> {
  const item = await getTexterItem(options, await texterKeyOf(options, phone));
  return item && { texter: TexterSchema.parse(item.texter), version: item.version };
}

export async function saveTexter(options: TexterOperationOptions, phone: E164, texter: Texter, expectedVersion: number | undefined, texts: OutgoingText[]): Promise<void> {
  const key = await texterKeyOf(options, phone);
  const now = options.clock();
  const values: Record<string, unknown> = {
    ':texter': TexterSchema.parse(texter),
    ':version': (expectedVersion ?? 0) + 1,
    ':now': now.toISOString(),
    ':texts': texts,
    ':empty': [],
  };
  const set = ['texter = :texter', '#version = :version', 'updatedAt = :now', 'outbox = list_append(if_not_exists(outbox, :empty), :texts)'];
  // The sealed number is written when the record has none: the first save, or the first after
  // an opt-out, which keeps only the hash (see forgetNumber).
  if (!texter.optedOut || texts.length > 0) {
    set.push('phoneCipher = if_not_exists(phoneCipher, :cipher)');
    values[':cipher'] = await sealedNumber(options, key, phone);
  }
  const remove: string[] = [];
  if (texts.length > 0) {
    // Due now: new texts go out at once, even if an earlier failure set a later retry.
    set.push('#pendingPk = :pendingPk', '#pendingSk = :pendingSk');
    values[':pendingPk'] = keys.pending.replies;
    values[':pendingSk'] = keys.pending.sort(now.toISOString(), key);
  }
  // An opt-out the number's registrations still need is kept without expiry; settled again below.
  const keepOptOut = texter.optedOut && (await canBeTexted(options, key));
  if (keepOptOut) remove.push('expiresAt');
  else {
    set.push('expiresAt = :expiresAt');
    values[':expiresAt'] = expiryAfter(now, texter.optedOut ? options.optedOutRetentionDays : options.retentionDays);
  }
  if (expectedVersion !== undefined) values[':expected'] = expectedVersion;
  try {
    await options.client.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.texter(key),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(pk)' : '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version', ...(texts.length ? { '#pendingPk': pending.partitionKey, '#pendingSk': pending.sortKey } : {}) },
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new StaleVersionError('Texter', expectedVersion ?? 0, undefined);
    throw error;
  }
  if (texter.optedOut) {
    await forgetNumber(options, key);
    // A registration activated or withdrawn since the look above is seen here.
    await settleOptOutExpiry({ ...options, now, days: options.optedOutRetentionDays, afterSave: true }, key);
  }
}
