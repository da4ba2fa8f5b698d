import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

/**
 * How `npm run call` and `npm run sms` find the hotline `npm start` runs: a small file it writes
 * when it listens and removes when it stops. ENLACE_STATE_FILE moves it; set to "" it is neither
 * written nor read (the test suite's default, so that tests never reach a developer's hotline).
 */
export const DEFAULT_STATE_FILE = fileURLToPath(new URL('../.enlace/running.json', import.meta.url));

const RunningSchema = z.object({ url: z.url(), pid: z.number().int(), dataDir: z.string().optional(), startedAt: z.string() });
export type RunningHotline = z.infer<typeof RunningSchema>;

export function stateFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.ENLACE_STATE_FILE;
  if (configured === undefined) return DEFAULT_STATE_FILE;
  return configured === '' ? undefined : path.resolve(configured);
}

export function announceRunning(running: RunningHotline, file = stateFile()): void {
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(running, null, 2)}\n`);
}

/** Removes the file if it is this process's (another hotline may have started since). */
export function withdrawRunning(pid: number, file = stateFile()): void {
  if (file && readRunning(file)?.pid === pid) rmSync(file, { force: true });
}

function readRunning(file: string): RunningHotline | undefined {
  try {
    return RunningSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * The running hotline to use: the one `--url` names, or the one in the state file if it answers
 * /health and keeps its data where the caller asked for (`--data DIR`, or anywhere without it).
 * Undefined when there is none: the tool then starts its own.
 */
export async function findRunningHotline(options: { url?: string; dataDir?: string }, file = stateFile()): Promise<string | undefined> {
  if (options.url) {
    if (!(await answers(options.url))) throw new Error(`No hotline answers at ${options.url} (is npm start running?)`);
    return options.url.replace(/\/$/, '');
  }
  const running = file ? readRunning(file) : undefined;
  if (!running) return undefined;
  if (options.dataDir && (!running.dataDir || path.resolve(running.dataDir) !== path.resolve(options.dataDir))) return undefined;
  return (await answers(running.url)) ? running.url : undefined;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}
