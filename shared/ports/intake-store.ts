import type { Intake, NewIntakeInput } from '../domain/intake';
import type { E164 } from '../domain/phone';
import type { DailyCounts } from '../domain/metrics';
import type { QueueKey } from '../domain/queues';
import type { IntakeStatus, Role } from '../domain/status';
import type { CallWait, TimelineEntry, TimelineEvent } from '../domain/timeline';
import type { Category } from '../domain/taxonomy';
import type { ChangeAudit } from './audit-log';

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  cursor?: string;
}

export interface ListQueueQuery {
  queueKey: QueueKey;
  status: IntakeStatus;
  /** 1 to 100; 50 by default. */
  limit?: number;
  cursor?: string;
  /** Newest first instead of oldest first. */
  newestFirst?: boolean;
  /** Only the intakes claimed by this staff member (a page may then hold fewer than `limit`). */
  claimedBy?: string;
}

export interface StatusChange {
  to: IntakeStatus;
  /** The version the caller read; a different current version means someone changed it since. */
  expectedVersion: number;
  actor: string;
  role: Role;
  /** The audit event of this change, written in the same write as the change itself. */
  audit?: ChangeAudit;
}

/** A supervisor gives an open intake to a colleague: it is in progress, claimed by them. */
export interface Assignment {
  assignee: string;
  reason: string;
  expectedVersion: number;
  actor: string;
  audit?: ChangeAudit;
}

/** A misrouted open intake moves to another queue: new there, unclaimed, and due a new Connect task. */
export interface Transfer {
  to: QueueKey;
  reason: string;
  expectedVersion: number;
  actor: string;
  audit?: ChangeAudit;
}

/** The intakes and their timelines. */
export interface IntakeStore {
  /**
   * Creates an intake, idempotent on `sourceKey`: the same key again returns the first intake
   * with `created: false`. Invalid input throws InvalidInputError and writes nothing.
   */
  /**
   * `opening`: the entry that opens its timeline (a call's path), kept in the intake's own item,
   * so that it is written in the same put (no second write on the caller's path).
   */
  create(input: NewIntakeInput, opening?: { entry: TimelineEntry; actor: string }): Promise<{ intake: Intake; created: boolean }>;
  /** An intake by its id, which is its reference number. */
  get(id: string): Promise<Intake | undefined>;
  /**
   * At most `limit` intakes of a phone number in the given categories, newest first: looked up by
   * its keyed hash in the number's own index partition, never a scan.
   */
  findByPhone(phone: E164, query: { limit: number; categories: readonly Category[] }): Promise<Intake[]>;
  /** One queue's intakes in a status, oldest first, a page at a time. */
  listQueue(query: ListQueueQuery): Promise<Page<Intake>>;
  /** How many intakes a queue has in a status, counting at most `cap` (then `capped`). */
  countQueue(queueKey: QueueKey, status: IntakeStatus, cap: number, claimedBy?: string): Promise<{ count: number; capped: boolean }>;
  /**
   * Counts a new intake as received on its queue's day (the day it was created, UTC), once per
   * stream record: the record's sequence number (`record`) again adds nothing and returns false.
   * Called by the reader of the table's stream, which may deliver a record more than once (an
   * intake is inserted once, so it has one INSERT record), never on the caller's path.
   */
  countReceived(intake: Pick<Intake, 'queueKey' | 'createdAt'>, record: string): Promise<boolean>;
  /** A queue's daily counters from `fromDay` to `toDay` (UTC, inclusive), days without any left out. */
  dailyCounts(queueKey: QueueKey, fromDay: string, toDay: string): Promise<DailyCounts[]>;
  /** How many intakes wait for a Connect task, and since when the oldest. */
  unroutedSummary(cap: number): Promise<{ count: number; capped: boolean; oldestDueAt?: string }>;
  /** What happened to an intake since it was created, oldest first. */
  timeline(id: string): Promise<TimelineEvent[]>;
  /**
   * Adds to the timeline; with an `eventId` (derived from what caused it) a repeat adds nothing.
   * With `audit`, the change's audit event is part of the same item: one write, never apart.
   */
  appendEvent(id: string, entry: TimelineEntry, actor: string, eventId?: EventId, audit?: ChangeAudit): Promise<TimelineEvent>;
  /** Moves an intake to another status if the rules allow it and nobody changed it meanwhile. */
  updateStatus(id: string, change: StatusChange): Promise<Intake>;
  /** Assigns an open intake (new or in progress) to a colleague, if nobody changed it meanwhile. */
  assign(id: string, change: Assignment): Promise<Intake>;
  /** Moves an open intake to another queue, if nobody changed it meanwhile. */
  transfer(id: string, change: Transfer): Promise<Intake>;
  /** Intakes still waiting for a Connect task whose time has come, oldest due first. */
  listDueForRouting(now: Date, limit: number): Promise<Intake[]>;
  /**
   * Records the task started for the intake as the router read it (`seen`); undefined if it is
   * no longer unrouted in that queue and routing cycle (routed meanwhile, moved, reopened), unless
   * it was routed meanwhile with this same task (the intake, then).
   */
  markRouted(seen: Pick<Intake, 'id' | 'queueKey' | 'routing'>, taskId: string): Promise<Intake | undefined>;
  /** Keeps an intake unrouted, visible with its error, and due again at `retryAt`. */
  recordRoutingFailure(id: string, error: string, retryAt: Date): Promise<void>;
  /**
   * A follow-up on a closed (resolved or referred) intake puts it back in front of staff: `new`
   * in its queue, unclaimed, and waiting for a new Connect task. Undefined if it was not closed.
   */
  reopenForFollowUp(id: string, actor: string): Promise<Intake | undefined>;
  /**
   * A texter's follow-up came in at `at` (ISO): staff who have not opened the intake since see it
   * marked in their lists. Not a change of the intake: its version stays. Nothing if it is gone.
   */
  recordFollowUp(id: string, at: string): Promise<void>;
  /** A staff member opened the intake at `at` (ISO): for them only, what came before is seen. Its version stays. */
  markSeen(id: string, username: string, at: string): Promise<void>;
  /** The contact's phone number in full. Callers must check permission and audit the read. */
  revealPhone(id: string): Promise<E164 | undefined>;
  /**
   * Adds the queue wait to the `call` entry of the intake a call created, found by the same
   * one-way source key `create` derived from the call's ContactId (nothing stored names the
   * ContactId). Once only: the first wait recorded stands. Nothing for an anonymous tip.
   */
  recordCallWait(contactId: string, wait: CallWait): Promise<CallWaitResult>;
}

/** What recordCallWait did: `unknown` when no intake came from that call (a status lookup, a menu hang-up). */
export type CallWaitResult = 'recorded' | 'already_recorded' | 'unknown' | 'anonymous';

/**
 * An event's id: one chosen by the caller (stored as given), or the cause that makes the event
 * idempotent (an inbound message id), stored only as a one-way id derived from it so that the
 * timeline does not name the message, and through it the number, it came from.
 */
export type EventId =
  | string
  /** `at`: when it happened, if earlier than now (a text of the conversation that led to the intake). */
  | { cause: string; at?: string };
