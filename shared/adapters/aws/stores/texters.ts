import type { TexterStore } from '../../../ports/texter-store';
import { DynamoTexterStore } from '../../dynamodb/texter-store';
import type { Table } from './table';

export function texterStore({ vars, shared }: Table): TexterStore {
  return new DynamoTexterStore({ ...shared, retentionDays: vars.TEXTER_RETENTION_DAYS, optedOutRetentionDays: vars.INTAKE_RETENTION_DAYS });
}
