import * as z from 'zod';

/** A DynamoDB stream batch (only the fields the router reads). */
export const StreamEventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      dynamodb: z.object({ SequenceNumber: z.string(), NewImage: z.record(z.string(), z.unknown()).optional() }),
    }),
  ),
});

/** The scheduled sweep (EventBridge). */
export const SweepEventSchema = z.object({ source: z.literal('aws.events') }).loose();
