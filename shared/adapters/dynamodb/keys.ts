import type { QueueKey } from '../../domain/queues';
import type { IntakeStatus } from '../../domain/status';

/**
 * Every item's key, in one place. The table is shared by several kinds of item; the partition
 * key's prefix says which.
 */
export const keys = {
  intake: (id: string) => ({ pk: `INTAKE#${id}`, sk: 'INTAKE' }),
  /**
   * Timeline events share the intake's partition, so one query reads the whole timeline. An
   * event's id is unique; one derived from its cause (an inbound message) makes it idempotent.
   */
  intakeEvent: (id: string, eventId: string) => ({ pk: `INTAKE#${id}`, sk: `EVENT#${eventId}` }),
  intakeEventPrefix: 'EVENT#',
  /** Audit events of a subject, in the order they happened. Never updated or deleted. */
  audit: (type: string, id: string, at: string, unique: string) => ({ pk: `AUDIT#${type}#${id}`, sk: `${at}#${unique}` }),
  auditPartition: (type: string, id: string) => `AUDIT#${type}#${id}`,
  /** An audit event recorded at most once under a key (the audit page read once per session and filter). */
  auditOnce: (type: string, id: string, onceKey: string) => ({ pk: `AUDIT#${type}#${id}`, sk: `ONCE#${onceKey}` }),
  /**
   * The copy of an audit event that a change keeps inside its intake item (a status change, an
   * assignment, a transfer), for the audit page's indexes: a list inside an item cannot be indexed.
   */
  auditCopy: (eventId: string) => ({ pk: `AUDIT#COPY#${eventId}`, sk: 'COPY' }),
  /** The audit page's index: the UTC day an event happened, then its time. */
  auditIndex: (at: string, id: string) => ({ auditDayPk: `AUDITDAY#${at.slice(0, 10)}`, auditSk: `${at}#${id}` }),
  auditDayPartition: (day: string) => `AUDITDAY#${day}`,
  /** A case's registrations and custody events share its partition. */
  registration: (caseNumber: string, id: string) => ({ pk: `CASE#${caseNumber}`, sk: `REG#${id}` }),
  registrationPrefix: 'REG#',
  /**
   * One per contact (a number's or an address's keyed hash) in a case, naming the registration that
   * has it: a contact is registered once per case.
   */
  caseContact: (caseNumber: string, hash: string) => ({ pk: `CASE#${caseNumber}`, sk: `CONTACT#${hash}` }),
  custodyEvent: (caseNumber: string, id: string) => ({ pk: `CASE#${caseNumber}`, sk: `CUSTODY#${id}` }),
  custodyEventPrefix: 'CUSTODY#',
  /** Custody events carry this itemType: the stream filter and the fan-out pick them by it. */
  custodyEventItemType: 'custody_event',
  casePartition: (caseNumber: string) => `CASE#${caseNumber}`,
  /** Points from a number (by its hash) to its registrations, for withdrawal by text. */
  registrant: (hash: string, caseNumber: string, id: string) => ({ pk: `REGISTRANT#${hash}`, sk: `REG#${caseNumber}#${id}` }),
  registrantPartition: (hash: string) => `REGISTRANT#${hash}`,
  /** One record per notice: event, registrant and channel. */
  delivery: (eventId: string, registrationId: string, channel: string) => ({ pk: `DELIVERY#${eventId}`, sk: `${registrationId}#${channel}` }),
  deliveryPartition: (eventId: string) => `DELIVERY#${eventId}`,
  /** An inbound text kept for later (it could not be taken in when it came). */
  heldText: (messageId: string) => ({ pk: `HELD#${messageId}`, sk: 'HELD' }),
  /** A texter, by the keyed hash of their number. */
  texter: (hash: string) => ({ pk: `TEXTER#${hash}`, sk: 'TEXTER' }),
  /** The hash of a texter item's partition key; undefined for any other item. */
  texterHashOf: (pk: unknown) => (typeof pk === 'string' && pk.startsWith('TEXTER#') ? pk.slice('TEXTER#'.length) || undefined : undefined),
  /** A queue's counters of a UTC day (the metrics page). */
  queueDay: (queueKey: QueueKey, day: string) => ({ pk: `METRICS#${queueKey}`, sk: day }),
  queueMetricsPartition: (queueKey: QueueKey) => `METRICS#${queueKey}`,
  /** The staff directory: one membership item per group and staff member. */
  staffMembership: (group: string, username: string) => ({ pk: `STAFFGROUP#${group}`, sk: username }),
  staffGroupPartition: (group: string) => `STAFFGROUP#${group}`,
  /** The byQueue index: one partition per queue and status, sorted by creation time. */
  queuePartition: (queueKey: QueueKey, status: IntakeStatus) => `QUEUE#${queueKey}#${status}`,
  queueSort: (createdAt: string, id: string) => `${createdAt}#${id}`,
  /** The byContact index: an intake's number by its keyed hash, sorted by creation time. */
  contactPartition: (hash: string) => `CONTACT#${hash}`,
  /** The pending index: one partition per kind of work, sorted by when it is next due. */
  pending: {
    routing: 'PENDING#ROUTING',
    replies: 'PENDING#REPLIES',
    /** Custody events whose notices are not all queued yet. */
    fanOut: 'PENDING#FANOUT',
    /** Inbound texts held for the sweep to answer. */
    inbound: 'PENDING#INBOUND',
    sort: (dueAt: string, id: string) => `${dueAt}#${id}`,
  },
} as const;
