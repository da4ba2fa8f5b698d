import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseOrThrow } from '../../../domain/errors';
import { TimelineEntrySchema, TimelineEventSchema } from '../../../domain/timeline';
import { isConditionalCheckFailed } from '../client';
import { keys } from '../keys';
import { expireWithIntake, type IntakeOperation } from './item';

export const appendIntakeEvent: IntakeOperation<'appendEvent'> = async (options, id, entry, actor, given, audit) => {
  const valid = parseOrThrow(TimelineEntrySchema, 'timeline event', entry);
  // An event made idempotent by its cause (a message id) is stored under a one-way id of it.
  const eventId = typeof given === 'object' ? await options.sourceKeys.derive(`event\0${given.cause}`) : given;
  const at = (typeof given === 'object' && given.at) || options.clock().toISOString();
  const event = TimelineEventSchema.parse({ ...valid, id: eventId ?? `${at}#${randomUUID()}`, intakeId: id, at, actor });
  try {
    await options.client.send(
      new PutCommand({
        TableName: options.tableName,
        // The change's audit event travels in the same item: the note and its audit cannot come apart.
        Item: { ...keys.intakeEvent(id, event.id), ...event, ...(audit ? { audit: { ...audit, id: event.id, at, actor }, ...keys.auditIndex(at, event.id) } : {}) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await expireWithIntake(options, id, event.id);
    return event;
  } catch (error) {
    if (!eventId || !isConditionalCheckFailed(error)) throw error;
    // Appended before (a redelivery): the first one stands.
    const { Item } = await options.client.send(new GetCommand({ TableName: options.tableName, Key: keys.intakeEvent(id, eventId), ConsistentRead: true }));
    return TimelineEventSchema.parse(Item);
  }
};
