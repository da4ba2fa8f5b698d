import { DEFAULT_HOURS } from '../shared/domain/hours';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalEmail } from '../shared/adapters/local/email-sender';
import type { LocalText } from '../shared/adapters/local/sms-sender';
import type { LocalTask } from '../shared/adapters/local/task-router';
import { json, type LocalResponse, type LocalRoute } from './http';
import type { LocalServices } from './services';
import { SAMPLE_STAFF } from './staff';
import { signLocalToken } from './tokens';

export const CONSOLE_DIST = fileURLToPath(new URL('../console/dist', import.meta.url));

/** The same headers CloudFront adds in AWS (infra/constructs/console-hosting.ts). */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The built console (npm run build:console), with the single-page app's routes falling back to index.html. */
export function consoleRoute(dist = CONSOLE_DIST): LocalRoute {
  return async (request) => {
    if (request.method !== 'GET') return undefined;
    if (request.path === '/config.json') {
      // Times are shown in the hotline's zone: the lines' default hours are in it.
      return json(200, { mode: 'local', apiUrl: '/api', timeZone: DEFAULT_HOURS.tip.timeZone });
    }
    if (!existsSync(path.join(dist, 'index.html'))) {
      return { status: 503, headers: { 'content-type': 'text/plain' }, body: 'The console is not built: run npm run build:console (npm start does).' };
    }
    return staticFile(dist, request.path);
  };
}

/** A file of a built page, or its index.html for any other path (a single-page app's routes). */
export function staticFile(dist: string, requestPath: string): LocalResponse {
  const file = path.normalize(path.join(dist, requestPath));
  const asset = file.startsWith(dist) && path.extname(file) && existsSync(file) ? file : path.join(dist, 'index.html');
  return { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': TYPES[path.extname(asset)] ?? 'application/octet-stream' }, body: readFileSync(asset) };
}

/** Local only: sign in as a sample staff member, and see what AWS would have sent. */
export function localRoutes(services: LocalServices): LocalRoute {
  return async (request) => {
    if (request.method === 'GET' && request.path === '/local/staff') {
      return json(200, { staff: SAMPLE_STAFF.map(({ username, name, groups }) => ({ username, name, groups })) });
    }
    if (request.method === 'POST' && request.path === '/local/sign-in') {
      const { username } = JSON.parse(request.body || '{}') as { username?: string };
      const member = SAMPLE_STAFF.find((staff) => staff.username === username);
      if (!member) return json(404, { message: `No sample staff member ${username}` });
      return json(200, { token: signLocalToken(member.username, member.groups), username: member.username, groups: member.groups });
    }
    if (request.method === 'GET' && request.path === '/local/outbox') {
      const [texts, emails, tasks] = await Promise.all([
        services.outbox.list<LocalText>('sms'),
        services.outbox.list<LocalEmail>('email'),
        services.outbox.list<LocalTask>('task'),
      ]);
      return json(200, { texts, emails, tasks });
    }
    return undefined;
  };
}
