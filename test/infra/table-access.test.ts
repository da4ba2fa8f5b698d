import { beforeAll, describe, expect, it } from 'vitest';
import { INDEX_PARTITIONS, ITEM_KINDS, TABLE_ACCESS, indexPartitionOf, kindOfKey, type ItemAction, type ItemKind } from '../../infra/table-access';
import { TABLE_SCHEMA, type IndexName } from '../../shared/adapters/dynamodb/table-schema';
import type { RecordedCall } from '../support/aws-call-recorder';
import { synthApp } from '../support/cdk';
import { recordHandlerCalls } from '../support/handler-calls';
import { DOCUMENT_COMMANDS, leadingKeyOf } from '../support/iam-reference';

/**
 * infra/table-access.ts against what the code really does: every DynamoDB call a function sends
 * in the handler tests and the local journeys (test/support/aws-calls.config.ts), by its action
 * and the item kind (or index partition) of its key, must be in that function's row; and every
 * entry of a row must be seen in those calls or be listed below with the path that needs it. So a
 * store change that needs a new grant fails here before it fails in AWS, and a grant nothing uses
 * any more fails too.
 */

/** Entries of TABLE_ACCESS no recorded call exercises, each with the code path that needs it. */
const NOT_EXERCISED: Record<string, string> = {
  'call-intake GetItem case': 'a voice registration whose number the case has already (registrations/create.ts contactHolder), and the texter asked to confirm it when it opted out (opt-out-expiry.ts canBeTexted)',
  'call-intake Query registrant': 'the texter asked to confirm a voice registration, when it opted out of texts before (opt-out-expiry.ts canBeTexted)',
  'sms-intake UpdateItem held': 'a held text that fails again on the sweep waits for the next one (DynamoHeldTextStore.postpone)',
};


const indexNamed = (name: string) => (Object.keys(TABLE_SCHEMA.indexes) as IndexName[]).find((index) => TABLE_SCHEMA.indexes[index].indexName === name);

/** A recorded call as an entry of a TABLE_ACCESS row: `function action kind` or `function Query index.partition`. */
function entryOf(call: RecordedCall): string {
  const input = call.input as Record<string, unknown>;
  const action = DOCUMENT_COMMANDS[call.command] ?? call.command.replace(/Command$/, '');
  const key = leadingKeyOf(input);
  if (input.IndexName) {
    const index = indexNamed(String(input.IndexName));
    const partition = index && key !== undefined ? indexPartitionOf(index, key) : undefined;
    return `${call.functionName} ${action} ${index ?? String(input.IndexName)}.${partition ?? `unknown partition ${key}`}`;
  }
  const kind = key === undefined ? undefined : kindOfKey(key);
  return `${call.functionName} ${action} ${kind ?? `unknown kind ${key?.split('#')[0]}`}`;
}

/** Every entry TABLE_ACCESS grants, in the same form. */
function grantedEntries(): Set<string> {
  const entries = new Set<string>();
  for (const [fn, access] of Object.entries(TABLE_ACCESS)) {
    for (const [kind, actions] of Object.entries(access.items) as [ItemKind, readonly ItemAction[]][]) for (const action of actions) entries.add(`${fn} ${action} ${kind}`);
    for (const [index, partitions] of Object.entries(access.indexes ?? {}) as [IndexName, readonly string[]][]) for (const partition of partitions) entries.add(`${fn} Query ${index}.${partition}`);
  }
  return entries;
}

let calls: RecordedCall[];

beforeAll(async () => {
  calls = (await recordHandlerCalls()).calls.filter((call) => call.client === 'DynamoDBDocumentClient' || call.client === 'DynamoDBClient');
}, 300_000);

describe('table access by item kind', () => {
  it('derives a distinct prefix for every item kind and index partition from the key builders', () => {
    const prefixes = Object.values(ITEM_KINDS);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    // No prefix is the start of another: a StringLike pattern of one never reaches another kind.
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a), `${a} ${b}`).toBe(false);
    for (const prefix of prefixes) expect(prefix).toMatch(/^[A-Z]+#$/);
    expect(ITEM_KINDS.intake).toBe('INTAKE#');
    expect(INDEX_PARTITIONS.pending.routing).toBe('PENDING#ROUTING');
  });

  it('grants every call each function makes, by its action and item kind', () => {
    const functions = new Set(calls.map((call) => call.functionName));
    expect([...functions].sort()).toEqual(Object.keys(TABLE_ACCESS).sort());
    const granted = grantedEntries();
    const missing = [...new Set(calls.map(entryOf))].filter((entry) => !granted.has(entry)).sort();
    expect(missing).toEqual([]);
  });

  it('grants nothing that no call exercises and the list above does not account for', () => {
    const exercised = new Set(calls.map(entryOf));
    const unexercised = [...grantedEntries()].filter((entry) => !exercised.has(entry)).sort();
    expect(unexercised).toEqual(Object.keys(NOT_EXERCISED).sort());
  });

  it('will not synthesize a function with the table and no row', () => {
    const row = TABLE_ACCESS['sms-sender']!;
    delete TABLE_ACCESS['sms-sender'];
    try {
      expect(() => synthApp()).toThrow('sms-sender: say which items of the table it may touch in infra/table-access.ts');
    } finally {
      TABLE_ACCESS['sms-sender'] = row;
    }
  });
});
