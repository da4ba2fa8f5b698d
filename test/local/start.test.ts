import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';

let running: LocalHotline | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('npm start', () => {
  it('prints its URLs, answers /health, serves the console, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--port', '0'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // The bar: healthy within 10 seconds of starting.
    const deadline = Date.now() + 10_000;
    let healthUrl: string | undefined;
    while (!healthUrl && Date.now() < deadline) {
      healthUrl = /Health\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (!healthUrl) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(healthUrl, output).toBeDefined();
    const health = await fetch(healthUrl!);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', table: 'ACTIVE' });
    const page = await fetch(healthUrl!.replace('/health', '/'));
    expect(await page.text()).toContain('enlace staff console');

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped.');
  });

  it('refuses a bad port with the usage', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--port', 'abc'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
    });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(output).toContain('--port');
    expect(output).toContain('Usage: npm start');
  });
});

describe('the local hotline with --data', () => {
  it('keeps intakes across restarts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'enlace-data-'));
    running = await startHotline({ dataDir });
    const { intake } = await running.store.create({ sourceKey: 'kept', category: 'tip', language: 'es', channel: 'console' });
    await running.stop();

    running = await startHotline({ dataDir });
    expect(await running.store.get(intake.id)).toEqual(intake);
  });
});
