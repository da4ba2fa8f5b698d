import { matchRoute } from '../functions/staff-api/routes';
import type { createStaffApiHandler } from '../functions/staff-api/create-handler';
import { json, type LocalRoute } from './http';
import { lambdaContext } from './lambda-context';
import { verifyLocalToken } from './tokens';

export const API_PREFIX = '/api';

/**
 * The staff API on localhost: the request becomes the event API Gateway's HTTP API would send
 * (JWT claims included, array claims flattened as API Gateway does), for the real handler.
 */
export function apiRoute(handler: ReturnType<typeof createStaffApiHandler>): LocalRoute {
  return async (request) => {
    if (!request.path.startsWith(`${API_PREFIX}/`)) return undefined;
    const path = request.path.slice(API_PREFIX.length);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const claims = token ? verifyLocalToken(token) : undefined;
    // API Gateway's JWT authorizer answers these before the function runs.
    if (!claims) return json(401, { message: 'Unauthorized' });
    const route = matchRoute(request.method, path);
    if (!route) return json(404, { message: 'Not Found' });
    const event = {
      version: '2.0',
      routeKey: route.routeKey,
      rawPath: path,
      rawQueryString: request.query.toString(),
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      ...(request.query.size ? { queryStringParameters: Object.fromEntries(request.query) } : {}),
      pathParameters: route.params,
      ...(request.body ? { body: request.body } : {}),
      isBase64Encoded: false,
      requestContext: {
        http: { method: request.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: request.headers['user-agent'] ?? '' },
        authorizer: { jwt: { claims: flattenClaims(claims), scopes: null } },
      },
    };
    const response = await handler(event, lambdaContext('staff-api'));
    return { status: response.statusCode, headers: response.headers, body: response.body };
  };
}

/** As API Gateway passes claims: strings, arrays as one bracketed, space-separated string. */
function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]));
}
