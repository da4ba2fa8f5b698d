/**
 * The daily counts of a queue, kept as counters as intakes come and are worked (no listing is
 * read to draw the metrics page). Time to claim is kept as a histogram: its median is the bucket
 * it falls in, said as "within N minutes".
 */
export const CLAIM_BUCKETS_MINUTES = [5, 15, 30, 60, 120, 240, 480, 1440] as const;

export interface DailyCounts {
  day: string;
  received: number;
  claimed: number;
  handled: number;
  /** How many claims came within each bucket's minutes (the last counts those over the last bound). */
  claimBuckets: number[];
}

/** The counter a claim after `minutes` adds to. */
export function claimBucketOf(minutes: number): number {
  const index = CLAIM_BUCKETS_MINUTES.findIndex((bound) => minutes <= bound);
  return index === -1 ? CLAIM_BUCKETS_MINUTES.length : index;
}

/** The median time to claim as the upper bound of its bucket in minutes; `null` without claims, `Infinity` past the last bound. */
export function medianClaimMinutes(buckets: readonly number[]): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (!total) return null;
  let seen = 0;
  for (const [index, count] of buckets.entries()) {
    seen += count;
    if (seen * 2 >= total) return CLAIM_BUCKETS_MINUTES[index] ?? Infinity;
  }
  return Infinity;
}

/** The last `days` UTC days up to `now`, oldest first. */
export function lastDays(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, index) => new Date(now.getTime() - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10));
}
