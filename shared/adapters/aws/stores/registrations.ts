import type { RegistrationStore } from '../../../ports/victim-notices';
import { DynamoRegistrationStore } from '../../dynamodb/registration-store';
import type { Table } from './table';

export function registrationStore({ vars, shared }: Table): RegistrationStore {
  return new DynamoRegistrationStore({ ...shared, retentionDays: vars.INTAKE_RETENTION_DAYS, optedOutRetentionDays: vars.INTAKE_RETENTION_DAYS });
}
