import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseOrThrow } from '../../../domain/errors';
import { referenceNumberFor } from '../../../domain/reference-number';
import { TimelineEntrySchema } from '../../../domain/timeline';
import { isConditionalCheckFailed } from '../client';
import { keys } from '../keys';
import { MAX_REFERENCE_ATTEMPTS, getItem, type IntakeOperation } from './item';

export const recordCallWait: IntakeOperation<'recordCallWait'> = async (options, contactId, wait) => {
  // The same derivation as create: the stored source key, and from it the reference number.
  const sourceKey = await options.sourceKeys.derive(contactId);
  for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt++) {
    const id = referenceNumberFor(sourceKey, attempt);
    const item = await getItem(options, id);
    // create takes the first free candidate: a free one here means no intake came from this call.
    if (!item) return 'unknown';
    if (item.sourceKey !== sourceKey) continue; // a collision: the call's intake is further on
    // An anonymous tip keeps no wait: its creation time and an exact wait would point to one
    // contact in Connect's records, which keep the caller's number (README, Privacy).
    if (item.anonymous) return 'anonymous';
    if (item.opening?.entry.type !== 'call') return 'unknown';
    if (item.opening.entry.wait) return 'already_recorded';
    const entry = parseOrThrow(TimelineEntrySchema, 'timeline event', { ...item.opening.entry, wait });
    try {
      await options.client.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: keys.intake(id),
          // Only the call's entry: the intake's version and status are staff's, and a claim in
          // flight must not turn stale because Connect reported the wait.
          UpdateExpression: 'SET #opening.#entry = :entry',
          ConditionExpression: '#sourceKey = :sourceKey AND #anonymous = :false AND attribute_exists(#opening.#entry) AND attribute_not_exists(#opening.#entry.#wait)',
          ExpressionAttributeNames: { '#opening': 'opening', '#entry': 'entry', '#wait': 'wait', '#sourceKey': 'sourceKey', '#anonymous': 'anonymous' },
          ExpressionAttributeValues: { ':entry': entry, ':sourceKey': sourceKey, ':false': false },
        }),
      );
      return 'recorded';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'already_recorded'; // another delivery of the event got there first
      throw error;
    }
  }
  return 'unknown';
};
