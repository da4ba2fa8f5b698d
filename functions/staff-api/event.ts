import * as z from 'zod';

/** An API Gateway HTTP API (payload 2.0) request with JWT authorizer claims, as far as it is read. */
export const HttpApiEventSchema = z.object({
  routeKey: z.string(),
  pathParameters: z.record(z.string(), z.string()).optional(),
  queryStringParameters: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
  requestContext: z.object({
    authorizer: z.object({ jwt: z.object({ claims: z.record(z.string(), z.unknown()) }) }),
  }),
});
