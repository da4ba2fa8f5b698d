import { STAFF_GROUPS, type StaffMember } from '../../shared/domain/permissions';
import type { ConsoleConfig } from './config';
import { t } from './i18n';

/**
 * Signing in. In AWS: Cognito's hosted UI with the authorization code flow and PKCE (no client
 * secret in the browser); the access token is kept for this tab only. Locally: a sample staff
 * member, with a token the local runtime signs.
 */
export interface Session {
  token: string;
  username: string;
  groups: string[];
}

/** The signed-in staff member, for the domain's permission rules (the API applies them again). */
export function staffOf(session: Session): StaffMember {
  return { username: session.username, groups: STAFF_GROUPS.filter((group) => session.groups.includes(group)) };
}

const SESSION = 'enlace.session';
const PKCE = 'enlace.pkce';

export function currentSession(): Session | undefined {
  const stored = sessionStorage.getItem(SESSION);
  if (!stored) return undefined;
  const session = JSON.parse(stored) as Session & { expiresAt: number };
  if (session.expiresAt < Date.now()) {
    sessionStorage.removeItem(SESSION);
    return undefined;
  }
  return session;
}

function keep(token: string): Session {
  const session = sessionOf(token);
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

function sessionOf(token: string): Session & { expiresAt: number } {
  const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  const username = String(claims['cognito:username'] ?? claims.username ?? claims.sub);
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [];
  return { token, username, groups, expiresAt: Number(claims.exp) * 1000 };
}

/**
 * The session is kept per tab (sessionStorage, gone with the tab), so a link opened in a new tab
 * would ask to sign in again. Instead a new tab asks the console's other tabs (same origin only:
 * BroadcastChannel) and takes the token one of them holds; nothing is written to disk.
 */
const TABS = 'enlace.tabs';
/** How long a new tab waits for another tab to answer before it shows the sign-in page. */
const ASK_OTHER_TABS_MS = 400;

export function sessionFromAnotherTab(): Promise<Session | undefined> {
  if (typeof BroadcastChannel === 'undefined') return Promise.resolve(undefined);
  const channel = new BroadcastChannel(TABS);
  return new Promise((resolve) => {
    const done = (session: Session | undefined) => {
      clearTimeout(timer);
      channel.close();
      resolve(session);
    };
    const timer = setTimeout(() => done(undefined), ASK_OTHER_TABS_MS);
    channel.onmessage = (event: MessageEvent<{ kind?: string; token?: unknown }>) => {
      if (event.data.kind !== 'session' || typeof event.data.token !== 'string') return;
      const session = sessionOf(event.data.token);
      if (session.expiresAt > Date.now()) done(keep(event.data.token));
    };
    channel.postMessage({ kind: 'who-is-signed-in' });
  });
}

let sharing: BroadcastChannel | undefined;

/** Answers new tabs of the console with this tab's session, while it lasts. */
export function shareSessionWithNewTabs(): void {
  if (typeof BroadcastChannel === 'undefined' || sharing) return;
  sharing = new BroadcastChannel(TABS);
  sharing.onmessage = (event: MessageEvent<{ kind?: string }>) => {
    const session = currentSession();
    if (event.data.kind === 'who-is-signed-in' && session) sharing?.postMessage({ kind: 'session', token: session.token });
  };
}

export async function signInLocally(username: string): Promise<Session> {
  const response = await fetch('/local/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  if (!response.ok) throw new Error(t('signIn.failed'));
  return keep(((await response.json()) as { token: string }).token);
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * Sends the browser to Cognito's hosted UI. Cognito sends it back to the one callback URL (the
 * console's root), so the page it left from (a link to an intake, or where a session ended) is
 * kept for this tab and opened again on the way back.
 */
export async function signInWithCognito(config: Extract<ConsoleConfig, { mode: 'cognito' }>): Promise<void> {
  sessionStorage.setItem(RETURN_TO, location.hash);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(48)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
  const url = new URL('/oauth2/authorize', config.cognitoDomain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
}

/**
 * On the way back from Cognito: exchanges the code for tokens. A sign-in Cognito ended with an
 * error comes back with `error` (and an `error_description` that is no fixed string) instead of a
 * code, and is refused in words:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoint-idp-responses.html
 */
export async function completeCognitoSignIn(config: Extract<ConsoleConfig, { mode: 'cognito' }>): Promise<Session | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const failed = params.has('error');
  if (!code && !failed) return undefined;
  const pkce = JSON.parse(sessionStorage.getItem(PKCE) ?? '{}') as { verifier?: string; state?: string };
  sessionStorage.removeItem(PKCE);
  // Back to the page the session ended on, if it did.
  const returnTo = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  history.replaceState(null, '', location.pathname + (returnTo ?? location.hash));
  if (failed || !code) throw new Error(t('signIn.refused'));
  if (!pkce.verifier || params.get('state') !== pkce.state) throw new Error(t('signIn.stateMismatch'));
  const response = await fetch(new URL('/oauth2/token', config.cognitoDomain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: config.redirectUri, code_verifier: pkce.verifier }),
  });
  if (!response.ok) throw new Error(t('signIn.refused'));
  return keep(((await response.json()) as { access_token: string }).access_token);
}

const NOTICE = 'enlace.notice';
const RETURN_TO = 'enlace.return';
/** What staff typed but did not send yet, per intake and field: kept for this tab only. */
const DRAFT = 'enlace.draft.';

/**
 * The API refused the token (it expired, or was revoked): sign in again and come back to the
 * same page, with what was typed there still in its fields (see `keepDraft`).
 */
export function sessionEnded(): void {
  sessionStorage.removeItem(SESSION);
  sessionStorage.setItem(NOTICE, t('signIn.sessionEnded'));
  // The reload keeps the page's address; signing in with Cognito comes back to it (signInWithCognito).
  location.reload();
}

/** Said once on the sign-in page after a session ended. */
export function takeNotice(): string | undefined {
  const notice = sessionStorage.getItem(NOTICE) ?? undefined;
  sessionStorage.removeItem(NOTICE);
  return notice;
}

/**
 * Keeps a field's text as it is typed (or a select's choice as it is made), and puts it back when
 * the field is drawn again: after the page redraws itself, or after signing in again. A choice the
 * select no longer offers is not put back.
 */
export function keepDraft(field: HTMLTextAreaElement | HTMLSelectElement, key: string): { clear(): void } {
  const name = `${DRAFT}${key}`;
  const kept = sessionStorage.getItem(name);
  if (kept !== null && (field instanceof HTMLTextAreaElement || [...field.options].some((option) => option.value === kept))) field.value = kept;
  const save = () => (field.value ? sessionStorage.setItem(name, field.value) : sessionStorage.removeItem(name));
  field.addEventListener('input', save);
  field.addEventListener('change', save);
  return { clear: () => sessionStorage.removeItem(name) };
}

export function signOut(config: ConsoleConfig): void {
  sessionStorage.removeItem(SESSION);
  for (const name of Object.keys(sessionStorage)) if (name.startsWith(DRAFT)) sessionStorage.removeItem(name);
  if (config.mode === 'cognito') {
    const url = new URL('/logout', config.cognitoDomain);
    url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri }).toString();
    location.assign(url.toString());
  } else {
    location.hash = '#/';
    location.reload();
  }
}
