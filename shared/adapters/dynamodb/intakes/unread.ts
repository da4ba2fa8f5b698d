import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../client';
import { keys } from '../keys';
import type { IntakeOperation } from './item';

/**
 * The two times that mark a follow-up unread (domain/intake.ts hasUnreadFollowUp). Neither is a
 * change of the intake: its version stays, so a staff member's edit of what they read never
 * conflicts with a text coming in or a colleague opening it; its routing stays, so the router's
 * stream filter (a routed intake unrouted again) never sees them.
 */

/** A follow-up came in at `at`: kept if later than the last (a late redelivery moves nothing back). */
export const recordFollowUp: IntakeOperation<'recordFollowUp'> = async (options, id, at) => {
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.intake(id),
        UpdateExpression: 'SET #lastFollowUpAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#lastFollowUpAt) OR #lastFollowUpAt < :at)',
        ExpressionAttributeNames: { '#lastFollowUpAt': 'lastFollowUpAt' },
        ExpressionAttributeValues: { ':at': at },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error; // gone (retention), or a later one is there already
    });
};

/**
 * A staff member opened the intake at `at`: their own entry of `seenBy`, nobody else's. A map's
 * entry cannot be set before the map exists, so the first look makes the map, and a look that
 * finds it made meanwhile sets its entry.
 */
export const markSeen: IntakeOperation<'markSeen'> = async (options, id, username, at) => {
  const entry = { Key: keys.intake(id), TableName: options.tableName };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await options.client.send(
        new UpdateCommand({
          ...entry,
          UpdateExpression: 'SET #seenBy.#me = :at',
          ConditionExpression: 'attribute_exists(#seenBy)',
          ExpressionAttributeNames: { '#seenBy': 'seenBy', '#me': username },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    try {
      await options.client.send(
        new UpdateCommand({
          ...entry,
          UpdateExpression: 'SET #seenBy = :seen',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#seenBy)',
          ExpressionAttributeNames: { '#seenBy': 'seenBy' },
          ExpressionAttributeValues: { ':seen': { [username]: at } },
        }),
      );
      return;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    // Neither: the intake is gone (nothing to mark), or a colleague made the map between the two.
  }
};
