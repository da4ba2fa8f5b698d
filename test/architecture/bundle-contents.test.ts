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
  return Object.keys(await bundledBytes(name));
}

/** The bytes each of those files adds to the bundle. */
async function bundledBytes(name: string): Promise<Record<string, number>> {
  await bundleFunction(name, scratch);
  const metafile = JSON.parse(readFileSync(path.join(scratch, name, 'index.meta.json'), 'utf8')) as Metafile;
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  return Object.fromEntries(Object.entries(output.inputs).flatMap(([file, { bytesInOutput }]) => (bytesInOutput > 0 ? [[file, bytesInOutput]] : [])));
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

  // The whole intake store is a class, whose methods do not tree-shake: every function binds the operations it calls.
  it.each(FUNCTIONS)('%s: only the intake operations it calls, not the whole store', async (name) => {
    // The class is 7.5 KB in the staff API; what may remain elsewhere is a line or two of the module.
    expect((await bundledBytes(name))['shared/adapters/dynamodb/intake-store.ts'] ?? 0).toBeLessThan(500);
  });

  // Routing new intakes to Connect (intake-router's), the wait of calls (call-events'), a texter's follow-up (sms-intake's).
  it('staff-api: none of the intake operations of the other functions', async () => {
    const bytes = await bundledBytes('staff-api');
    expect(Object.keys(bytes).filter((file) => /^shared\/adapters\/dynamodb\/intakes\/(call-wait|reopen)\.ts$/.test(file))).toEqual([]);
    // Of routing.ts only listDueForRouting, the oldest unrouted intake the console shows (0.1 KB of its 1.8 KB).
    expect(bytes['shared/adapters/dynamodb/intakes/routing.ts'] ?? 0).toBeLessThan(400);
    expect(bytes['shared/adapters/dynamodb/intakes/staff.ts'], 'the console\'s own operations').toBeGreaterThan(4000);
  });

  // call-intake registers a caller for notices and texts the question to confirm; sms-intake converses and registers; the staff API registers and withdraws on behalf, and queues replies.
  it.each(['call-intake', 'sms-intake', 'staff-api'])('%s: only the registration and texter operations it calls, not the whole stores', async (name) => {
    const bytes = await bundledBytes(name);
    // The classes are calls to every operation (their methods do not tree-shake); what may remain is a line of the module.
    expect(bytes['shared/adapters/dynamodb/registration-store.ts'] ?? 0).toBeLessThan(200);
    expect(bytes['shared/adapters/dynamodb/texter-store.ts'] ?? 0).toBeLessThan(200);
    expect(bytes['shared/adapters/dynamodb/registrations/create.ts'], 'it does register').toBeGreaterThan(1000);
    expect(bytes['shared/adapters/dynamodb/texters/conversation.ts'], 'it does save texters').toBeGreaterThan(1000);
  });

  // The outbox the sender empties (2.3 KB): sms-sender's; the staff API only queues a reply (queueText).
  it.each(['call-intake', 'sms-intake'])('%s: none of the texters\' outbox', async (name) => {
    expect(await bundledFiles(name)).not.toContain('shared/adapters/dynamodb/texters/outbox.ts');
  });

  it('staff-api: of the outbox only the queueing of a reply; no held texts (sms-intake\'s)', async () => {
    const bytes = await bundledBytes('staff-api');
    // queueText is 0.7 KB of the module's 2.3 KB.
    expect(bytes['shared/adapters/dynamodb/texters/outbox.ts']).toBeLessThan(1000);
    expect(Object.keys(bytes)).not.toContain('shared/adapters/dynamodb/held-text-store.ts');
  });

  it('staff-api: of the custody events only recording and listing them, none of the fan-out or delivery of notices', async () => {
    // The whole store is 4 KB in the bundle; record, listByCase and deliveryCounts 1.8 KB.
    const bytes = (await bundledBytes('staff-api'))['shared/adapters/dynamodb/custody-event-store.ts'];
    expect(bytes).toBeLessThan(2500);
    expect(bytes, 'it does record events').toBeGreaterThan(1000);
  });

  it('call-intake: no withdrawing, activating or reading of registrations (a call only makes one)', async () => {
    const files = await bundledFiles('call-intake');
    expect(files.filter((file) => /^shared\/adapters\/dynamodb\/registrations\/(status|read)\.ts$/.test(file))).toEqual([]);
  });

  // Only sms-intake reads what a texter wrote: the word lists of language.ts and text.ts are its alone.
  it.each(FUNCTIONS.filter((name) => name !== 'sms-intake'))('%s: no word list for reading texts', async (name) => {
    const files = await bundledFiles(name);
    expect(files.filter((file) => /^shared\/domain\/sms\/(language|text|classifier)\.ts$/.test(file))).toEqual([]);
  });
});
