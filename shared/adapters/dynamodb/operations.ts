/**
 * A store as functions of its options, one module per use (./intakes, ./registrations, ./texters,
 * custody-event-store.ts), so that a function bundles the operations it calls and none of the
 * others (issue 18): a class's methods do not tree-shake.
 */

/** The store's operation `K` as a function of the store's options. */
export type StoreOperation<Store, Options, K extends keyof Store> = Store[K] extends (...args: infer A) => infer R ? (options: Options, ...args: A) => R : never;

/** Operations of a store by name (all of them unless `K` says which). */
export type StoreOperations<Store, Options, K extends keyof Store = keyof Store> = { [N in K]: StoreOperation<Store, Options, N> };

/**
 * The operations given, bound to the options: what a function builds has those operations only.
 * The options, and so the table, keys and expiries, are the same as the whole store's.
 */
export function bindOperations<Store, Options, K extends keyof Store>(options: Options, operations: StoreOperations<Store, Options, K>): Pick<Store, K> {
  const bound: Partial<Record<K, unknown>> = {};
  for (const name of Object.keys(operations) as K[]) {
    const operation = operations[name] as (options: Options, ...args: unknown[]) => unknown;
    bound[name] = (...args: unknown[]) => operation(options, ...args);
  }
  return bound as Pick<Store, K>;
}
