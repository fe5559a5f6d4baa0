import { pbkdf2Sync, randomBytes } from 'node:crypto';

/** Iterations a terminal repeats per PIN check with Web Crypto: slow enough to hurt guessing, quick at the counter. */
export const PIN_ITERATIONS = 100_000;

/** `pbkdf2-sha256$iterations$salt$hash` (core/sync/manager-pin); the PIN itself is never kept. */
export function pinVerifier(pin: string, iterations = PIN_ITERATIONS): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(pin, salt, iterations, 32, 'sha256');
  return `pbkdf2-sha256$${iterations}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}
