/**
 * What a change bought at init, on a machine whose speed moves from one minute to the next: each
 * function's bundle at another commit (built by that commit's own infra/bundle.ts, in a git
 * worktree under .bench/) against this working tree's, both started in the same interleaved
 * rounds under Node 22 (measureInit), so that a slow moment weighs on both alike.
 *
 *   npx tsx local/bench/init-compare.ts <commit> [--runs N] [function ...]
 *
 * Prints, per function, the init of each (median start minus an empty node start) and the
 * difference. The README's "What each change bought" quotes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../infra/paths';
import { parseCommandLine } from '../args';
import { FUNCTIONS, bundleFunction, measureInit } from './bundles';

function git(args: string[], cwd = REPO_ROOT): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

const { options, positionals } = parseCommandLine(process.argv.slice(2), { flags: [], values: ['runs'] });
const [ref, ...names] = positionals;
if (!ref) {
  console.error('usage: npx tsx local/bench/init-compare.ts <commit> [--runs N] [function ...]');
  process.exit(2);
}
const runs = Number(options.runs ?? 21);
const functions = names.length ? names : FUNCTIONS;
const commit = git(['rev-parse', '--short', ref]);
const worktree = path.join(REPO_ROOT, '.bench', `compare-${commit}`);
const scratch = mkdtempSync(path.join(tmpdir(), 'enlace-init-compare-'));
git(['worktree', 'add', '--detach', '--force', worktree, commit]);
try {
  // The same packages as this tree: the comparison is of the project's code, not of its dependencies.
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(worktree, 'node_modules'));
  const targets: { name: string; file: string }[] = [];
  for (const name of functions) {
    const out = path.join(scratch, 'before', name);
    const built = spawnSync(process.execPath, ['--import', 'tsx', 'infra/bundle-cli.ts', path.join('functions', name, 'handler.ts'), out], { cwd: worktree, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building ${name} at ${commit}: ${built.stderr}`);
    targets.push({ name: `${name}@${commit}`, file: path.join(out, 'index.mjs') });
    targets.push({ name, file: (await bundleFunction(name, path.join(scratch, 'after'))).file });
  }
  const init = measureInit(targets, runs, scratch);
  console.log(`init under Node ${init.node.replace(/^v/, '')}, median of ${runs} interleaved runs minus an empty node start of ${init.emptyNodeMs} ms`);
  console.log(`${'function'.padEnd(16)} ${`at ${commit}`.padStart(12)} ${'now'.padStart(9)} ${'change'.padStart(9)}`);
  for (const name of functions) {
    const before = init.functions[`${name}@${commit}`]!.initMs;
    const after = init.functions[name]!.initMs;
    const change = Math.round((after - before) * 10) / 10;
    console.log(`${name.padEnd(16)} ${`${before} ms`.padStart(12)} ${`${after} ms`.padStart(9)} ${`${change > 0 ? '+' : ''}${change} ms`.padStart(9)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
  git(['worktree', 'remove', '--force', worktree]);
}
