import * as z from './schema';
import { type E164, PhoneSchema } from './phone';
import { QueueKeySchema, queueKeyOf } from './queues';
import { ReferenceNumberSchema, type ReferenceNumber } from './reference-number';
import { CLOSED_STATUSES, INTAKE_STATUSES, assertTransition, type IntakeStatus, type Role } from './status';
import { CategorySchema, ChannelSchema, LanguageSchema, type Channel } from './taxonomy';

export const SUMMARY_MAX_LENGTH = 2000;

const IsoTime = z.iso.datetime();

/**
 * Where an intake stands with Amazon Connect. Calls are routed by the flow that took them;
 * texts and callbacks need a task, and stay `unrouted` (visible to staff) until one exists.
 */
export const RoutingSchema = z.lazy(() => z.discriminatedUnion('state', [
  z.object({
    state: z.literal('routed'),
    via: z.enum(['call', 'task', 'console']),
    taskId: z.optional(z.string()),
    at: IsoTime,
  }),
  z.object({
    state: z.literal('unrouted'),
    attempts: z.number().check(z.int(), z.nonnegative()),
    lastError: z.optional(z.string()),
    /** Not to be tried again before this time (after a failure). */
    notBefore: z.optional(IsoTime),
    /** When a follow-up reopened a closed intake: its new task is another task than the first. */
    reopenedAt: z.optional(IsoTime),
    /** When staff moved it to another queue: the new queue needs a new task too. */
    transferredAt: z.optional(IsoTime),
    /**
     * The task of the queue it was moved from, ended once its new task is recorded (so that the
     * old queue's staff no longer get it).
     */
    replacesTaskId: z.optional(z.string()),
  }),
]));
export type Routing = z.infer<typeof RoutingSchema>;

export const IntakeStatusSchema = z.enum(INTAKE_STATUSES);

/** An intake as the application sees it: the phone number only ever as its last 4 digits. */
export const IntakeSchema = z.lazy(() => z.object({
  /** The reference number, which is also the intake id. */
  id: ReferenceNumberSchema,
  category: CategorySchema,
  language: LanguageSchema,
  channel: ChannelSchema,
  status: IntakeStatusSchema,
  queueKey: QueueKeySchema,
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Null for an anonymous contact. */
  contact: z.nullable(z.object({ phoneLast4: z.string().check(z.regex(/^\d{4}$/)) })),
  anonymous: z.boolean(),
  summary: z.string().check(z.maxLength(SUMMARY_MAX_LENGTH)),
  routing: RoutingSchema,
  claimedBy: z.optional(z.string()),
  /** The contact asked to be called back, not before this time (after-hours calls). */
  callbackAt: z.optional(IsoTime),
  /** When it was resolved or referred; retention counts from here. */
  closedAt: z.optional(IsoTime),
  sourceKey: z.string(),
  version: z.number().check(z.int(), z.positive()),
  /** When the texter's last follow-up (a text added to this intake after it was made) came in. */
  lastFollowUpAt: z.optional(IsoTime),
  /** When each staff member (by username) last opened it: a follow-up since is unread for them. */
  seenBy: z.optional(z.record(z.string(), IsoTime)),
}));
export type Intake = z.infer<typeof IntakeSchema>;

/**
 * Whether a staff member has a follow-up on this intake they have not seen: one came in, and they
 * have not opened the intake since (or never). Neither time moves the intake's version.
 */
export function hasUnreadFollowUp(intake: Pick<Intake, 'lastFollowUpAt' | 'seenBy'>, username: string): boolean {
  if (!intake.lastFollowUpAt) return false;
  const seen = intake.seenBy?.[username];
  return seen === undefined || Date.parse(seen) < Date.parse(intake.lastFollowUpAt);
}

/** What a channel hands over to create an intake. */
export const NewIntakeSchema = z.lazy(() => z
  .object({
    /** The id of what caused the intake (ContactId, inbound message id): the idempotency key. */
    sourceKey: z.string().check(z.minLength(1), z.maxLength(256)),
    category: CategorySchema,
    language: LanguageSchema,
    channel: ChannelSchema,
    phone: z.optional(PhoneSchema),
    anonymous: z._default(z.boolean(), false),
    summary: z._default(z.string().check(z.trim(), z.maxLength(SUMMARY_MAX_LENGTH)), ''),
    callbackAt: z.optional(IsoTime),
    /**
     * A call that reached no queue (a registration by phone ends in the flow): like a text, it
     * waits for a Connect task, so that staff get it in the agent workspace too.
     */
    needsTask: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((intake, ctx) => {
    if (intake.anonymous && intake.category !== 'tip') {
      ctx.addIssue({ code: 'custom', path: ['anonymous'], message: 'only tips can be anonymous' });
    }
    if (intake.callbackAt !== undefined && intake.phone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a callback needs a phone number' });
    }
    if (intake.anonymous && intake.phone !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'an anonymous intake keeps no phone number' });
    }
    }),
  ));
export type NewIntakeInput = z.input<typeof NewIntakeSchema>;
export type NewIntake = z.output<typeof NewIntakeSchema>;

/**
 * The routing of an intake put back in a queue, new and due a Connect task there: moved to another
 * queue (`transferredAt`) or reopened for a follow-up (`reopenedAt`), either one a new routing
 * cycle with its own task (clientTokenOf). The task it had is kept as `replacesTaskId`, for the
 * router to end once the new one is recorded, so that its queue no longer gets it; one put back
 * again before that keeps the task an earlier change left. A call routed by its flow has no task
 * id, so a call is never ended.
 */
export function backInQueueRouting(previous: Routing, cycle: { transferredAt: string } | { reopenedAt: string }): Routing {
  const replacesTaskId = previous.state === 'routed' ? previous.taskId : previous.replacesTaskId;
  return { state: 'unrouted', attempts: 0, ...cycle, ...(replacesTaskId ? { replacesTaskId } : {}) };
}

function initialRouting(channel: Channel, at: string, callbackAt: string | undefined, needsTask: boolean): Routing {
  // A callback is a task for staff, scheduled for when the line opens.
  if (callbackAt || needsTask) return { state: 'unrouted', attempts: 0 };
  switch (channel) {
    case 'voice':
      return { state: 'routed', via: 'call', at };
    case 'console':
      return { state: 'routed', via: 'console', at };
    case 'sms':
      return { state: 'unrouted', attempts: 0 };
  }
}

/** A new intake, before the store has sealed its phone number. */
export function buildIntake(input: NewIntake, id: ReferenceNumber, now: Date): { intake: Intake; phone?: E164 } {
  const at = now.toISOString();
  const intake: Intake = {
    id,
    category: input.category,
    language: input.language,
    channel: input.channel,
    status: 'new',
    queueKey: queueKeyOf(input.category, input.language),
    createdAt: at,
    updatedAt: at,
    contact: input.phone ? { phoneLast4: input.phone.slice(-4) } : null,
    anonymous: input.anonymous,
    summary: input.summary,
    routing: initialRouting(input.channel, at, input.callbackAt, input.needsTask === true),
    ...(input.callbackAt ? { callbackAt: input.callbackAt } : {}),
    sourceKey: input.sourceKey,
    version: 1,
  };
  return input.phone ? { intake, phone: input.phone } : { intake };
}

/**
 * The intake after a status change by someone, if the rules allow it. Moving to in_progress
 * claims it for that person; moving back to new releases it to the queue.
 */
export function applyStatusChange(
  intake: Intake,
  to: IntakeStatus,
  by: { actor: string; role: Role },
  now: Date,
): Intake {
  assertTransition(intake.status, to, by.role);
  const { claimedBy: _claimedBy, closedAt: _closedAt, ...rest } = intake;
  const at = now.toISOString();
  const claimedBy = to === 'in_progress' ? by.actor : to === 'new' ? undefined : intake.claimedBy;
  return {
    ...rest,
    status: to,
    updatedAt: at,
    version: intake.version + 1,
    ...(claimedBy ? { claimedBy } : {}),
    ...(CLOSED_STATUSES.has(to) ? { closedAt: at } : {}),
  };
}
