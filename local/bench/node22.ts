import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../infra/paths';

/**
 * Lambda runs nodejs22.x; init is measured under the same major version. When this machine's
 * node is older, the bench installs Node 22 from the npm registry (the node-<os>-<arch> package
 * that ships the official binary), pinned, into .bench/ (ignored by git), once. Not a project
 * dependency: its `node` bin would take over every npm script.
 */
export const NODE22_VERSION = '22.23.5';

export function node22(): { execPath: string; version: string } {
  if (Number(process.versions.node.split('.')[0]) === 22) return { execPath: process.execPath, version: process.version };
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = path.join(REPO_ROOT, '.bench', `node-${NODE22_VERSION}`);
  const execPath = path.join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(execPath)) {
    const install = spawnSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `${pkg}@${NODE22_VERSION}`], { encoding: 'utf8' });
    if (install.status !== 0 || !existsSync(execPath)) throw new Error(`could not install Node ${NODE22_VERSION} from npm (${pkg}): ${install.stderr}`);
  }
  return { execPath, version: `v${NODE22_VERSION}` };
}
