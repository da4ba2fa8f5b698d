import type { QueueKey } from '../../domain/queues';
import type { IntakeStatus } from '../../domain/status';

/**
 * Every item's key, in one place. The table is shared by several kinds of item; the partition
 * key's prefix says which.
 */
export const keys = {
  intake: (id: string) => ({ pk: `INTAKE#${id}`, sk: 'INTAKE' }),
  /** Timeline events share the intake's partition, so one query reads the whole timeline. */
  intakeEvent: (id: string, at: string, unique: string) => ({ pk: `INTAKE#${id}`, sk: `EVENT#${at}#${unique}` }),
  intakeEventPrefix: 'EVENT#',
  /** The byQueue index: one partition per queue and status, sorted by creation time. */
  queuePartition: (queueKey: QueueKey, status: IntakeStatus) => `QUEUE#${queueKey}#${status}`,
  queueSort: (createdAt: string, id: string) => `${createdAt}#${id}`,
  /** The unrouted index: one partition, sorted by when each intake is next due for routing. */
  unroutedPartition: 'UNROUTED',
  unroutedSort: (dueAt: string, id: string) => `${dueAt}#${id}`,
} as const;
