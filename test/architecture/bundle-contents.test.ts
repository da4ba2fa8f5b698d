import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, bundleFunction } from '../../local/bench/bundles';

const scratch = mkdtempSync(path.join(tmpdir(), 'enlace-bundle-contents-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The files a function's bundle holds code from (esbuild's metafile), built as CDK builds it. */
async function bundledFiles(name: string): Promise<string[]> {
  await bundleFunction(name, scratch);
  const metafile = JSON.parse(readFileSync(path.join(scratch, name, 'index.meta.json'), 'utf8')) as Metafile;
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  return Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([file]) => file);
}

/** Packages the functions had and must not get back (issue 18: each is KB over the SDK floor). */
const NOT_BUNDLED = [
  // The phone plans of the regions served and their parser are shared/domain/phone-number.ts.
  'libphonenumber-js',
];

/** Functions that never say a sentence to a caller or texter: the catalog (21 KB) is not theirs. */
const SILENT = ['call-events', 'intake-router', 'notice-fanout', 'sms-sender'];

describe('what the functions bundle', () => {
  it.each(FUNCTIONS)('%s: none of the packages replaced by smaller code of our own', async (name) => {
    const files = await bundledFiles(name);
    const packages = new Set(files.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter(Boolean));
    expect(NOT_BUNDLED.filter((pkg) => packages.has(pkg))).toEqual([]);
    expect(packages.size, 'the bundle lists its packages').toBeGreaterThan(5);
  });

  it.each(SILENT)('%s: no sentence of the catalog', async (name) => {
    const files = await bundledFiles(name);
    expect(files.filter((file) => file.startsWith('shared/domain/catalog/'))).toEqual([]);
    expect(files).toContain('shared/domain/intake.ts');
  });

  // What callers hear is said by the contact flows, never by a function: about half the catalog.
  it.each(FUNCTIONS)('%s: no sentence of the contact flows', async (name) => {
    const files = await bundledFiles(name);
    expect(files.filter((file) => /^shared\/domain\/catalog\/(voice-|index\.ts)/.test(file))).toEqual([]);
  });

  // These say notices (a registration's confirmation text is one) and never converse: the conversation's replies are not theirs.
  it.each(['call-intake', 'notice-delivery', 'staff-api'])('%s: the sentences of notices, none of the SMS replies', async (name) => {
    const files = await bundledFiles(name);
    expect(files).toContain('shared/domain/catalog/en.ts');
    expect(files.filter((file) => file.startsWith('shared/domain/catalog/sms-'))).toEqual([]);
  });

  // Only sms-intake reads what a texter wrote: the word lists of language.ts and text.ts are its alone.
  it.each(FUNCTIONS.filter((name) => name !== 'sms-intake'))('%s: no word list for reading texts', async (name) => {
    const files = await bundledFiles(name);
    expect(files.filter((file) => /^shared\/domain\/sms\/(language|text|classifier)\.ts$/.test(file))).toEqual([]);
  });
});
