import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/paths';

/**
 * The phone page (local/phone) calls the local hotline's /local routes: it must never reach the
 * deployed console. The console's bucket deployment (infra/constructs/staff-console.ts) ships the
 * folder console/ (without dist and node_modules), built by `vite build console --outDir ...`.
 */
const MARKERS = ['data-phone-page', '/local/calls', '/local/texts', 'Call the hotline'];

function filesUnder(folder: string, skip: string[] = []): string[] {
  return readdirSync(folder).flatMap((name) => {
    if (skip.includes(name)) return [];
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file, skip) : [file];
  });
}

const withMarkers = (files: string[]) => files.filter((file) => MARKERS.some((marker) => readFileSync(file, 'utf8').includes(marker)));

describe('the phone page is local only', () => {
  it('is not in the folder the bucket deployment takes the console from', () => {
    const deployedSources = filesUnder(path.join(REPO_ROOT, 'console'), ['dist', 'node_modules']);
    expect(deployedSources.length).toBeGreaterThan(0);
    expect(withMarkers(deployedSources)).toEqual([]);
  });

  it('is not in the console as the bucket deployment builds it', () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'enlace-console-asset-'));
    execFileSync('npx', ['vite', 'build', 'console', '--outDir', outDir, '--emptyOutDir'], { cwd: REPO_ROOT, stdio: 'ignore' });
    const built = filesUnder(outDir);
    expect(built.some((file) => file.endsWith('index.html'))).toBe(true);
    expect(withMarkers(built)).toEqual([]);
    // The same check finds the page where it is: in its own local build.
    const phone = mkdtempSync(path.join(tmpdir(), 'enlace-phone-'));
    execFileSync('npx', ['vite', 'build', 'local/phone', '--outDir', phone, '--emptyOutDir'], { cwd: REPO_ROOT, stdio: 'ignore' });
    expect(withMarkers(filesUnder(phone)).length).toBeGreaterThan(0);
  });
});
