import type { TexterStore } from '../../../ports/texter-store';
import { DynamoTexterStore } from '../../dynamodb/texter-store';
import { texterOperationOptions, type DynamoTexterStoreOptions, type TexterOperation, type TexterOperationOptions } from '../../dynamodb/texters/item';
import { bindOperations } from './operations';
import type { Table } from './table';

function texterStoreOptions({ vars, shared }: Table): DynamoTexterStoreOptions {
  return { ...shared, retentionDays: vars.TEXTER_RETENTION_DAYS, optedOutRetentionDays: vars.INTAKE_RETENTION_DAYS };
}

/** Every operation of the texters. */
export function texterStore(table: Table): TexterStore {
  return new DynamoTexterStore(texterStoreOptions(table));
}

/**
 * Only the operations given (modules of shared/adapters/dynamodb/texters), on the same table and
 * keys: a function bundles the operations it calls and none of the others (issue 18).
 */
export function texterOperations<K extends keyof TexterStore>(table: Table, operations: { [N in K]: TexterOperation<N> }): Pick<TexterStore, K> {
  return bindOperations<TexterStore, TexterOperationOptions, K>(texterOperationOptions(texterStoreOptions(table)), operations);
}
