import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Intake } from '../../../domain/intake';
import { QUEUE_METRICS_DAYS, expiryAfter } from '../../../domain/retention';
import { isConditionalCheckFailed, queryDue } from '../client';
import { keys } from '../keys';
import { TABLE_SCHEMA } from '../table-schema';
import { appendIntakeEvent } from './append-event';
import { existingItem, getItem, pending, toIntake, type IntakeItem, type IntakeOperation } from './item';

/**
 * The attribute of a queue's day that holds the sequence numbers of the stream records counted as
 * received: not the intakes' ids, which would join in one item every intake of a queue's day.
 */
const COUNTED_RECORDS = 'countedRecords';

export const countReceived: IntakeOperation<'countReceived'> = async (options, intake, record) => {
  try {
    // One conditional write: the counter and the set of the records it has counted move
    // together, so a redelivered stream record can neither count twice nor be lost in between.
    // A sequence number is up to 40 digits: DynamoDB's 400 KB item holds some 10,000 a queue a day.
    await options.client.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.queueDay(intake.queueKey, intake.createdAt.slice(0, 10)),
        UpdateExpression: 'SET #expiresAt = :expiresAt ADD #received :one, #counted :ids',
        ConditionExpression: 'NOT contains(#counted, :id)',
        ExpressionAttributeNames: { '#expiresAt': TABLE_SCHEMA.timeToLiveAttribute, '#received': 'received', '#counted': COUNTED_RECORDS },
        ExpressionAttributeValues: { ':expiresAt': expiryAfter(intake.createdAt, QUEUE_METRICS_DAYS), ':one': 1, ':ids': new Set([record]), ':id': record },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false; // counted before: a redelivery
    throw error;
  }
};

export const listDueForRouting: IntakeOperation<'listDueForRouting'> = async (options, now, limit) => {
  const items = await queryDue(options.client, options.tableName, keys.pending.routing, now, limit);
  return items.map((item) => toIntake(item as unknown as IntakeItem));
};

/**
 * The condition that the intake is still unrouted in the queue and routing cycle the router read:
 * a transfer or a reopening during startTask leaves it unrouted too, but due another task (in its
 * new queue, under a new client token: clientTokenOf). The attempts, the error and the back-off
 * are left out: a failure another router recorded meanwhile does not make the task a wrong one.
 * A field the router did not see must be absent.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
function stillAsSeen(seen: Pick<Intake, 'queueKey' | 'routing'>) {
  const names: Record<string, string> = { '#queueKey': 'queueKey', '#state': 'state' };
  const values: Record<string, unknown> = { ':queueKey': seen.queueKey, ':unrouted': 'unrouted' };
  const conditions = ['#queueKey = :queueKey', 'routing.#state = :unrouted'];
  for (const field of ['transferredAt', 'reopenedAt'] as const) {
    names[`#${field}`] = field;
    const value = seen.routing.state === 'unrouted' ? seen.routing[field] : undefined;
    if (value === undefined) conditions.push(`attribute_not_exists(routing.#${field})`);
    else {
      conditions.push(`routing.#${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  return { condition: conditions.join(' AND '), names, values };
}

export const markRouted: IntakeOperation<'markRouted'> = async (options, seen, taskId) => {
  const at = options.clock().toISOString();
  const { condition, names, values } = stillAsSeen(seen);
  try {
    const { Attributes } = await options.client.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.intake(seen.id),
        UpdateExpression: 'SET routing = :routing REMOVE #pk, #sk',
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#pk': pending.partitionKey, '#sk': pending.sortKey, ...names },
        ExpressionAttributeValues: { ':routing': { state: 'routed', via: 'task', taskId, at }, ...values },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    await appendIntakeEvent(options, seen.id, { type: 'routed', taskId }, 'system');
    return toIntake(Attributes as IntakeItem);
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // Routed meanwhile, moved or reopened meanwhile (left unrouted and pending: due its new task), or gone.
    // Routed with this very task (another router, the same client token) is routed: the router
    // must not end it as a stray. DynamoDB returns the item with the failure; dynalite does not.
    const current = existingItem(error) ?? (await getItem(options, seen.id));
    return current?.routing.state === 'routed' && current.routing.taskId === taskId ? toIntake(current) : undefined;
  }
};

export const recordRoutingFailure: IntakeOperation<'recordRoutingFailure'> = async (options, id, error, retryAt) => {
  const current = await getItem(options, id);
  if (current?.routing.state !== 'unrouted') return;
  const routing = { ...current.routing, attempts: current.routing.attempts + 1, lastError: error.slice(0, 500), notBefore: retryAt.toISOString() };
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.intake(id),
        UpdateExpression: 'SET routing = :routing, #sk = :sk',
        ConditionExpression: 'routing.#state = :unrouted',
        ExpressionAttributeNames: { '#sk': pending.sortKey, '#state': 'state' },
        ExpressionAttributeValues: { ':routing': routing, ':sk': keys.pending.sort(routing.notBefore, id), ':unrouted': 'unrouted' },
      }),
    )
    .catch((failure: unknown) => {
      if (!isConditionalCheckFailed(failure)) throw failure;
    });
  await appendIntakeEvent(options, id, { type: 'routing_failed', error: error.slice(0, 500) }, 'system');
};
