/** 1, 2, 4 ... minutes after each failed attempt, at most an hour. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(2 ** Math.max(failedAttempts - 1, 0), 60) * 60_000;
}
