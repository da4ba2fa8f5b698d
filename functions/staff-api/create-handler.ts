import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { staffFromClaims } from '../../shared/adapters/http/claims';
import { loggableError } from '../../shared/adapters/lambda/observability';
import { DomainError, ForbiddenChangeError, InvalidInputError, type FieldIssue, MovedAwayError, NotFoundError, StaleVersionError, type RefusalFacts } from '../../shared/domain/errors';
import { NotAllowedError } from '../../shared/domain/permissions';
import { ENGLISH_REFUSALS, issueWords, refusalWords } from '../../shared/domain/refusal-words';
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

/**
 * Every error answer: `error`, the kind (not_allowed, not_found, ...); `code`, the refusal's
 * stable code, a key of the staff catalog's `error.` sentences (shared/domain/catalog/staff-refusals.ts);
 * `facts`, the values that sentence needs, as machine values; `message`, that sentence in English
 * (the domain's own message when the catalog has none for the code). The console says `code`
 * with `facts` in the staff member's language, by the same wording.
 */
export interface ErrorBody {
  error: string;
  code: string;
  facts: RefusalFacts;
  message: string;
  issues?: FieldIssue[];
}

function refused(statusCode: number, error: DomainError): HttpResponse {
  const code = error.refusalCode ?? error.code;
  const issues = error instanceof InvalidInputError ? error.issues : [];
  const message = refusalWords(ENGLISH_REFUSALS, code, error.facts, issues) ?? error.message;
  const body: ErrorBody = { error: error.code, code, facts: error.facts, message };
  // Each field's issue in English too: its own sentence, or the refusal's that it is about.
  if (error instanceof InvalidInputError) body.issues = issues.map((issue) => ({ ...issue, message: issue.code ? issueWords(ENGLISH_REFUSALS, issue) : message }));
  return respond(statusCode, body);
}

function plain(statusCode: number, code: string, message: string): HttpResponse {
  const body: ErrorBody = { error: code, code, facts: {}, message };
  return respond(statusCode, body);
}

/** A domain error as the HTTP answer it deserves; anything else is a 500 that says nothing more. */
function errorResponse(error: unknown): HttpResponse {
  if (error instanceof InvalidInputError) return refused(400, error);
  if (error instanceof NotAllowedError) return refused(403, error);
  if (error instanceof NotFoundError || error instanceof MovedAwayError) return refused(404, error);
  if (error instanceof StaleVersionError || error instanceof ForbiddenChangeError) return refused(409, error);
  if (error instanceof DomainError) return refused(400, error);
  return plain(500, 'internal', 'Something went wrong; it has been logged.');
}

/** The staff API behind API Gateway's JWT authorizer. */
export function createStaffApiHandler(deps: StaffApiHandlerDeps) {
  const { logger, metrics } = deps;
  return middy(async (event: unknown): Promise<HttpResponse> => {
    const parsed = HttpApiEventSchema.safeParse(event);
    if (!parsed.success) return errorResponse(InvalidInputError.fromZod('request', parsed.error));
    const request = parsed.data;
    const staff = staffFromClaims(request.requestContext.authorizer.jwt.claims);
    if (!staff) return plain(401, 'unauthenticated', 'No staff member in the token');
    const route = Object.hasOwn(STAFF_ROUTES, request.routeKey) ? STAFF_ROUTES[request.routeKey as RouteKey] : undefined;
    if (!route) return plain(404, 'not_found', `No route ${request.routeKey}`);
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
          throw new InvalidInputError('request', [{ field: 'body', message: 'not JSON', code: 'notJson' }]);
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
