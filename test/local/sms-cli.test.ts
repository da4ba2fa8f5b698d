import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isReferenceNumber } from '../../shared/domain/reference-number';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const sms = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'local/sms.ts', ...args], { cwd: ROOT });

describe('npm run sms', () => {
  it('--json "Mi hermano fue detenido ayer": a Spanish answer and the detainee category', async () => {
    const { stdout } = await sms('--json', 'Mi hermano fue detenido ayer');
    const transcript = JSON.parse(stdout);
    expect(transcript.messages[0].replies[0].text).toBe('Cuéntenos brevemente qué necesita saber y el nombre de la persona detenida.');
    expect(transcript.session).toMatchObject({ language: 'es', category: 'detainee', step: 'details' });
  });

  it('--batch: one JSON line per conversation, kept across runs with --data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'enlace-sms-'));
    const file = path.join(dir, 'conversations.jsonl');
    writeFileSync(
      file,
      [
        { from: '+12025550111', messages: ['I want to report a stash house near the school, people come and go all night', '1', '1'] },
        { from: '+12025550112', messages: ['hola', '3', '2', 'el hombre que me agredió sale pronto de la cárcel?', '1'] },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const data = path.join(dir, 'data');
    const { stdout } = await sms('--batch', file, '--data', data);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0].session).toMatchObject({ language: 'en', category: 'tip', step: 'idle' });
    expect(lines[1].session).toMatchObject({ language: 'es', category: 'victim', step: 'idle' });
    const ref = lines[1].session.referenceNumber;
    expect(isReferenceNumber(ref)).toBe(true);

    // The same data, another run: a status lookup by text finds the intake.
    const { stdout: status } = await sms('--json', '--data', data, '--from', '+12025550113', ref);
    expect(JSON.parse(status).messages[0].replies[0].text).toBe(`Request ${ref}: received, waiting for a staff member.`);
  });

  it('refuses a run without a message, or a bad batch line, with the usage', async () => {
    await expect(sms('--json')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run sms') });
    const dir = mkdtempSync(path.join(tmpdir(), 'enlace-sms-'));
    writeFileSync(path.join(dir, 'bad.jsonl'), '{"from": "nobody", "messages": ["hola"]}\n');
    await expect(sms('--batch', path.join(dir, 'bad.jsonl'))).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('line 1: from: not a phone number') });
  });
});
