import type { IntakeStore } from '../../../ports/intake-store';
import { DynamoIntakeStore } from '../../dynamodb/intake-store';
import { KmsOneWayKey } from '../../pii/kms-one-way-key';
import type { Table } from './table';

export function intakeStore({ vars, kms, shared }: Table): IntakeStore {
  return new DynamoIntakeStore({ ...shared, sourceKeys: new KmsOneWayKey(kms, vars.SOURCE_KEY_ARN), retentionDays: vars.INTAKE_RETENTION_DAYS, auditRetentionDays: vars.AUDIT_RETENTION_DAYS });
}
