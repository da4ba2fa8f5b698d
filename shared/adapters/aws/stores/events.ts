import type { CustodyEventStore } from '../../../ports/victim-notices';
import { DynamoCustodyEventStore, type DynamoCustodyEventStoreOptions } from '../../dynamodb/custody-event-store';
import type { StoreOperation } from '../../dynamodb/client';
import { bindOperations } from './operations';
import type { Table } from './table';

function custodyEventStoreOptions({ vars, shared: { client, tableName, clock } }: Table): DynamoCustodyEventStoreOptions {
  return { client, tableName, clock, retentionDays: vars.INTAKE_RETENTION_DAYS };
}

export function custodyEventStore(table: Table): CustodyEventStore {
  return new DynamoCustodyEventStore(custodyEventStoreOptions(table));
}

/**
 * Only the operations given (functions of shared/adapters/dynamodb/custody-event-store.ts), on the
 * same table and keys: a function bundles the operations it calls and none of the others (issue 18).
 */
export function custodyEventOperations<K extends keyof CustodyEventStore>(
  table: Table,
  operations: { [N in K]: StoreOperation<CustodyEventStore, DynamoCustodyEventStoreOptions, N> },
): Pick<CustodyEventStore, K> {
  return bindOperations<CustodyEventStore, DynamoCustodyEventStoreOptions, K>(custodyEventStoreOptions(table), operations);
}
