import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { CONSOLE_DIST, SECURITY_HEADERS, staticFile } from '../../local/console-routes';
import { json, listen, type LocalResponse, type LocalRoute } from '../../local/http';
import { signLocalToken } from '../../local/tokens';
import type { StaffGroup } from '../../shared/domain/permissions';

/**
 * A stand-in for a user pool's managed login (the hosted UI), as the console's deployed sign-in
 * meets it: the authorization code grant with PKCE of a public app client. Each endpoint checks
 * what AWS documents for it and writes down what it refused (`problems`), so a test can expect none.
 *
 * - GET /oauth2/authorize: https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
 *   (response_type, client_id, redirect_uri — one of the client's callback URLs —, state, scope,
 *   code_challenge_method=S256, code_challenge; it sends the browser to redirect_uri?code=...&state=...).
 * - POST /oauth2/token: https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
 *   (application/x-www-form-urlencoded: grant_type=authorization_code, client_id, code,
 *   redirect_uri as at authorize, code_verifier; it answers access_token, id_token, refresh_token,
 *   token_type Bearer, expires_in, with Access-Control-Allow-Origin: *).
 * - GET /logout: https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
 *   (client_id, and logout_uri one of the client's allowed sign-out URLs; it ends the managed
 *   login's session and sends the browser to logout_uri).
 * - The access token's claims: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
 *   (sub, cognito:groups, username — not cognito:username, which only the ID token has —,
 *   client_id, token_use access, scope, origin_jti, exp...).
 */
export interface FakeManagedLogin {
  url: string;
  /** Every GET /oauth2/authorize, as the browser asked for it. */
  authorizeRequests: URLSearchParams[];
  /** Every GET /logout, as the browser asked for it. */
  logoutRequests: URLSearchParams[];
  /** Every POST /oauth2/token's form. */
  tokenRequests: URLSearchParams[];
  /** Access tokens issued, in order. */
  issued: string[];
  /** What an endpoint refused, in words: a test expects none. */
  problems: string[];
  /** Who signs in at the managed login page (it signs them in at once: a session it already has). */
  signingIn: { username: string; groups: StaffGroup[] };
  /** Sends the next sign-in back with another state than it came with (a forged or mixed-up answer). */
  forgeNextState: boolean;
  /** Ends the next sign-in with an error instead of a code, as Cognito redirects one (access denied). */
  refuseNext: boolean;
  /** The claims of a token this fake issued, unexpired; undefined for any other. */
  claimsOf(token: string): Record<string, unknown> | undefined;
  stop(): Promise<void>;
}

/** The scopes the console's app client allows (infra/constructs/staff-console.ts; test/infra/staff-console.test.ts checks them). */
export const CLIENT_SCOPES = ['openid', 'email', 'profile'];

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');
/** RFC 7636 §4.1: 43 to 128 of the unreserved characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export async function startFakeManagedLogin(client: { clientId: string; callbackUrls: () => string[]; logoutUrls: () => string[] }): Promise<FakeManagedLogin> {
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; scope: string; username: string; groups: StaffGroup[] }>();
  const claims = new Map<string, Record<string, unknown>>();
  const fake: Omit<FakeManagedLogin, 'url' | 'stop'> = {
    authorizeRequests: [],
    logoutRequests: [],
    tokenRequests: [],
    issued: [],
    problems: [],
    signingIn: { username: 'ana', groups: ['tip'] },
    forgeNextState: false,
    refuseNext: false,
    claimsOf(token) {
      const found = claims.get(token);
      return found && Number(found.exp) * 1000 > Date.now() ? found : undefined;
    },
  };
  const refuse = (problem: string, body: unknown = { error: 'invalid_request' }): LocalResponse => {
    fake.problems.push(problem);
    return { ...json(400, body), headers: { ...json(400, body).headers, 'access-control-allow-origin': '*' } };
  };

  const authorize: LocalRoute = async (request) => {
    if (request.path !== '/oauth2/authorize') return undefined;
    const query = request.query;
    fake.authorizeRequests.push(new URLSearchParams(query));
    if (request.method !== 'GET') return refuse(`authorize: ${request.method}, not GET`);
    if (query.get('response_type') !== 'code') return refuse(`authorize: response_type ${query.get('response_type')}`);
    if (query.get('client_id') !== client.clientId) return refuse(`authorize: client_id ${query.get('client_id')}`);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client.callbackUrls().includes(redirectUri)) return refuse(`authorize: redirect_uri ${redirectUri} is not a callback URL`);
    const state = query.get('state');
    if (!state) return refuse('authorize: no state');
    const scope = query.get('scope') ?? '';
    const unknownScopes = scope.split(' ').filter((name) => name && !CLIENT_SCOPES.includes(name));
    if (unknownScopes.length) return refuse(`authorize: scopes the client does not allow: ${unknownScopes.join(' ')}`);
    // Cognito supports S256 only; a plain challenge is refused.
    if (query.get('code_challenge_method') !== 'S256') return refuse(`authorize: code_challenge_method ${query.get('code_challenge_method')}`);
    const challenge = query.get('code_challenge') ?? '';
    // base64url of a SHA-256 digest: 43 characters, no padding.
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return refuse(`authorize: code_challenge ${challenge} is not a base64url SHA-256`);
    const code = randomUUID();
    codes.set(code, { clientId: client.clientId, redirectUri, challenge, scope, ...fake.signingIn });
    const back = new URL(redirectUri);
    back.search = new URLSearchParams(
      // https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoint-idp-responses.html:
      // "<Callback URL>/?error_description=error+description&error=error+name".
      fake.refuseNext ? { error_description: 'User is not allowed here', error: 'access_denied' } : { code, state: fake.forgeNextState ? b64url(randomBytes(16)) : state },
    ).toString();
    fake.forgeNextState = false;
    fake.refuseNext = false;
    return { status: 302, headers: { location: back.toString() } };
  };

  const token: LocalRoute = async (request) => {
    if (request.path !== '/oauth2/token') return undefined;
    if (request.method !== 'POST') return refuse(`token: ${request.method}, not POST`);
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return refuse(`token: content-type ${request.headers['content-type']}`);
    const form = new URLSearchParams(request.body);
    fake.tokenRequests.push(form);
    if (form.get('grant_type') !== 'authorization_code') return refuse(`token: grant_type ${form.get('grant_type')}`, { error: 'unsupported_grant_type' });
    const granted = codes.get(form.get('code') ?? '');
    // A code is good once.
    codes.delete(form.get('code') ?? '');
    if (!granted) return refuse('token: unknown or used code', { error: 'invalid_grant' });
    if (form.get('client_id') !== granted.clientId) return refuse(`token: client_id ${form.get('client_id')}`, { error: 'invalid_client' });
    if (form.get('redirect_uri') !== granted.redirectUri) return refuse(`token: redirect_uri ${form.get('redirect_uri')} is not authorize's`, { error: 'invalid_grant' });
    const verifier = form.get('code_verifier') ?? '';
    if (!VERIFIER.test(verifier)) return refuse('token: code_verifier is not 43 to 128 unreserved characters', { error: 'invalid_grant' });
    if (b64url(createHash('sha256').update(verifier).digest()) !== granted.challenge) return refuse('token: code_verifier does not match the code_challenge', { error: 'invalid_grant' });

    const now = Math.floor(Date.now() / 1000);
    const session = randomUUID();
    const sub = randomUUID();
    const access = {
      sub,
      'cognito:groups': granted.groups,
      iss: server.url,
      client_id: granted.clientId,
      origin_jti: session,
      token_use: 'access',
      scope: granted.scope,
      auth_time: now,
      exp: now + 3600,
      iat: now,
      jti: randomUUID(),
      username: granted.username,
    };
    const accessToken = `${b64url(JSON.stringify({ kid: 'fake-access', alg: 'RS256' }))}.${b64url(JSON.stringify(access))}.${b64url(randomBytes(32))}`;
    const id = { sub, 'cognito:groups': granted.groups, 'cognito:username': granted.username, aud: granted.clientId, token_use: 'id', origin_jti: session, iss: server.url, exp: now + 3600, iat: now };
    const idToken = `${b64url(JSON.stringify({ kid: 'fake-id', alg: 'RS256' }))}.${b64url(JSON.stringify(id))}.${b64url(randomBytes(32))}`;
    claims.set(accessToken, access);
    fake.issued.push(accessToken);
    const body = { access_token: accessToken, id_token: idToken, refresh_token: b64url(randomBytes(64)), token_type: 'Bearer', expires_in: 3600 };
    return { status: 200, headers: { ...json(200, body).headers, 'access-control-allow-origin': '*' }, body: JSON.stringify(body) };
  };

  const logout: LocalRoute = async (request) => {
    if (request.path !== '/logout') return undefined;
    fake.logoutRequests.push(new URLSearchParams(request.query));
    if (request.method !== 'GET') return refuse(`logout: ${request.method}, not GET`);
    if (request.query.get('client_id') !== client.clientId) return refuse(`logout: client_id ${request.query.get('client_id')}`);
    const logoutUri = request.query.get('logout_uri') ?? '';
    if (!client.logoutUrls().includes(logoutUri)) return refuse(`logout: logout_uri ${logoutUri} is not an allowed sign-out URL`);
    return { status: 302, headers: { location: logoutUri } };
  };

  const server = await listen([authorize, token, logout], 0);
  return Object.assign(fake, {
    url: server.url,
    stop: () => close(server.server),
  });
}

export interface CognitoConsole {
  url: string;
  /** Every request to the API: method, path and the Authorization header it carried. */
  apiRequests: { method: string; path: string; authorization: string | undefined }[];
  /** Tokens the API refuses from now on, as API Gateway does once a token is revoked or expired. */
  refused: Set<string>;
  stop(): Promise<void>;
}

/**
 * The console as CloudFront serves it in AWS, with no AWS: the built console/dist, a config.json
 * in cognito mode (as infra/constructs/staff-console.ts deploys it) pointing at the fake managed
 * login, the same security headers (connect-src and form-action let the managed login in), and the
 * API under /api on the same origin. The API stands for API Gateway's JWT authorizer: a token the
 * fake issued and not refused passes to the local hotline's staff API as that staff member;
 * any other is answered 401 before the function runs.
 */
export async function startCognitoConsole(options: { hotlineUrl: string; clientId: string; managedLogin: () => FakeManagedLogin }): Promise<CognitoConsole> {
  const apiRequests: CognitoConsole['apiRequests'] = [];
  const refused = new Set<string>();
  let url = '';
  const config: LocalRoute = async (request) =>
    request.method === 'GET' && request.path === '/config.json'
      ? json(200, { mode: 'cognito', apiUrl: '/api', cognitoDomain: options.managedLogin().url, clientId: options.clientId, redirectUri: `${url}/`, timeZone: 'America/New_York' })
      : undefined;
  const api: LocalRoute = async (request) => {
    if (!request.path.startsWith('/api/')) return undefined;
    const authorization = request.headers.authorization;
    apiRequests.push({ method: request.method, path: request.path, authorization });
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const claims = token && !refused.has(token) ? options.managedLogin().claimsOf(token) : undefined;
    if (!claims || claims.client_id !== options.clientId || claims.token_use !== 'access') return json(401, { message: 'Unauthorized' });
    const local = signLocalToken(String(claims.username), claims['cognito:groups'] as StaffGroup[], 3600, String(claims.origin_jti));
    const query = request.query.size ? `?${request.query.toString()}` : '';
    const response = await fetch(`${options.hotlineUrl}${request.path}${query}`, {
      method: request.method,
      headers: { authorization: `Bearer ${local}`, ...(request.headers['content-type'] ? { 'content-type': request.headers['content-type'] } : {}) },
      ...(request.method === 'POST' ? { body: request.body } : {}),
    });
    return { status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' }, body: Buffer.from(await response.arrayBuffer()) };
  };
  const site: LocalRoute = async (request) => {
    if (request.method !== 'GET') return undefined;
    const file = staticFile(CONSOLE_DIST, request.path);
    const cognito = options.managedLogin().url;
    const csp = SECURITY_HEADERS['content-security-policy']!.replace("connect-src 'self'", `connect-src 'self' ${cognito}`).replace("form-action 'self'", `form-action 'self' ${cognito}`);
    return { ...file, headers: { ...file.headers, 'content-security-policy': csp } };
  };
  const server = await listen([config, api, site], 0);
  url = server.url;
  return { url, apiRequests, refused, stop: () => close(server.server) };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
