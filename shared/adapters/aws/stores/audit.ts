import type { AuditLog } from '../../../ports/audit-log';
import { DynamoAuditLog } from '../../dynamodb/audit-log';
import type { Table } from './table';

export function auditLog({ vars, shared: { client, tableName, clock } }: Table): AuditLog {
  return new DynamoAuditLog({ client, tableName, clock, retentionDays: vars.AUDIT_RETENTION_DAYS });
}
