import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

/** The repository root, wherever the CDK app is started from. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function functionEntry(name: string): string {
  return path.join(REPO_ROOT, 'functions', name, 'handler.ts');
}
