import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { staffFromClaims } from '../../shared/adapters/http/claims';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { DomainError, ForbiddenChangeError, InvalidInputError, MovedAwayError, NotFoundError, StaleVersionError } from '../../shared/domain/errors';
import { NotAllowedError } from '../../shared/domain/permissions';
import type { ConsoleDeps } from '../../shared/use-cases/staff-console';
import { HttpApiEventSchema } from './event';
import { STAFF_ROUTES, type RouteKey } from './routes';

export interface StaffApiHandlerDeps extends ConsoleDeps {
  logger: Logger;
  metrics: Metrics;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function respond(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: HEADERS, body: JSON.stringify(body) };
}

/** A domain error as the HTTP answer it deserves; anything else is a 500 that says nothing more. */
function errorResponse(error: unknown): HttpResponse {
  if (error instanceof InvalidInputError) return respond(400, { error: error.code, message: error.message, issues: error.issues });
  if (error instanceof NotAllowedError) return respond(403, { error: error.code, message: error.message });
  if (error instanceof NotFoundError || error instanceof MovedAwayError) return respond(404, { error: error.code, message: error.message });
  if (error instanceof StaleVersionError || error instanceof ForbiddenChangeError) return respond(409, { error: error.code, message: error.message });
  if (error instanceof DomainError) return respond(400, { error: error.code, message: error.message });
  return respond(500, { error: 'internal', message: 'Something went wrong; it has been logged.' });
}

/** The staff API behind API Gateway's JWT authorizer. */
export function createStaffApiHandler(deps: StaffApiHandlerDeps) {
  const { logger, metrics } = deps;
  return middy(async (event: unknown): Promise<HttpResponse> => {
    const parsed = HttpApiEventSchema.safeParse(event);
    if (!parsed.success) return errorResponse(InvalidInputError.fromZod('request', parsed.error));
    const request = parsed.data;
    const staff = staffFromClaims(request.requestContext.authorizer.jwt.claims);
    if (!staff) return respond(401, { error: 'unauthenticated', message: 'No staff member in the token' });
    const route = Object.hasOwn(STAFF_ROUTES, request.routeKey) ? STAFF_ROUTES[request.routeKey as RouteKey] : undefined;
    if (!route) return respond(404, { error: 'not_found', message: `No route ${request.routeKey}` });
    logger.appendKeys({ routeKey: request.routeKey, staff: staff.username });
    // The directory that assignment lists colleagues from: who works, in which groups, as their token says.
    await deps.directory.seen(staff).catch((error: unknown) => logger.warn('Staff directory not updated', { error: loggableError(error) }));
    try {
      let body: unknown;
      if (request.body) {
        const text = request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
        try {
          body = JSON.parse(text);
        } catch {
          throw new InvalidInputError('request', [{ field: 'body', message: 'not JSON' }]);
        }
      }
      const result = await route({ staff, params: request.pathParameters ?? {}, query: request.queryStringParameters ?? {}, body }, deps);
      metrics.addMetric('StaffRequest', MetricUnit.Count, 1);
      return respond(200, result);
    } catch (error) {
      const response = errorResponse(error);
      if (response.statusCode === 500) logger.error('Failed', { error: loggableError(error) });
      else logger.info('Refused', { statusCode: response.statusCode, error: loggableError(error).name });
      return response;
    }
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
