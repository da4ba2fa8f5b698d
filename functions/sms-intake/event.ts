import * as z from '../../shared/domain/schema';

/**
 * What AWS End User Messaging SMS publishes to the two-way SNS topic for an inbound text
 * (https://docs.aws.amazon.com/sms-voice/latest/userguide/two-way-sms-payload.html).
 */
export const TwoWaySmsSchema = z.object({
  originationNumber: z.string().check(z.minLength(1)),
  destinationNumber: z.string().check(z.minLength(1)),
  messageKeyword: z.optional(z.string()),
  // No length limit here: a text longer than SMS allows is still taken in (and cut where it is
  // stored), not refused into the dead-letter queue unanswered.
  messageBody: z.string(),
  inboundMessageId: z.string().check(z.minLength(1), z.maxLength(256)),
  previousPublishedMessageId: z.optional(z.string()),
});

const JsonText = z.pipe(
  z.string(),
  z.transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.issues.push({ code: 'custom', message: 'not JSON', input: text });
    return z.NEVER;
  }
  }),
);

/** SNS delivers one record per invocation; its Message is the payload above, as JSON text. */
export const SnsEventSchema = z.object({
  Records: z
    .array(
      z.object({
        EventSource: z.literal('aws:sns'),
        Sns: z.object({ MessageId: z.string(), Message: z.pipe(JsonText, TwoWaySmsSchema) }),
      }),
    )
    .check(z.minLength(1)),
});
