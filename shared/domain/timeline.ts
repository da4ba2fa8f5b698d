import * as z from './schema';
import { IntakeStatusSchema } from './intake';
import { NOTE_MAX_LENGTH } from './limits';
import { CaseNumberSchema, REGISTRATION_SOURCES } from './notifications';
import { QueueKeySchema } from './queues';

export { NOTE_MAX_LENGTH };

/** Who did something: a staff member's username, or `system` for the hotline itself. */
export const ActorIdSchema = z.string().check(z.minLength(1), z.maxLength(128));

/** Why an intake was assigned or moved: said in a line or two, kept in the timeline and the audit trail. */
export const REASON_MAX_LENGTH = 300;
export const ReasonSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(REASON_MAX_LENGTH));

/**
 * How long a caller waited in the queue, and how the wait ended: an agent answered, or the
 * caller hung up first. Whole seconds, from Connect's enqueue time to the agent's answer or the
 * disconnect.
 */
export const CallWaitSchema = z.lazy(() => z.object({
  seconds: z.number().check(z.int(), z.nonnegative()),
  outcome: z.enum(['answered', 'abandoned']),
}));
export type CallWait = z.infer<typeof CallWaitSchema>;

const RegistrationStatusSchema = z.enum(['pending', 'active', 'withdrawn']);

const Text = z.string().check(z.trim(), z.minLength(1), z.maxLength(NOTE_MAX_LENGTH));

/** What can happen to an intake after it is created, in the order it happened. */
export const TimelineEntrySchema = z.lazy(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('note'), text: Text }),
  z.object({ type: z.literal('status_changed'), from: IntakeStatusSchema, to: IntakeStatusSchema }),
  z.object({ type: z.literal('claimed') }),
  /** A text from the contact, or a reply sent to them. */
  z.object({ type: z.literal('message_in'), text: Text }),
  z.object({ type: z.literal('message_out'), text: Text }),
  /**
   * How a call reached the line, as the call flow told call-intake: by a menu choice or the
   * general route after no choice, the tip's anonymity, the callback number (its last four digits
   * only) and the queue. The queue wait (`wait`) is added later, from Connect's contact events
   * (functions/call-events): the intake is written before the caller is put in the queue.
   */
  z.object({
    type: z.literal('call'),
    route: z.enum(['menu', 'general']),
    anonymity: z.optional(z.enum(['anonymous', 'left_number'])),
    callback: z.optional(z.object({ numberLast4: z.string().check(z.regex(/^\d{4}$/)), keyed: z.boolean() })),
    queueKey: QueueKeySchema,
    wait: z.optional(CallWaitSchema),
  }),
  z.object({ type: z.literal('routed'), taskId: z.string() }),
  z.object({ type: z.literal('routing_failed'), error: z.string().check(z.maxLength(500)) }),
  /** A supervisor gave the intake to a colleague (`from`: who had it before, if anyone). */
  z.object({ type: z.literal('assigned'), to: ActorIdSchema, from: z.optional(ActorIdSchema), reason: ReasonSchema }),
  /** A misrouted intake moved to another queue (category or language). */
  z.object({ type: z.literal('transferred'), from: QueueKeySchema, to: QueueKeySchema, reason: ReasonSchema }),
  /**
   * A victim notice registration this intake led to: by phone or text (the intake was made for
   * it) or by staff from the intake. Its contact masked, as on the Cases page; its status then.
   */
  z.object({
    type: z.literal('registration'),
    registrationId: z.string().check(z.minLength(1), z.maxLength(64)),
    caseNumber: CaseNumberSchema,
    channel: z.enum(REGISTRATION_SOURCES),
    phoneLast4: z.optional(z.string().check(z.regex(/^\d{4}$/))),
    emailMasked: z.optional(z.string().check(z.maxLength(320))),
    status: RegistrationStatusSchema,
    /** The number or address was registered for the case already: this is that registration. */
    alreadyRegistered: z.optional(z.boolean()),
  }),
  /** That registration was confirmed (YES by text) or withdrawn. */
  z.object({ type: z.literal('registration_status'), registrationId: z.string().check(z.minLength(1), z.maxLength(64)), caseNumber: CaseNumberSchema, status: RegistrationStatusSchema }),
]));
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TimelineEventSchema = z.lazy(() => z.intersection(
  TimelineEntrySchema,
  z.object({ id: z.string(), intakeId: z.string(), at: z.iso.datetime(), actor: ActorIdSchema }),
));
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
