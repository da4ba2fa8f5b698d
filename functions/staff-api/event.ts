import * as z from '../../shared/domain/schema';

/** An API Gateway HTTP API (payload 2.0) request with JWT authorizer claims, as far as it is read. */
export const HttpApiEventSchema = z.object({
  routeKey: z.string(),
  pathParameters: z.optional(z.record(z.string(), z.string())),
  queryStringParameters: z.optional(z.record(z.string(), z.string())),
  body: z.optional(z.string()),
  isBase64Encoded: z.optional(z.boolean()),
  requestContext: z.object({
    authorizer: z.object({ jwt: z.object({ claims: z.record(z.string(), z.unknown()) }) }),
  }),
});
