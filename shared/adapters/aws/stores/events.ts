import type { CustodyEventStore } from '../../../ports/victim-notices';
import { DynamoCustodyEventStore } from '../../dynamodb/custody-event-store';
import type { Table } from './table';

export function custodyEventStore({ vars, shared: { client, tableName, clock } }: Table): CustodyEventStore {
  return new DynamoCustodyEventStore({ client, tableName, clock, retentionDays: vars.INTAKE_RETENTION_DAYS });
}
