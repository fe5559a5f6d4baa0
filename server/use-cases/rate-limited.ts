import { failure, type AppFailure } from './outcome';

export function rateLimited(waitMs: number): AppFailure {
  const retryAfterSeconds = Math.ceil(waitMs / 1000);
  return failure('RATE_LIMITED', `too many failed attempts; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}
