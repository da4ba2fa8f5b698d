import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, bundleFunction } from '../../local/bench/bundles';

const scratch = mkdtempSync(path.join(tmpdir(), 'enlace-zod-mini-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The zod files a function's bundle holds code from, as esbuild's metafile lists them. */
async function zodInputs(name: string): Promise<string[]> {
  await bundleFunction(name, scratch);
  const metafile = JSON.parse(readFileSync(path.join(scratch, name, 'index.meta.json'), 'utf8')) as Metafile;
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  return Object.entries(output.inputs)
    .filter(([file, { bytesInOutput }]) => file.includes('node_modules/zod/') && bytesInOutput > 0)
    .map(([file]) => file.slice(file.indexOf('node_modules/zod/') + 'node_modules/zod/'.length));
}

describe('what the functions bundle of zod', () => {
  // Classic zod builds its whole method API at load and does not tree-shake (issue 18): the
  // functions use zod/mini, through shared/domain/schema.ts, with the English locale only.
  it.each(FUNCTIONS)('%s: zod/mini and the English messages, never classic zod', async (name) => {
    const inputs = await zodInputs(name);
    expect(inputs.some((file) => file.startsWith('v4/mini/')), 'zod/mini is bundled').toBe(true);
    expect(inputs.filter((file) => file.startsWith('v4/classic/'))).toEqual([]);
    expect(inputs.filter((file) => file.startsWith('v4/locales/'))).toEqual(['v4/locales/en.js']);
  });
});
