import type { HeldTextStore } from '../../../ports/held-texts';
import { DynamoHeldTextStore } from '../../dynamodb/held-text-store';
import type { Table } from './table';

export function heldTextStore({ vars, shared }: Table): HeldTextStore {
  return new DynamoHeldTextStore({ ...shared, retentionDays: vars.INTAKE_RETENTION_DAYS });
}
