import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { parsePinVerifier } from '../../../core/sync';

/** Iterations a terminal repeats per PIN check with Web Crypto: slow enough to hurt guessing, quick at the counter. */
export const PIN_ITERATIONS = 100_000;

/** `pbkdf2-sha256$iterations$salt$hash` (core/sync/manager-pin); the PIN itself is never kept. */
export function pinVerifier(pin: string, iterations = PIN_ITERATIONS): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(pin, salt, iterations, 32, 'sha256');
  return `pbkdf2-sha256$${iterations}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

const pbkdf2Async = promisify(pbkdf2);

/** Whether `pin` is the PIN behind `verifier`; on the thread pool, so checking a store's staff does not stall requests. */
export async function pinMatchesVerifier(pin: string, verifier: string): Promise<boolean> {
  const parts = parsePinVerifier(verifier);
  if (!parts) return false;
  const expected = Buffer.from(parts.hash, 'base64url');
  const derived = await pbkdf2Async(pin, Buffer.from(parts.salt, 'base64url'), parts.iterations, expected.length, 'sha256');
  return timingSafeEqual(derived, expected);
}
