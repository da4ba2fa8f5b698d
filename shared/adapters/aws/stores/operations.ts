import type { StoreOperation } from '../../dynamodb/client';

/**
 * A store's operations given as functions of its options (the modules of
 * shared/adapters/dynamodb/intakes, registrations, texters), bound to those options: the store a
 * function builds this way has those operations and bundles none of the others (issue 18). The
 * options, and so the table, keys and expiries, are the same as the whole store's. Each store's
 * own binder (intakeOperations, ...) types the operations against its port.
 */
export function bindOperations<Store, Options, K extends keyof Store>(options: Options, operations: { [N in K]: StoreOperation<Store, Options, N> }): Pick<Store, K> {
  const bound: Partial<Record<K, unknown>> = {};
  for (const name of Object.keys(operations) as K[]) {
    const operation = operations[name] as (options: Options, ...args: unknown[]) => unknown;
    bound[name] = (...args: unknown[]) => operation(options, ...args);
  }
  return bound as Pick<Store, K>;
}
