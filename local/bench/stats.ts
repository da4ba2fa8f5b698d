import { performance } from 'node:perf_hooks';

/** The nearest-rank percentile of a sample (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Runs `operation(0 .. count-1)` with `concurrency` in flight at any time and returns how long
 * each one took, in milliseconds. A failure stops the run: a benchmark of errors measures nothing.
 */
export async function timeConcurrently(count: number, concurrency: number, operation: (index: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = new Array<number>(count);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const start = performance.now();
      await operation(index);
      durations[index] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return durations;
}

export interface LatencySummary {
  count: number;
  concurrency: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export function summarize(durations: readonly number[], concurrency: number): LatencySummary {
  return {
    count: durations.length,
    concurrency,
    p50Ms: round(percentile(durations, 50)),
    p99Ms: round(percentile(durations, 99)),
    meanMs: round(mean(durations)),
  };
}
