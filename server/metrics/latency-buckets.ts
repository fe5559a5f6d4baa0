/** Seconds: a redeem is expected in single milliseconds, a push of 500 entries in under a second. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
