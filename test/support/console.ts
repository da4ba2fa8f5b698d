import type { createStaffApiHandler } from '../../functions/staff-api/create-handler';
import { matchRoute } from '../../functions/staff-api/routes';
import type { StaffGroup } from '../../shared/domain/permissions';
import { lambdaContext } from '../../local/lambda-context';

/** A request as API Gateway's HTTP API would pass it, for a user in some groups. */
export function apiEvent(method: string, path: string, groups: StaffGroup[], body?: unknown, username = 'tester') {
  const [rawPath, rawQuery = ''] = path.split('?');
  const route = matchRoute(method, rawPath!);
  if (!route) throw new Error(`No route for ${method} ${path}`);
  const query = new URLSearchParams(rawQuery);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    pathParameters: route.params,
    ...(query.size ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims: { sub: username, 'cognito:username': username, 'cognito:groups': `[${groups.join(' ')}]` }, scopes: null } } },
  };
}

export async function call(handler: ReturnType<typeof createStaffApiHandler>, method: string, path: string, groups: StaffGroup[], body?: unknown, username?: string) {
  const response = await handler(apiEvent(method, path, groups, body, username), lambdaContext('staff-api'));
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}
