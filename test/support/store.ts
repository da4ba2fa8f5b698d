import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log';
import { DynamoCustodyEventStore } from '../../shared/adapters/dynamodb/custody-event-store';
import { DynamoIntakeStore } from '../../shared/adapters/dynamodb/intake-store';
import { DynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { DynamoTexterStore } from '../../shared/adapters/dynamodb/texter-store';
import { LocalPiiVault } from '../../shared/adapters/pii/local-vault';
import type { Clock } from '../../shared/ports/clock';
import { LocalOneWayKey } from '../../shared/adapters/pii/local-one-way-key';
import { startLocalDynamo } from '../../local/dynamo';

/** A clock the test moves by hand. */
export function manualClock(start = '2026-11-23T15:00:00.000Z') {
  let now = new Date(start).getTime();
  const clock: Clock = () => new Date(now);
  return {
    clock,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** dynalite in this process with a fresh table, and a store on it. */
export async function storeOnDynalite(clock: Clock) {
  const dynamo = await startLocalDynamo();
  const vault = new LocalPiiVault('test');
  // The one-way key is not the vault's: a test that plays an attacker may hold the vault, never this.
  const sourceKeys = new LocalOneWayKey('test');
  const store = new DynamoIntakeStore({ client: dynamo.client, tableName: dynamo.tableName, vault, sourceKeys, clock, retentionDays: 30 });
  const shared = { client: dynamo.client, tableName: dynamo.tableName, clock };
  const texters = new DynamoTexterStore({ ...shared, vault, retentionDays: 30 });
  const registrations = new DynamoRegistrationStore({ ...shared, vault, retentionDays: 30 });
  const events = new DynamoCustodyEventStore(shared);
  const audit = new DynamoAuditLog({ ...shared, retentionDays: 30 });
  const directory = new DynamoStaffDirectory({ ...shared, windowDays: 30 });
  return { dynamo, store, texters, registrations, events, audit, directory, vault, sourceKeys };
}
