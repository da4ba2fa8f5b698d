import type { RegistrationStore } from '../../../ports/victim-notices';
import { DynamoRegistrationStore } from '../../dynamodb/registration-store';
import type { DynamoRegistrationStoreOptions, RegistrationOperation } from '../../dynamodb/registrations/item';
import { bindOperations } from './operations';
import type { Table } from './table';

function registrationStoreOptions({ vars, shared }: Table): DynamoRegistrationStoreOptions {
  return { ...shared, retentionDays: vars.INTAKE_RETENTION_DAYS, optedOutRetentionDays: vars.INTAKE_RETENTION_DAYS };
}

/** Every operation of the registrations (the staff API's). */
export function registrationStore(table: Table): RegistrationStore {
  return new DynamoRegistrationStore(registrationStoreOptions(table));
}

/**
 * Only the operations given (modules of shared/adapters/dynamodb/registrations), on the same
 * table and keys: a function bundles the operations it calls and none of the others (issue 18).
 */
export function registrationOperations<K extends keyof RegistrationStore>(table: Table, operations: { [N in K]: RegistrationOperation<N> }): Pick<RegistrationStore, K> {
  return bindOperations<RegistrationStore, DynamoRegistrationStoreOptions, K>(registrationStoreOptions(table), operations);
}
