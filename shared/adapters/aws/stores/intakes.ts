import type { IntakeStore } from '../../../ports/intake-store';
import { DynamoIntakeStore } from '../../dynamodb/intake-store';
import type { DynamoIntakeStoreOptions, IntakeOperation } from '../../dynamodb/intakes/item';
import { KmsOneWayKey } from '../../pii/kms-one-way-key';
import { bindOperations } from './operations';
import type { Table } from './table';

function intakeStoreOptions({ vars, kms, shared }: Table): DynamoIntakeStoreOptions {
  return { ...shared, sourceKeys: new KmsOneWayKey(kms, vars.SOURCE_KEY_ARN), retentionDays: vars.INTAKE_RETENTION_DAYS, auditRetentionDays: vars.AUDIT_RETENTION_DAYS };
}

/** Every operation of the intakes (the staff API's). */
export function intakeStore(table: Table): IntakeStore {
  return new DynamoIntakeStore(intakeStoreOptions(table));
}

/**
 * Only the operations given (modules of shared/adapters/dynamodb/intakes), on the same table and
 * keys: a function bundles the operations it calls and none of the others (issue 18).
 */
export function intakeOperations<K extends keyof IntakeStore>(table: Table, operations: { [N in K]: IntakeOperation<N> }): Pick<IntakeStore, K> {
  return bindOperations<IntakeStore, DynamoIntakeStoreOptions, K>(intakeStoreOptions(table), operations);
}
