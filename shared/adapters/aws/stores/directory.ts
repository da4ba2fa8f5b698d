import type { StaffDirectory } from '../../../ports/staff-directory';
import { DynamoStaffDirectory } from '../../dynamodb/staff-directory';
import type { Table } from './table';

export function staffDirectory({ vars, shared: { client, tableName, clock } }: Table): StaffDirectory {
  return new DynamoStaffDirectory({ client, tableName, clock, windowDays: vars.STAFF_DIRECTORY_DAYS });
}
