import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isReferenceNumber } from '../../shared/domain/reference-number';
import type { CallTranscript } from '../../local/flow-interpreter';
import { README, readmeWithDiagrams } from '../../local/diagram';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const call = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'local/call.ts', ...args], { cwd: ROOT });

describe('npm run call', () => {
  it('--keys 2 1 --json: Spanish prompts, the detainee/es queue and a 10-digit reference number', async () => {
    const { stdout } = await call('--keys', '2', '1', '--json', '--at', '2026-11-23T15:00:00Z');
    const transcript = JSON.parse(stdout) as CallTranscript;
    const afterChoice = transcript.entries.slice(transcript.entries.findIndex((entry) => entry.type === 'input') + 1);
    const prompts = afterChoice.filter((entry) => entry.type === 'prompt');
    expect(prompts.length).toBeGreaterThan(2);
    expect(prompts.every((prompt) => prompt.type === 'prompt' && prompt.language === 'es')).toBe(true);
    expect(transcript.outcome).toEqual({ type: 'answered', queue: 'detainee-es' });
    expect(transcript.referenceNumber).toMatch(/^\d{10}$/);
    expect(isReferenceNumber(transcript.referenceNumber!)).toBe(true);
  });

  it('prints a readable transcript, with the task of an after-hours callback', async () => {
    const { stdout } = await call('--keys', '1', '1', '1', '1', '--at', '2026-11-28T15:00:00Z', '--from', '(202) 555-0143');
    expect(stdout).toContain('EN  This line is closed now. It is open Monday to Friday, 8 AM to 8 PM, Eastern time.');
    expect(stdout).toMatch(/Task: Callback \d{10} · detainee · en, scheduled for 2026-11-30T13:00:00.000Z/);
  });

  it('refuses bad options with the usage', async () => {
    await expect(call('--from', 'nobody')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--from: not a phone number') });
    await expect(call('--bogus')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run call') });
  });
});

describe('the README', () => {
  it('shows the flows as they are generated (npm run diagram -- --write)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toBe(readmeWithDiagrams(readme));
  });
});
