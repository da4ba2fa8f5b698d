import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../infra/paths';
import type { RecordedCall, RecordedFile } from './aws-call-recorder';

/**
 * Runs the tests of test/support/aws-calls.config.ts with the recorder and returns every AWS call
 * a function sent while invoked, and every environment the tests built adapters from.
 */
export async function recordHandlerCalls(): Promise<{ calls: RecordedCall[]; environments: Record<string, string>[] }> {
  const log = mkdtempSync(path.join(tmpdir(), 'enlace-aws-calls-'));
  try {
    await promisify(execFile)('npx', ['vitest', 'run', '--config', 'test/support/aws-calls.config.ts', '--reporter', 'dot'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ENLACE_AWS_CALL_LOG: log },
      maxBuffer: 64 * 1024 * 1024,
    });
    const files = readdirSync(log).map((file) => JSON.parse(readFileSync(path.join(log, file), 'utf8')) as RecordedFile);
    return { calls: files.flatMap((file) => file.calls), environments: files.flatMap((file) => file.environments) };
  } finally {
    rmSync(log, { recursive: true, force: true });
  }
}
