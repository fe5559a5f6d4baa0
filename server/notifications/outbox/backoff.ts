export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** After this many attempts a retryable failure becomes final. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 3_600_000, maxAttempts: 8 };

/**
 * Delay before attempt `attempts + 1`: exponential from `baseMs`, capped, with "equal jitter"
 * (half fixed, half random) so retries from many rows do not hit a recovering provider together.
 */
export function retryDelayMs(policy: BackoffPolicy, attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
