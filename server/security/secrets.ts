import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 suffices for tokens and pairing codes: they are random and high-entropy, not passwords. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A device token: 32 random bytes, base64url. Only its hash is stored. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function secureRandomBytes(length: number): Uint8Array {
  return new Uint8Array(randomBytes(length));
}
