import * as z from './schema';
import { IntakeStatusSchema } from './intake';
import { NOTE_MAX_LENGTH } from './limits';

export { NOTE_MAX_LENGTH };

/** Who did something: a staff member's username, or `system` for the hotline itself. */
export const ActorIdSchema = z.string().check(z.minLength(1), z.maxLength(128));

const Text = z.string().check(z.trim(), z.minLength(1), z.maxLength(NOTE_MAX_LENGTH));

/** What can happen to an intake after it is created, in the order it happened. */
export const TimelineEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('note'), text: Text }),
  z.object({ type: z.literal('status_changed'), from: IntakeStatusSchema, to: IntakeStatusSchema }),
  z.object({ type: z.literal('claimed') }),
  /** A text from the contact, or a reply sent to them. */
  z.object({ type: z.literal('message_in'), text: Text }),
  z.object({ type: z.literal('message_out'), text: Text }),
  z.object({ type: z.literal('routed'), taskId: z.string() }),
  z.object({ type: z.literal('routing_failed'), error: z.string().check(z.maxLength(500)) }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TimelineEventSchema = z.intersection(
  TimelineEntrySchema,
  z.object({ id: z.string(), intakeId: z.string(), at: z.iso.datetime(), actor: ActorIdSchema }),
);
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
