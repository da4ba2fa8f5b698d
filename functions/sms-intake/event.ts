import * as z from 'zod';

/**
 * What AWS End User Messaging SMS publishes to the two-way SNS topic for an inbound text
 * (https://docs.aws.amazon.com/sms-voice/latest/userguide/two-way-sms-payload.html).
 */
export const TwoWaySmsSchema = z.object({
  originationNumber: z.string().min(1),
  destinationNumber: z.string().min(1),
  messageKeyword: z.string().optional(),
  // No length limit here: a text longer than SMS allows is still taken in (and cut where it is
  // stored), not refused into the dead-letter queue unanswered.
  messageBody: z.string(),
  inboundMessageId: z.string().min(1).max(256),
  previousPublishedMessageId: z.string().optional(),
});

const JsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

/** SNS delivers one record per invocation; its Message is the payload above, as JSON text. */
export const SnsEventSchema = z.object({
  Records: z
    .array(
      z.object({
        EventSource: z.literal('aws:sns'),
        Sns: z.object({ MessageId: z.string(), Message: JsonText.pipe(TwoWaySmsSchema) }),
      }),
    )
    .min(1),
});
