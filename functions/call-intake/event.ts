import * as z from 'zod';

/**
 * The event Amazon Connect sends a function invoked from a flow, as far as call-intake reads it.
 * Unknown fields are allowed: Connect adds fields over time.
 */
export const ContactFlowEventSchema = z.object({
  Name: z.literal('ContactFlowEvent'),
  Details: z.object({
    ContactData: z.object({
      ContactId: z.string().min(1),
      Channel: z.string(),
      InstanceARN: z.string(),
      Attributes: z.record(z.string(), z.string()).default({}),
      CustomerEndpoint: z.object({ Address: z.string().optional(), Type: z.string().optional() }).nullish(),
    }),
    Parameters: z.record(z.string(), z.string()).default({}),
  }),
});
export type ContactFlowEvent = z.input<typeof ContactFlowEventSchema>;
