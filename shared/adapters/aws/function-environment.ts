import type * as z from '../../domain/schema';

/**
 * Reads a function's environment with a zod schema, once, at cold start: a missing or bad
 * variable fails the start with a message that names it.
 *
 * Each schema is built when it is read, not when its module loads: a cold start builds only
 * the schemas of the adapters its function uses.
 */
export function readEnvironment<S extends z.ZodMiniType>(schema: () => S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema().safeParse(env);
  if (!result.success) {
    throw new Error(`Bad function environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

// Keep SDK calls well inside the 8 seconds Connect waits for a function.
export const SDK_TIMEOUTS = { maxAttempts: 3, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } };
