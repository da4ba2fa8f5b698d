import { randomUUID } from 'node:crypto';
import * as z from '../domain/schema';
import { ForbiddenChangeError, InvalidInputError, MovedAwayError, NotFoundError, parseOrThrow } from '../domain/errors';
import { hasUnreadFollowUp, type Intake } from '../domain/intake';
import { holdsClaim, mayRelease, statusChoices } from '../domain/claims';
import { allowed, assertAllowed, roleOf, visibleCategories, type StaffMember } from '../domain/permissions';
import { CLAIM_BUCKETS_MINUTES, lastDays, medianClaimMinutes } from '../domain/metrics';
import { maskPhone } from '../domain/phone';
import { QUEUE_KEYS, QueueKeySchema, parseQueueKey, type QueueKey } from '../domain/queues';
import { countSegments, MAX_REPLY_SEGMENTS } from '../domain/sms/segments';
import { IntakeStatusSchema } from '../domain/intake';
import { CLOSED_STATUSES, type IntakeStatus } from '../domain/status';
import { NOTE_MAX_LENGTH, type TimelineEvent } from '../domain/timeline';
import type { AuditEvent, AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { IntakeStore, Page } from '../ports/intake-store';
import type { StaffDirectory } from '../ports/staff-directory';
import type { TexterStore } from '../ports/texter-store';
import type { CaseDeps } from './victim-notices';

/** The intakes as staff use them: none of the routing of new intakes to Connect or of the wait of calls (the functions' own). */
export type StaffIntakes = Omit<IntakeStore, 'countReceived' | 'listDueForRouting' | 'markRouted' | 'recordRoutingFailure' | 'recordCallWait' | 'reopenForFollowUp' | 'recordFollowUp'>;

export interface ConsoleDeps {
  intakes: StaffIntakes;
  /** A staff reply queued, and a registration's question to confirm (CaseDeps): never the sender's outbox. */
  texters: Pick<TexterStore, 'queueText'> & CaseDeps['texters'];
  audit: AuditLog;
  registrations: CaseDeps['registrations'];
  events: CaseDeps['events'];
  directory: StaffDirectory;
  clock: Clock;
}

/** Counting a queue stops here: the console shows "10000+". */
export const COUNT_CAP = 10_000;

/** An intake in a list: nothing personal but the last four digits of a number. */
export interface IntakeListItem {
  id: string;
  category: Intake['category'];
  language: Intake['language'];
  channel: Intake['channel'];
  status: IntakeStatus;
  createdAt: string;
  updatedAt: string;
  phone: string | null;
  anonymous: boolean;
  claimedBy?: string;
  routing: Intake['routing']['state'];
  callbackAt?: string;
  /** The start of the summary, for triage (the whole of it is on the audited detail). */
  preview: string;
  version: number;
  /** A texter's follow-up came after this staff member last opened it (or they never did). */
  unread: boolean;
}

/** How much of the summary a list shows. */
export const PREVIEW_LENGTH = 80;

function previewOf(summary: string): string {
  const flat = summary.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…` : flat;
}

export interface QueueView {
  key: QueueKey;
  category: Intake['category'];
  language: Intake['language'];
  waiting: { count: number; capped: boolean };
  inProgress: { count: number; capped: boolean };
  oldestWaitingSince?: string;
}

/** An intake as a list shows it to one staff member (`viewer`: whose unread follow-ups are marked). */
export function listItem(intake: Intake, viewer: Pick<StaffMember, 'username'>): IntakeListItem {
  return {
    id: intake.id,
    category: intake.category,
    language: intake.language,
    channel: intake.channel,
    status: intake.status,
    createdAt: intake.createdAt,
    updatedAt: intake.updatedAt,
    phone: intake.contact ? maskPhone(intake.contact.phoneLast4) : null,
    anonymous: intake.anonymous,
    ...(intake.claimedBy ? { claimedBy: intake.claimedBy } : {}),
    routing: intake.routing.state,
    ...(intake.callbackAt ? { callbackAt: intake.callbackAt } : {}),
    preview: previewOf(intake.summary),
    version: intake.version,
    unread: hasUnreadFollowUp(intake, viewer.username),
  };
}

async function queueView(key: QueueKey, deps: ConsoleDeps): Promise<QueueView> {
  const [waiting, inProgress, oldest] = await Promise.all([
    deps.intakes.countQueue(key, 'new', COUNT_CAP),
    deps.intakes.countQueue(key, 'in_progress', COUNT_CAP),
    deps.intakes.listQueue({ queueKey: key, status: 'new', limit: 1 }),
  ]);
  const oldestWaitingSince = oldest.items[0]?.createdAt;
  return { key, ...parseQueueKey(key), waiting, inProgress, ...(oldestWaitingSince ? { oldestWaitingSince } : {}) };
}

/** The queues a staff member works: depth, work in progress, the oldest waiting intake. */
export async function queuesOverview(staff: StaffMember, deps: ConsoleDeps): Promise<QueueView[]> {
  const categories = visibleCategories(staff);
  const keys = QUEUE_KEYS.filter((key) => categories.includes(parseQueueKey(key).category));
  return Promise.all(keys.map((key) => queueView(key, deps)));
}

export const ListQuerySchema = z.object({
  queue: QueueKeySchema,
  status: z._default(IntakeStatusSchema, 'new'),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  order: z._default(z.enum(['oldest', 'newest']), 'oldest'),
  /** "My intakes": only those claimed by the staff member asking. */
  mine: z._default(z.enum(['true', 'false']), 'false'),
});

/** A page of a queue's intakes in a status, oldest (or newest) first, and how many there are in all. */
export async function listIntakes(staff: StaffMember, query: unknown, deps: ConsoleDeps): Promise<Page<IntakeListItem> & { total: { count: number; capped: boolean } }> {
  const { queue, status, cursor, order, mine } = parseOrThrow(ListQuerySchema, 'list request', query);
  assertAllowed(staff, 'list_queue', parseQueueKey(queue).category);
  const claimedBy = mine === 'true' ? staff.username : undefined;
  const [page, total] = await Promise.all([
    deps.intakes.listQueue({ queueKey: queue, status, newestFirst: order === 'newest', ...(cursor ? { cursor } : {}), ...(claimedBy ? { claimedBy } : {}) }),
    deps.intakes.countQueue(queue, status, COUNT_CAP, claimedBy),
  ]);
  return { items: page.items.map((intake) => listItem(intake, staff)), total, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

export async function intakeFor(staff: StaffMember, id: string, action: Parameters<typeof assertAllowed>[1], deps: ConsoleDeps): Promise<Intake> {
  const intake = await deps.intakes.get(id);
  // One answer for "no such intake" and "not one of yours": a 403 would tell that the reference
  // number exists, and its category. Only someone who may see the intake hears what they may not do.
  if (!intake || !allowed(staff, 'view_intake', intake.category)) throw new NotFoundError(`Intake ${id}`);
  assertAllowed(staff, action, intake.category);
  return intake;
}

export interface IntakeDetail {
  intake: IntakeListItem & { summary: string; routingDetail: Intake['routing']; closedAt?: string };
  timeline: TimelineEvent[];
  /** The statuses this staff member may move it to now (claiming and releasing are their own actions). */
  nextStatuses: IntakeStatus[];
  /** Whether this staff member may give the claim up. */
  canRelease: boolean;
  canReply: boolean;
  /** A supervisor may give an open intake to a colleague. */
  canAssign: boolean;
  /** Its category's staff and supervisors may move an open intake to another queue. */
  canTransfer: boolean;
  /** When this staff member last opened it: what came since is marked as new (absent the first time). */
  lastSeenAt?: string;
}

/** An intake with its timeline: personal data (the summary, the messages), so the view is audited. */
export async function intakeDetail(staff: StaffMember, id: string, deps: ConsoleDeps): Promise<IntakeDetail> {
  const intake = await intakeFor(staff, id, 'view_intake', deps).catch((error: unknown) => movedAway(staff, id, error, deps));
  const timeline = await deps.intakes.timeline(id);
  // Their last look, kept on the intake for the lists' marks, serves the page's "new" marks too.
  const lastSeenAt = intake.seenBy?.[staff.username];
  // Opened: what came before now is seen by this staff member (the lists stop marking it), nobody else.
  await Promise.all([
    deps.audit.record({ actor: staff.username, action: 'view_intake', subject: { type: 'intake', id } }),
    deps.intakes.markSeen(id, staff.username, deps.clock().toISOString()),
  ]);
  return {
    intake: { ...listItem(intake, staff), unread: false, summary: intake.summary, routingDetail: intake.routing, ...(intake.closedAt ? { closedAt: intake.closedAt } : {}) },
    timeline,
    nextStatuses: statusChoices(intake, staff),
    canRelease: mayRelease(intake, staff),
    canReply: intake.channel === 'sms' && intake.contact !== null,
    canAssign: !CLOSED_STATUSES.has(intake.status) && allowed(staff, 'assign', intake.category),
    canTransfer: !CLOSED_STATUSES.has(intake.status) && allowed(staff, 'transfer', intake.category),
    ...(lastSeenAt ? { lastSeenAt } : {}),
  };
}

/**
 * Staff of a queue an intake moved out of hear where it went (and who moved it, and why) instead
 * of "not found": they had it in front of them. Anyone else hears "not found", as before.
 */
async function movedAway(staff: StaffMember, id: string, error: unknown, deps: ConsoleDeps): Promise<never> {
  if (!(error instanceof NotFoundError)) throw error;
  const intake = await deps.intakes.get(id);
  if (!intake) throw error;
  const moves = (await deps.intakes.timeline(id)).filter((event) => event.type === 'transferred');
  const lastOut = moves.findLast((move) => allowed(staff, 'view_intake', parseQueueKey(move.from).category));
  if (!lastOut) throw error;
  const last = moves.at(-1)!;
  throw new MovedAwayError({
    code: 'moved',
    facts: { id, queue: last.to, actor: last.actor, date: last.at, reason: last.reason },
  });
}

const ChangesQuerySchema = z.object({ since: z.iso.datetime() });

/**
 * Whether an intake changed since a time, for a page that updates itself: its version and how
 * many timeline events came at or after `since`, nothing personal, so it is not audited (opening
 * the intake again to show them is). At, not only after: two events can share a millisecond, and
 * a page that has shown the first must still learn of the second.
 */
export async function intakeChanges(staff: StaffMember, id: string, query: unknown, deps: ConsoleDeps): Promise<{ version: number; status: IntakeStatus; newEvents: number }> {
  const { since } = parseOrThrow(ChangesQuerySchema, 'changes request', query);
  const intake = await intakeFor(staff, id, 'view_intake', deps);
  const timeline = await deps.intakes.timeline(id);
  return { version: intake.version, status: intake.status, newEvents: timeline.filter((event) => event.at >= since).length };
}

/** The contact's number in full: its own permission, and always audited. */
export async function revealContact(staff: StaffMember, id: string, deps: ConsoleDeps): Promise<{ phone: string | null }> {
  await intakeFor(staff, id, 'view_contact', deps);
  const phone = await deps.intakes.revealPhone(id);
  await deps.audit.record({ actor: staff.username, action: 'view_contact', subject: { type: 'intake', id } });
  return { phone: phone ?? null };
}

const VersionSchema = z.object({ version: z.number().check(z.int(), z.positive()) });

/** Takes a new intake: it moves to in_progress, claimed by this staff member. */
export async function claimIntake(staff: StaffMember, id: string, body: unknown, deps: ConsoleDeps): Promise<IntakeListItem> {
  const { version } = parseOrThrow(VersionSchema, 'claim', body);
  const intake = await intakeFor(staff, id, 'claim', deps);
  if (intake.status !== 'new') {
    throw new ForbiddenChangeError(intake.claimedBy ? { code: 'claim.claimedBy', facts: { id, status: intake.status, claimedBy: intake.claimedBy } } : { code: 'claim.notNew', facts: { id, status: intake.status } },
    );
  }
  const claimed = await deps.intakes.updateStatus(id, {
    to: 'in_progress',
    expectedVersion: version,
    actor: staff.username,
    role: roleOf(staff),
    audit: { action: 'claim', before: { status: intake.status }, after: { status: 'in_progress', claimedBy: staff.username } },
  });
  return listItem(claimed, staff);
}

/** Gives a claim up: the intake goes back to its queue as new, for someone else. Only the claimant or a supervisor. */
export async function releaseIntake(staff: StaffMember, id: string, body: unknown, deps: ConsoleDeps): Promise<IntakeListItem> {
  const { version } = parseOrThrow(VersionSchema, 'release', body);
  const intake = await intakeFor(staff, id, 'release', deps);
  if (!mayRelease(intake, staff)) {
    throw intake.status === 'in_progress'
      ? new ForbiddenChangeError({
          code: 'release.claimedByOther',
          facts: { id, claimedBy: intake.claimedBy ?? '' },
        })
      : new ForbiddenChangeError({ code: 'release.notClaimed', facts: { id, status: intake.status } });
  }
  const released = await deps.intakes.updateStatus(id, {
    to: 'new',
    expectedVersion: version,
    actor: staff.username,
    role: roleOf(staff),
    audit: { action: 'release', before: { status: intake.status, claimedBy: intake.claimedBy }, after: { status: 'new' } },
  });
  return listItem(released, staff);
}

const NoteSchema = z.object({ text: z.string().check(z.trim(), z.minLength(1), z.maxLength(NOTE_MAX_LENGTH)) });

export async function addNote(staff: StaffMember, id: string, body: unknown, deps: ConsoleDeps): Promise<TimelineEvent> {
  const { text } = parseOrThrow(NoteSchema, 'note', body);
  await intakeFor(staff, id, 'add_note', deps);
  const noteId = `${deps.clock().toISOString()}#${randomUUID()}`;
  return deps.intakes.appendEvent(id, { type: 'note', text }, staff.username, noteId, { action: 'add_note', after: { note: noteId } });
}

const StatusSchema = z.object({ to: IntakeStatusSchema, version: z.number().check(z.int(), z.positive()) });

/** Moves an intake along the status rules; 409 when someone changed it since it was read. */
export async function changeStatus(staff: StaffMember, id: string, body: unknown, deps: ConsoleDeps): Promise<IntakeListItem> {
  const { to, version } = parseOrThrow(StatusSchema, 'status change', body);
  const intake = await intakeFor(staff, id, 'change_status', deps);
  if (!holdsClaim(intake, staff)) {
    throw new ForbiddenChangeError({
      code: 'status.claimedByOther',
      facts: { id, claimedBy: intake.claimedBy ?? '' },
    });
  }
  if (intake.status === 'new' && to === 'in_progress') throw new ForbiddenChangeError({ code: 'status.claimFirst', facts: { id } });
  if (to === 'new') throw new ForbiddenChangeError({ code: 'status.releaseToRequeue', facts: { id } });
  const changed = await deps.intakes.updateStatus(id, {
    to,
    expectedVersion: version,
    actor: staff.username,
    role: roleOf(staff),
    audit: { action: 'change_status', before: { status: intake.status }, after: { status: to } },
  });
  return listItem(changed, staff);
}

const ReplySchema = z.object({ text: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)) });

/** A text to the texter, from the intake number: refused for a number that opted out. */
export async function replyByText(staff: StaffMember, id: string, body: unknown, deps: ConsoleDeps): Promise<{ queued: true; segments: number }> {
  const { text } = parseOrThrow(ReplySchema, 'reply', body);
  const { segments } = countSegments(text);
  if (segments > MAX_REPLY_SEGMENTS) {
    throw InvalidInputError.ofField('reply', 'text', { code: 'reply.tooManySegments', facts: { segments, maximum: MAX_REPLY_SEGMENTS } });
  }
  const intake = await intakeFor(staff, id, 'reply', deps);
  const phone = intake.channel === 'sms' ? await deps.intakes.revealPhone(id) : undefined;
  const noTexter = () => new ForbiddenChangeError({ code: 'reply.noTexter', facts: { id } });
  if (!phone) throw noTexter();
  const outcome = await deps.texters.queueText(phone, { id: `staff:${randomUUID()}`, text, at: deps.clock().toISOString() });
  if (outcome === 'opted_out') throw new ForbiddenChangeError({ code: 'reply.optedOut' });
  if (outcome === 'unknown') throw noTexter();
  await deps.intakes.appendEvent(id, { type: 'message_out', text }, staff.username, undefined, { action: 'reply', after: { segments } });
  return { queued: true, segments };
}

/** The days the metrics page shows. */
export const METRICS_DAYS = 7;

export interface QueueDay {
  day: string;
  received: number;
  claimed: number;
  handled: number;
  /** The median wait before a claim, as the upper bound of its bucket in minutes (null: no claims; "over" past the last bucket). */
  medianToClaim: { withinMinutes: number } | { overMinutes: number } | null;
}

/**
 * For supervisors: every queue now (waiting, in progress, oldest waiting), its last 7 days
 * (received, claimed, handled, median time to claim) from daily counters, and the intakes still
 * waiting for a Connect task. A page load reads 6 small queries of counters, never a listing.
 */
export async function metrics(staff: StaffMember, deps: ConsoleDeps) {
  assertAllowed(staff, 'view_metrics');
  const days = lastDays(deps.clock(), METRICS_DAYS);
  const [queues, unrouted, counted] = await Promise.all([
    Promise.all(QUEUE_KEYS.map((key) => queueView(key, deps))),
    deps.intakes.unroutedSummary(COUNT_CAP),
    Promise.all(QUEUE_KEYS.map((key) => deps.intakes.dailyCounts(key, days[0]!, days.at(-1)!))),
  ]);
  const daily = QUEUE_KEYS.map((key, index) => ({
    key,
    days: days.map((day): QueueDay => {
      const counts = counted[index]!.find((entry) => entry.day === day);
      const median = counts ? medianClaimMinutes(counts.claimBuckets) : null;
      return {
        day,
        received: counts?.received ?? 0,
        claimed: counts?.claimed ?? 0,
        handled: counts?.handled ?? 0,
        medianToClaim: median === null ? null : Number.isFinite(median) ? { withinMinutes: median } : { overMinutes: CLAIM_BUCKETS_MINUTES.at(-1)! },
      };
    }),
  }));
  return { queues, unrouted, daily };
}

/** For supervisors: who saw and changed an intake. */
export async function auditTrail(staff: StaffMember, id: string, deps: ConsoleDeps): Promise<AuditEvent[]> {
  await intakeFor(staff, id, 'view_audit', deps);
  return deps.audit.forSubject({ type: 'intake', id });
}
