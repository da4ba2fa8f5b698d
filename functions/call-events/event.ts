import * as z from '../../shared/domain/schema';

const IsoTime = z.iso.datetime({ offset: true });

/**
 * An Amazon Connect contact event as EventBridge delivers it (source `aws.connect`, detail-type
 * `Amazon Connect Contact Event`), as far as call-events reads it
 * (https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html). Connect adds
 * fields and event types over time: unknown fields are allowed, and the rule lets only the two
 * event types read here through.
 */
export const ContactEventSchema = z.object({
  source: z.literal('aws.connect'),
  'detail-type': z.literal('Amazon Connect Contact Event'),
  detail: z.object({
    eventType: z.string().check(z.minLength(1)),
    contactId: z.string().check(z.minLength(1), z.maxLength(256)),
    channel: z.string(),
    queueInfo: z.optional(z.object({ enqueueTimestamp: z.optional(IsoTime) })),
    agentInfo: z.optional(z.object({ connectedToAgentTimestamp: z.optional(IsoTime) })),
    disconnectTimestamp: z.optional(IsoTime),
  }),
});
export type ContactEvent = z.input<typeof ContactEventSchema>;
