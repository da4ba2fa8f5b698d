import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseOrThrow } from '../../../domain/errors';
import { NewIntakeSchema, buildIntake } from '../../../domain/intake';
import { isReferenceNumber, referenceNumberFor } from '../../../domain/reference-number';
import { TimelineEntrySchema } from '../../../domain/timeline';
import { isConditionalCheckFailed } from '../client';
import { keys } from '../keys';
import { MAX_REFERENCE_ATTEMPTS, existingItem, getItem, toIntake, toItem, type IntakeItem, type IntakeOperation } from './item';

export const createIntake: IntakeOperation<'create'> = async (options, input, opening) => {
  const given = parseOrThrow(NewIntakeSchema, 'intake', input);
  const opened = opening ? { opening: { entry: parseOrThrow(TimelineEntrySchema, 'timeline event', opening.entry), actor: opening.actor } } : {};
  const valid = { ...given, sourceKey: await options.sourceKeys.derive(given.sourceKey) };
  const phoneHash = valid.phone ? await options.vault.fingerprint(valid.phone) : undefined;
  const now = options.clock();

  // The reference number is derived from the source key, so a redelivery finds its intake at
  // the first candidate number; a different source key there means a collision: try the next.
  for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt++) {
    const { intake } = buildIntake(valid, referenceNumberFor(valid.sourceKey, attempt), now);
    // Sealed for this candidate's item: the number opens only as this intake's.
    const sealed = valid.phone && phoneHash ? { phoneCipher: await options.vault.seal(valid.phone, { ...keys.intake(intake.id), field: 'phone' }), phoneHash } : {};
    const contactKeys = phoneHash ? { byContactPk: keys.contactPartition(phoneHash), byContactSk: keys.queueSort(intake.createdAt, intake.id) } : {};
    const item: IntakeItem = { ...toItem(options, intake), ...sealed, ...contactKeys, ...opened };
    try {
      await options.client.send(
        new PutCommand({
          TableName: options.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      // Counted as received by the table's stream reader (intake-router), not here: the caller
      // waits on this one put only.
      return { intake, created: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // DynamoDB returns the existing item with the failure; dynalite does not, so read it.
      const existing = existingItem(error) ?? (await getItem(options, intake.id));
      if (existing?.sourceKey === valid.sourceKey) return { intake: toIntake(existing), created: false };
    }
  }
  throw new Error(`No free reference number after ${MAX_REFERENCE_ATTEMPTS} attempts`);
};

export const getIntake: IntakeOperation<'get'> = async (options, id) => {
  if (!isReferenceNumber(id)) return undefined;
  const item = await getItem(options, id);
  return item && toIntake(item);
};
