import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log';
import { DynamoCustodyEventStore } from '../../shared/adapters/dynamodb/custody-event-store';
import { DynamoHeldTextStore } from '../../shared/adapters/dynamodb/held-text-store';
import { DynamoIntakeStore } from '../../shared/adapters/dynamodb/intake-store';
import { DynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { DynamoTexterStore } from '../../shared/adapters/dynamodb/texter-store';
import { LocalPiiVault } from '../../shared/adapters/pii/local-vault';
import type { Clock } from '../../shared/ports/clock';
import { LocalOneWayKey } from '../../shared/adapters/pii/local-one-way-key';
import { startLocalDynamo } from '../../local/dynamo';

/** The stores' retention in these tests: short, and each kind its own, so that a mix-up shows. */
export const TEST_RETENTION_DAYS = { intake: 30, texter: 7, audit: 90 } as const;

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
  const store = new DynamoIntakeStore({ client: dynamo.client, tableName: dynamo.tableName, vault, sourceKeys, clock, retentionDays: TEST_RETENTION_DAYS.intake, auditRetentionDays: TEST_RETENTION_DAYS.audit });
  const shared = { client: dynamo.client, tableName: dynamo.tableName, clock };
  const texters = new DynamoTexterStore({ ...shared, vault, retentionDays: TEST_RETENTION_DAYS.texter, optedOutRetentionDays: TEST_RETENTION_DAYS.intake });
  const registrations = new DynamoRegistrationStore({ ...shared, vault, retentionDays: TEST_RETENTION_DAYS.intake, optedOutRetentionDays: TEST_RETENTION_DAYS.intake });
  const events = new DynamoCustodyEventStore({ ...shared, retentionDays: TEST_RETENTION_DAYS.intake });
  const audit = new DynamoAuditLog({ ...shared, retentionDays: TEST_RETENTION_DAYS.audit });
  const held = new DynamoHeldTextStore({ ...shared, vault, retentionDays: TEST_RETENTION_DAYS.intake });
  const directory = new DynamoStaffDirectory({ ...shared, windowDays: 30 });
  return { dynamo, store, texters, registrations, events, audit, held, directory, vault, sourceKeys };
}
