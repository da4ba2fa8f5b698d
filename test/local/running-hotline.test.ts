import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReferenceNumber } from '../../shared/domain/reference-number';
import { signLocalToken } from '../../local/tokens';

/**
 * The hotline as a newcomer uses it: `npm start` in the background (its server, local/start.ts:
 * npm start only builds the pages first), then `npm run call` and `npm run sms` in another
 * terminal, then the intakes seen through the staff API.
 */
/** Monday 10:00 Eastern: the lines are open (no test depends on today's date). */
const OPEN = '2026-11-23T15:00:00Z';
const ROOT = path.resolve(import.meta.dirname, '../..');
const STATE_FILE = path.join(mkdtempSync(path.join(tmpdir(), 'enlace-running-')), 'running.json');
const ENV = { ...process.env, ENLACE_STATE_FILE: STATE_FILE };
const children: ChildProcess[] = [];
let server: ChildProcess;
let serverOutput = '';
let url: string;

function run(command: string, args: string[], env = ENV): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: ROOT, env });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}:\n${serverOutput}`);
}

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--port', '0'], { cwd: ROOT, env: ENV });
  children.push(server);
  server.stdout!.on('data', (chunk) => (serverOutput += chunk));
  server.stderr!.on('data', (chunk) => (serverOutput += chunk));
  url = await until('npm start', () => (serverOutput.includes('Press Ctrl-C') ? /Staff console\s+(http:\/\/\S+?)\/\s/.exec(serverOutput)?.[1] : undefined));
}, 60_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function api<T>(apiPath: string, groups: ('tip' | 'detainee' | 'victim' | 'supervisor')[]): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}/api${apiPath}`, { headers: { authorization: `Bearer ${signLocalToken('test', groups)}` } });
  return { status: response.status, body: (await response.json()) as T };
}

describe('npm start, then npm run call and npm run sms in another terminal', () => {
  it('says how to sign in, call, text, and where the phone page is', () => {
    expect(serverOutput).toContain(`Staff console   ${url}/   sign in as a sample staff member`);
    expect(serverOutput).toContain(`Phone           ${url}/phone/`);
    expect(serverOutput).toMatch(/Call it:\s+npm run call -- --keys 2 1/);
    expect(serverOutput).toMatch(/Text it:\s+npm run sms -- "/);
    expect(JSON.parse(readFileSync(STATE_FILE, 'utf8'))).toMatchObject({ url, pid: server.pid });
  });

  it('takes a call from npm run call, whose intake the staff API shows at once', async () => {
    const call = await run('npm', ['run', '-s', 'call', '--', '--at', OPEN, '--keys', '2', '1', '--json']);
    expect(call.code, call.stderr).toBe(0);
    expect(call.stderr).toContain(`calling the hotline running at ${url}`);
    const transcript = JSON.parse(call.stdout) as { referenceNumber: string; outcome: unknown; language: string };
    expect(transcript).toMatchObject({ language: 'es', outcome: { type: 'answered', queue: 'detainee-es' } });
    expect(isReferenceNumber(transcript.referenceNumber)).toBe(true);

    const intake = await api<{ intake: { id: string; channel: string; category: string; language: string } }>(`/intakes/${transcript.referenceNumber}`, ['detainee']);
    expect(intake.status).toBe(200);
    expect(intake.body.intake).toMatchObject({ id: transcript.referenceNumber, channel: 'voice', category: 'detainee', language: 'es' });
  });

  it('takes texts from npm run sms, replies, and the staff API shows the intake', async () => {
    const sms = await run('npm', ['run', '-s', 'sms', '--', '--from', '+12025550188', '--json', 'I want to report a house where people are kept locked in and made to work without pay', '2', '1']);
    expect(sms.code, sms.stderr).toBe(0);
    expect(sms.stderr).toContain(`texting the hotline running at ${url}`);
    const transcript = JSON.parse(sms.stdout) as { messages: { replies: { text: string }[] }[]; session: { referenceNumber: string; category: string } };
    expect(transcript.messages.every((message) => message.replies.length > 0)).toBe(true);
    expect(transcript.session.category).toBe('tip');
    const reference = transcript.session.referenceNumber;
    expect(isReferenceNumber(reference)).toBe(true);
    expect(transcript.messages.at(-1)!.replies.map((reply) => reply.text).join(' ')).toContain(reference.slice(-4));

    const intake = await api<{ intake: { channel: string; category: string; language: string } }>(`/intakes/${reference}`, ['tip']);
    expect(intake.status).toBe(200);
    expect(intake.body.intake).toMatchObject({ channel: 'sms', category: 'tip', language: 'en' });
  });

  it('says in one line that a busy port is busy, and suggests --port', async () => {
    const port = new URL(url).port;
    const second = await run(process.execPath, ['--import', 'tsx', 'local/start.ts', '--port', port]);
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`Port ${port} is already in use.*--port ${Number(port) + 1}`))]);
  });

  it('once stopped, is no longer found: the tools start a hotline of their own', async () => {
    server.kill('SIGINT');
    await until('npm start to stop', () => (serverOutput.includes('Stopped.') ? true : undefined));
    expect(existsSync(STATE_FILE)).toBe(false);
    const call = await run('npm', ['run', '-s', 'call', '--', '--at', OPEN, '--keys', '1', '1', '--json']);
    expect(call.code, call.stderr).toBe(0);
    expect(call.stderr).not.toContain('calling the hotline running at');
    expect(JSON.parse(call.stdout)).toMatchObject({ language: 'en', outcome: { type: 'answered', queue: 'detainee-en' } });
    const named = await run('npm', ['run', '-s', 'sms', '--', '--url', url, 'hello']);
    expect(named.code).toBe(1);
    expect(named.stderr).toContain(`No hotline answers at ${url}`);
  });
});

describe('npm start --data DIR, then the tools with --data DIR', () => {
  it('texts through the running hotline instead of opening its data a second time', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'enlace-data-'));
    const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'enlace-running-')), 'running.json');
    const env = { ...process.env, ENLACE_STATE_FILE: stateFile };
    const started = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--port', '0', '--data', dataDir], { cwd: ROOT, env });
    children.push(started);
    let output = '';
    started.stdout.on('data', (chunk) => (output += chunk));
    started.stderr.on('data', (chunk) => (output += chunk));
    const dataUrl = await until('npm start --data', () => /Staff console\s+(http:\/\/\S+?)\/\s/.exec(output)?.[1]);

    const sms = await run('npm', ['run', '-s', 'sms', '--', '--data', dataDir, '--from', '+12025550189', 'Mi hermano fue detenido ayer en la frontera y no sabemos donde esta'], env);
    expect(sms.code, sms.stderr).toBe(0);
    expect(sms.stderr).toContain(`texting the hotline running at ${dataUrl}`);
    expect(sms.stdout).toMatch(/Session: language es/);
    started.kill('SIGINT');
    await new Promise((resolve) => started.on('exit', resolve));
  });
});
