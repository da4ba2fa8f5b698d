import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { E164 } from '../../../domain/phone';
import { TexterSchema } from '../../../domain/sms/conversation';
import type { OutgoingText, PendingTexts } from '../../../ports/texter-store';
import { isConditionalCheckFailed, queryDue } from '../client';
import { keys } from '../keys';
import { forgetNumber, getTexterItem, pending, texterKeyOf, type DynamoTexterStoreOptions } from './item';

export async function queueText(options: DynamoTexterStoreOptions, phone: E164, text: OutgoingText): Promise<'queued' | 'opted_out' | 'unknown'> {
  const key = await texterKeyOf(options, phone);
  try {
    await options.client.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.texter(key),
        UpdateExpression: 'SET outbox = list_append(if_not_exists(outbox, :empty), :texts), #pendingPk = :pendingPk, #pendingSk = :pendingSk',
        // The opt-out is checked in the same write that queues the text.
        ConditionExpression: 'attribute_exists(pk) AND texter.optedOut = :false',
        ExpressionAttributeNames: { '#pendingPk': pending.partitionKey, '#pendingSk': pending.sortKey },
        ExpressionAttributeValues: {
          ':empty': [],
          ':texts': [text],
          ':pendingPk': keys.pending.replies,
          ':pendingSk': keys.pending.sort(options.clock().toISOString(), key),
          ':false': false,
        },
      }),
    );
    return 'queued';
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const item = await getTexterItem(options, key);
    return item ? 'opted_out' : 'unknown';
  }
}

export async function pendingTexts(options: DynamoTexterStoreOptions, key: string): Promise<PendingTexts | undefined> {
  const item = await getTexterItem(options, key);
  if (!item?.outbox?.length || !item.phoneCipher) return undefined;
  return {
    phone: (await options.vault.open(item.phoneCipher, { ...keys.texter(key), field: 'phone' })) as E164,
    optedOut: TexterSchema.parse(item.texter).optedOut,
    texts: item.outbox,
    attempts: item.sendAttempts ?? 0,
    dueAt: item.pendingSk?.split('#')[0] ?? new Date(0).toISOString(),
  };
}

/**
 * The condition that a texter's outbox is still the one read: the same size and the same last
 * text. Texts are only appended (saveTexter, queueText, neither of which changes the texter's
 * version) and only markSent takes them off, each text with its own id: an outbox of the same size
 * ending with the same text is the same outbox. A texter deleted meanwhile fails it too. size()
 * and a list element in a condition:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
function outboxAsRead(outbox: OutgoingText[]): { condition: string; values: Record<string, unknown> } {
  const last = outbox.at(-1);
  return last
    ? { condition: `size(outbox) = :size AND outbox[${outbox.length - 1}].id = :last`, values: { ':size': outbox.length, ':last': last.id } }
    : { condition: 'attribute_exists(pk) AND (attribute_not_exists(outbox) OR size(outbox) = :size)', values: { ':size': 0 } };
}

/**
 * Takes the sent texts off, on condition that the outbox is still the one read (outboxAsRead): a
 * text queued meanwhile, or texts another sender took off, make this read again; an outbox left
 * empty takes the texter off the due list. (It is written whole rather than by
 * `REMOVE outbox[i], outbox[j]`: dynalite applies each such removal to the list the one before it
 * left, and the tests and `npm start` run on it.)
 */
export async function markSent(options: DynamoTexterStoreOptions, key: string, ids: string[]): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await getTexterItem(options, key);
    if (!item) return;
    const outbox = item.outbox ?? [];
    const remaining = outbox.filter((text) => !ids.includes(text.id));
    const done = remaining.length === 0;
    const asRead = outboxAsRead(outbox);
    try {
      await options.client.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: keys.texter(key),
          UpdateExpression: done
            ? 'SET outbox = :remaining, sendAttempts = :zero REMOVE #pendingPk, #pendingSk, lastSendError'
            : 'SET outbox = :remaining, sendAttempts = :zero',
          ConditionExpression: asRead.condition,
          ...(done ? { ExpressionAttributeNames: { '#pendingPk': pending.partitionKey, '#pendingSk': pending.sortKey } } : {}),
          ExpressionAttributeValues: { ':remaining': remaining, ':zero': 0, ...asRead.values },
        }),
      );
      if (done && TexterSchema.parse(item.texter).optedOut) await forgetNumber(options, key);
      return;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
  throw new Error('Could not mark texts sent: the texter keeps changing');
}

/**
 * Makes the texter due again at `retryAt`, on condition that the outbox is still the one the send
 * was from (outboxAsRead). A text appended meanwhile (saveTexter, queueText) made the texter due
 * at once, and that stands: the attempt and its error are still counted, so the back-off keeps
 * growing while sends keep failing.
 */
export async function recordSendFailure(options: DynamoTexterStoreOptions, key: string, outbox: OutgoingText[], error: string, retryAt: Date): Promise<void> {
  const count = 'sendAttempts = if_not_exists(sendAttempts, :zero) + :one, lastSendError = :error';
  const counted = { ':zero': 0, ':one': 1, ':error': error.slice(0, 500) };
  const asRead = outboxAsRead(outbox);
  try {
    await options.client.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.texter(key),
        UpdateExpression: `SET #pendingSk = :retry, ${count}`,
        ConditionExpression: `attribute_exists(#pendingPk) AND ${asRead.condition}`,
        ExpressionAttributeNames: { '#pendingPk': pending.partitionKey, '#pendingSk': pending.sortKey },
        ExpressionAttributeValues: { ...counted, ':retry': keys.pending.sort(retryAt.toISOString(), key), ...asRead.values },
      }),
    );
    return;
  } catch (failure) {
    if (!isConditionalCheckFailed(failure)) throw failure;
  }
  // The outbox changed meanwhile: its due time stays; the attempt still counts.
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.texter(key),
        UpdateExpression: `SET ${count}`,
        ConditionExpression: 'attribute_exists(#pendingPk)',
        ExpressionAttributeNames: { '#pendingPk': pending.partitionKey },
        ExpressionAttributeValues: counted,
      }),
    )
    .catch((failure: unknown) => {
      if (!isConditionalCheckFailed(failure)) throw failure; // everything sent meanwhile
    });
}

export async function listDueTexts(options: DynamoTexterStoreOptions, now: Date, limit: number): Promise<string[]> {
  const items = await queryDue(options.client, options.tableName, keys.pending.replies, now, limit);
  return items.map((item) => keys.texterHashOf(item.pk)!);
}
