import * as z from '../../shared/domain/schema';

/**
 * The event Amazon Connect sends a function invoked from a flow, as far as call-intake reads it.
 * Unknown fields are allowed: Connect adds fields over time.
 */
export const ContactFlowEventSchema = z.object({
  Name: z.literal('ContactFlowEvent'),
  Details: z.object({
    ContactData: z.object({
      ContactId: z.string().check(z.minLength(1)),
      Channel: z.string(),
      InstanceARN: z.string(),
      Attributes: z._default(z.record(z.string(), z.string()), {}),
      CustomerEndpoint: z.nullish(z.object({ Address: z.optional(z.string()), Type: z.optional(z.string()) })),
    }),
    Parameters: z._default(z.record(z.string(), z.string()), {}),
  }),
});
export type ContactFlowEvent = z.input<typeof ContactFlowEventSchema>;
