import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCall, type CallTranscript } from '../../local/flow-interpreter';
import { startServices, type LocalServices } from '../../local/services';
import type { LocalTask } from '../../shared/adapters/local/task-router';
import { LocalPiiVault } from '../../shared/adapters/pii/local-vault';
import { inboundSmsEvent } from '../../local/sms-events';
import { SealedDeadLetterQueue, SealedDeadLetterSchema, openDeadLetter } from '../../shared/adapters/sqs/sealed-dead-letters';
import { referenceNumberFor } from '../../shared/domain/reference-number';

/**
 * An attacker with full read of the table, every log line, every dead-letter message (sms-intake
 * seals the texts it fails to handle, as in AWS: the attacker reads the sealed ones) and all
 * that Connect keeps of the calls and tasks (contact records with the caller's number, contact
 * attributes, flow logs, tasks), who also holds the vault (opens every sealed number, computes
 * every fingerprint) and knows every public derivation (reference numbers from source keys),
 * tries to tie each anonymous tip to the number it came from. Only the one-way key behind source
 * keys is out of reach: it lives in KMS and no reader of the data holds it.
 *
 * The attack is a graph: two identifying values are linked when they appear in one record, or
 * when one gives the other (opening a sealed value, a fingerprint, a reference number). A tip is
 * linked to a number when its reference number reaches that number. Timing is not part of it:
 * an intake and the texter or call behind it are written at about the same time (see the
 * README's Privacy section on what timing tells).
 */
const lines: string[] = [];
let services: LocalServices;
let now = Date.parse('2026-11-23T15:00:00.000Z'); // Monday 10:00 in New York: every line is open
const vault = new LocalPiiVault(); // the local runtime's vault: the attacker has it

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  kms.on(GetPublicKeyCommand).resolves({ KeyId: DEAD_LETTER_KEY, PublicKey: deadLetterPair.publicKey.export({ type: 'spki', format: 'der' }), KeyUsage: 'ENCRYPT_DECRYPT' });
  sqs.on(SendMessageCommand).callsFake((input: { MessageBody: string }) => (deadLetterBodies.push(input.MessageBody), { MessageId: `dl-${deadLetterBodies.length}` }));
  const inboundFailures = new SealedDeadLetterQueue({ kms: new KMSClient({ region: 'us-east-1' }), keyId: DEAD_LETTER_KEY, sqs: new SQSClient({ region: 'us-east-1' }), queueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/InboundTextFailures' });
  services = await startServices({ clock: () => new Date(now), logLevel: 'DEBUG', inboundFailures });
});
afterAll(async () => {
  await services.stop();
  kms.restore();
  sqs.restore();
  vi.restoreAllMocks();
});

// The InboundTextFailures queue, as SQS would keep what sms-intake sends it; the private half of
// the dead-letter key stays in KMS (here: with the test, never with the attacker).
const DEAD_LETTER_KEY = 'arn:aws:kms:us-east-1:111122223333:key/dead-letter-key';
const deadLetterPair = generateKeyPairSync('rsa', { modulusLength: 4096 });
const deadLetterBodies: string[] = [];
const kms = mockClient(KMSClient);
const sqs = mockClient(SQSClient);

interface Tip {
  how: string;
  from: string;
  ref: string;
}

async function text(from: string, messages: string[]): Promise<string> {
  let ref: string | undefined;
  for (const body of messages) {
    now += 15_000;
    ref = (await services.text(from, body)).referenceNumber ?? ref;
  }
  return ref!;
}

const calls: CallTranscript[] = [];
async function call(from: string, keys: string[]): Promise<string> {
  now += 60_000;
  const transcript = await runCall(services.voice.environment, services.voice.entryFlow, { from, keys });
  calls.push(transcript);
  return transcript.referenceNumber!;
}

/** Every value in a record that could identify something: long enough, and not a time. */
function tokensOf(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    into.add(value);
    for (const piece of value.split(/[^A-Za-z0-9+_\-.=]+/)) into.add(piece);
  } else if (Array.isArray(value)) {
    for (const item of value) tokensOf(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) tokensOf(item, into);
  } else if (typeof value === 'number') {
    into.add(String(value));
  }
  // Words (a queue, a step, a category) identify no one: an identifier has digits in it.
  const identifying = (token: string) => token.length >= 8 && (token.match(/\d/g)?.length ?? 0) >= 2 && !/^\d{4}-\d{2}-\d{2}/.test(token) && !/^1[78]\d{8}$/.test(token);
  for (const token of into) if (!identifying(token)) into.delete(token);
  return into;
}

/** The fields the stores seal (SealContext.field). */
const SEALED_FIELDS = ['phone', 'email', 'from', 'body'];

/** The attacker's graph: values linked by co-occurring in a record or by deriving one from another. */
async function attackGraph(records: unknown[]): Promise<Map<string, Set<string>>> {
  const graph = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    (graph.get(a) ?? graph.set(a, new Set()).get(a)!).add(b);
    (graph.get(b) ?? graph.set(b, new Set()).get(b)!).add(a);
  };
  const recordTokens = records.map((record) => [...tokensOf(record)]);
  // A value in many records (a queue, an instance ARN, a category) identifies nothing.
  const seen = new Map<string, number>();
  for (const tokens of recordTokens) for (const token of tokens) seen.set(token, (seen.get(token) ?? 0) + 1);
  for (const tokens of recordTokens) {
    const identifying = tokens.filter((token) => seen.get(token)! <= 6);
    for (const a of identifying) for (const b of identifying) link(a, b);
  }
  // A sealed value opens only in its own item and field: the attacker tries every item's place.
  const places = records.flatMap((record) => {
    const { pk, sk } = (record ?? {}) as { pk?: unknown; sk?: unknown };
    return typeof pk === 'string' && typeof sk === 'string' ? SEALED_FIELDS.map((field) => ({ pk, sk, field })) : [];
  });
  const open = async (sealed: string) => {
    for (const place of places) {
      const opened = await vault.open(sealed, place).catch(() => undefined);
      if (opened !== undefined) return opened;
    }
    return sealed;
  };
  for (const token of [...graph.keys()]) {
    if (token.startsWith('local.v1.')) link(token, await open(token));
    link(token, await vault.fingerprint(token));
    for (const source of [token, `sms:${token}`, `voice:${token}`, `${token}:callback`]) link(token, referenceNumberFor(source));
  }
  return graph;
}

function reachable(graph: Map<string, Set<string>>, from: string): Set<string> {
  const found = new Set([from]);
  const queue = [from];
  while (queue.length) for (const next of graph.get(queue.shift()!) ?? []) if (!found.has(next)) (found.add(next), queue.push(next));
  return found;
}

function pathBetween(graph: Map<string, Set<string>>, from: string, to: string): string[] | undefined {
  const parent = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === to) {
      const path = [at];
      while (path[0] !== from) path.unshift(parent.get(path[0]!)!);
      return path;
    }
    for (const next of graph.get(at) ?? []) if (!parent.has(next)) (parent.set(next, at), queue.push(next));
  }
  return undefined;
}

describe('the de-anonymization attack', () => {
  it('ties no anonymous tip, texted or called, to its number, and ties every signed one', async () => {
    const anonymous: Tip[] = [];
    const signed: Tip[] = [];

    // Texts: anonymous tips, one added to by its reference number and then opted out, one from a
    // number that also asks for something else; and tips and requests that leave the number.
    const t1 = '+12025550731';
    const r1 = await text(t1, ['I want to report a stash house at 4512 Elm Street, guns and drugs every night', '1', '1']);
    anonymous.push({ how: 'text, added to, then STOP', from: t1, ref: r1 });
    await text(t1, [`${r1} the van came back tonight, white with no plates`, 'STOP']);
    const t2 = '+12025550732';
    anonymous.push({ how: 'text, in Spanish', from: t2, ref: await text(t2, ['Quiero denunciar a un hombre que vende drogas afuera de la escuela de mis hijos', '1', '1']) });
    signed.push({ how: 'a detainee request from an anonymous tipster', from: t2, ref: await text(t2, ['NUEVA', '1', 'Mi hermano Pedro fue detenido ayer en Houston', '1']) });
    const t4 = '+12025550734';
    const r4 = await text(t4, ['Report: a man sells fake green cards at the flea market on Sundays, near gate 3', '1', '1']);
    anonymous.push({ how: 'text, then one sms-intake fails to handle (dead-lettered)', from: t4, ref: r4 });
    // A text naming the tip's reference number that the function cannot handle (its message id is no string): dead-lettered whole.
    const failing = inboundSmsEvent(t4, `${r4} he is there again today`, 'in-deanon-failed');
    failing.Records[0]!.Sns.Message = JSON.stringify({ ...JSON.parse(failing.Records[0]!.Sns.Message), inboundMessageId: 4_000_012_345 });
    now += 15_000;
    await expect(services.invokeSmsIntake(failing)).resolves.toEqual([]);
    const t3 = '+12025550733';
    signed.push({ how: 'a tip that may be contacted', from: t3, ref: await text(t3, ['I want to report people smuggling on a ranch near the highway, trucks at night', '2', '1']) });

    // Calls: anonymous tips in each language and through the general route (no choice made);
    // a tip that leaves the number and a detainee call.
    anonymous.push({ how: 'call in English', from: '+12025550741', ref: await call('+12025550741', ['1', '2', '1']) });
    anonymous.push({ how: 'call in Spanish', from: '+12025550742', ref: await call('+12025550742', ['2', '2', '1']) });
    anonymous.push({ how: 'call with no menu choice', from: '+12025550743', ref: await call('+12025550743', ['1', 'timeout', 'timeout', 'timeout']) });
    signed.push({ how: 'call leaving the number', from: '+12025550744', ref: await call('+12025550744', ['1', '2', '2']) });
    signed.push({ how: 'detainee call', from: '+12025550745', ref: await call('+12025550745', ['1', '1']) });

    await services.sendDue();
    await services.routeDue();
    const { deadLetters } = await services.notify();
    expect(deadLetters).toBe(0);
    for (const tip of [...anonymous, ...signed]) expect(tip.ref, tip.how).toMatch(/^\d{10}$/);
    expect(new Set([...anonymous, ...signed].map((tip) => tip.ref)).size).toBe(anonymous.length + signed.length);

    // What the attacker reads.
    const { Items: table = [] } = await services.dynamo.client.send(new ScanCommand({ TableName: services.dynamo.tableName }));
    const logLines = lines.join('').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as unknown);
    // What Connect keeps: each contact's record (its number, attributes, queue), its flow logs, the Lambda
    // parameters it sent; and each task (SMS intakes, callbacks) with its name and attributes.
    const contactRecords = calls.map((transcript) => ({
      ContactId: transcript.contactId,
      CustomerEndpoint: { Address: transcript.from },
      Attributes: transcript.attributes,
      Queue: transcript.entries.filter((entry) => entry.type === 'queue'),
      LambdaParameters: transcript.entries.flatMap((entry) => (entry.type === 'lambda' ? [entry.parameters] : [])),
    }));
    const flowLogs = calls.map((transcript) => transcript.flowLog);
    const tasks = await services.outbox.list<LocalTask>('task');
    expect(table.length).toBeGreaterThan(15);
    expect(logLines.length).toBeGreaterThanOrEqual(15);
    expect(tasks.length).toBeGreaterThanOrEqual(3);

    // The dead letter: sealed. In clear it would tie the tip to its number (both are in it).
    expect(deadLetterBodies).toHaveLength(1);
    const sealedDeadLetters = deadLetterBodies.map((body) => JSON.parse(body) as unknown);
    const opened = await openDeadLetter(SealedDeadLetterSchema.parse(sealedDeadLetters[0]), async (wrapped) =>
      privateDecrypt({ key: deadLetterPair.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, wrapped),
    );
    expect(tokensOf(opened)).toContain(r4);
    expect(tokensOf(opened)).toContain(t4);
    // Sealed, it gives the attacker neither (nor the words): the graph's frequency cut, which drops a
    // value seen in many records (a reference number is in several), cannot be what keeps them apart.
    const clues = tokensOf(sealedDeadLetters);
    for (const clue of [r4, t4, t4.slice(2), 'he is there']) expect(clues, clue).not.toContain(clue);
    expect(JSON.stringify(sealedDeadLetters)).not.toContain(t4.slice(-4));

    const graph = await attackGraph([...table, ...logLines, ...contactRecords, ...flowLogs, ...tasks, ...sealedDeadLetters]);
    for (const tip of anonymous) {
      const linked = reachable(graph, tip.ref);
      expect(linked.has(tip.from), `${tip.how}: ${tip.ref} leads to its number: ${pathBetween(graph, tip.ref, tip.from)?.join(' -> ')}`).toBe(false);
      expect(linked.has(await vault.fingerprint(tip.from)), `${tip.how}: ${tip.ref} leads to its number's fingerprint`).toBe(false);
      // Nothing Connect sees or logs names the tip.
      expect(JSON.stringify([contactRecords, flowLogs, logLines]), tip.how).not.toContain(tip.ref);
    }
    // The attack works: every tip or request that keeps its number is tied to it.
    for (const tip of signed) expect(reachable(graph, tip.ref).has(tip.from), `${tip.how}: ${tip.ref}`).toBe(true);
    // An opted-out number is remembered by its hash alone.
    const t1Key = `TEXTER#${await vault.fingerprint(t1)}`;
    const optedOut = table.find((item) => item.pk === t1Key)!;
    expect(optedOut.texter.optedOut).toBe(true);
    expect(optedOut.phoneCipher).toBeUndefined();
  }, 60_000);
});
