import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StaleVersionError } from '../../../domain/errors';
import { backInQueueRouting, type Intake } from '../../../domain/intake';
import { CLOSED_STATUSES } from '../../../domain/status';
import { isConditionalCheckFailed } from '../client';
import { keys } from '../keys';
import { backInQueue, getItem, stampTimeline, statusChangeRecord, toIntake, updateExpression, withChange, type IntakeOperation } from './item';

export const reopenIntakeForFollowUp: IntakeOperation<'reopenForFollowUp'> = async (options, id, actor) => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getItem(options, id);
    if (!current || !CLOSED_STATUSES.has(current.status)) return undefined;
    const at = options.clock().toISOString();
    const { claimedBy: _claimedBy, closedAt: _closedAt, ...open } = toIntake(current);
    const next: Intake = { ...open, status: 'new', version: current.version + 1, updatedAt: at, routing: backInQueueRouting(current.routing, { reopenedAt: at }) };
    const update = updateExpression({ ...backInQueue(options, next), closedAt: undefined, expiresAt: undefined });
    const record = statusChangeRecord(id, next, current.status, actor, undefined);
    try {
      await options.client.send(new UpdateCommand(withChange({ TableName: options.tableName, Key: keys.intake(id), ...update }, record, current.version)));
    } catch (error) {
      if (isConditionalCheckFailed(error)) continue; // changed meanwhile: look again
      throw error;
    }
    await stampTimeline(options, id, undefined);
    return next;
  }
  throw new StaleVersionError(`Intake ${id}`, 0, undefined);
};
