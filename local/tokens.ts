import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { StaffGroup } from '../shared/domain/permissions';

/**
 * Tokens for the local runtime: JWTs signed with a local key (HS256), carrying the claims a
 * Cognito access token carries. Local only: in AWS, API Gateway verifies Cognito's tokens.
 */
const LOCAL_KEY = 'enlace-local-development-only';
const ISSUER = 'enlace-local';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `session` plays Cognito's origin_jti: one per sign-in. */
export function signLocalToken(username: string, groups: StaffGroup[], ttlSeconds = 12 * 3600, session: string = randomUUID()): string {
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({ iss: ISSUER, sub: username, 'cognito:username': username, 'cognito:groups': groups, token_use: 'access', origin_jti: session, iat: now, exp: now + ttlSeconds });
  return `${header}.${payload}.${signature(`${header}.${payload}`)}`;
}

/** The token's claims if it is ours, well formed and unexpired. */
export function verifyLocalToken(token: string): Record<string, unknown> | undefined {
  const [header, payload, sig] = token.split('.');
  if (!header || !payload || !sig) return undefined;
  const expected = Buffer.from(signature(`${header}.${payload}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims.iss !== ISSUER || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

function signature(data: string): string {
  return createHmac('sha256', LOCAL_KEY).update(data).digest('base64url');
}
