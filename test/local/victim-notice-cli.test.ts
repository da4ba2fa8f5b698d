import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';

// The hotline runs on the real clock: a release is dated yesterday (staff cannot record one in the future, or long past).
const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const YESTERDAY_WORDS = new Date(`${YESTERDAY}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

let hotline: LocalHotline | undefined;
afterAll(() => hotline?.stop());

/** The README's walk-through: register by `npm run sms`, record an event through the local API, read the outbox. */
describe('a victim notice, end to end on the local hotline', () => {
  it('registers by text, records an event through the API, and the notice is in the outbox', async () => {
    const data = path.join(mkdtempSync(path.join(tmpdir(), 'enlace-notice-')), 'data');
    const texter = '+12025550777';
    const messages = ['I want to be told when the man who hurt me gets out of jail', '1', '7001234', '1', '1'];
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'local/sms.ts', '--json', '--data', data, '--from', texter, ...messages], { cwd: ROOT });
    const replies = JSON.parse(stdout).messages.flatMap((exchange: { replies: { text: string }[] }) => exchange.replies.map((reply) => reply.text));
    expect(replies.at(-1)).toBe('You are registered for notices about case 7001234. Reply WITHDRAW to stop them.');

    hotline = await startHotline({ dataDir: data });
    const signIn = await fetch(`${hotline.url}/local/sign-in`, { method: 'POST', body: JSON.stringify({ username: 'carmen' }) });
    const { token } = (await signIn.json()) as { token: string };
    const recorded = await fetch(`${hotline.url}/api/cases/7001234/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'released', date: YESTERDAY, key: 'walkthrough-event-1' }),
    });
    expect(recorded.status).toBe(200);

    // The hotline's work loop (every second) fans the event out and sends the notice.
    let notices: { to: string; text: string }[] = [];
    for (let tries = 0; tries < 50 && notices.length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const outbox = (await (await fetch(`${hotline.url}/local/outbox`)).json()) as { texts: { to: string; text: string }[] };
      notices = outbox.texts.filter((text) => text.to === texter && text.text.startsWith('Victim notice'));
    }
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(new RegExp(`^Victim notice for case 7001234: the offender was released on ${YESTERDAY_WORDS}\\. Reference \\S+\\. Reply WITHDRAW`));
  }, 30_000);
});
