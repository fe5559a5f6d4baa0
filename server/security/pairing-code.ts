import { secureRandomBytes } from './secrets';

/** No 0/O, 1/I/L: a pairing code is read off one screen and typed on another. */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUP = 4;
const LENGTH = 8;
// Largest multiple of the alphabet size that fits a byte: rejecting bytes above it keeps `% size` unbiased.
const UNBIASED_LIMIT = Math.floor(256 / PAIRING_ALPHABET.length) * PAIRING_ALPHABET.length;

/** `ABCD-2345`: eight symbols, about 40 bits. */
export function generatePairingCode(randomBytes: (n: number) => Uint8Array = secureRandomBytes): string {
  let code = '';
  while (code.length < LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < UNBIASED_LIMIT && code.length < LENGTH) code += PAIRING_ALPHABET[byte % PAIRING_ALPHABET.length];
    }
  }
  return `${code.slice(0, GROUP)}-${code.slice(GROUP)}`;
}

/** Case, spaces and dashes do not matter; returns the canonical form or undefined when it cannot be a code. */
export function normalizePairingCode(input: string): string | undefined {
  const symbols = input.toUpperCase().replace(/[\s-]/g, '');
  if (symbols.length !== LENGTH) return undefined;
  for (const ch of symbols) if (!PAIRING_ALPHABET.includes(ch)) return undefined;
  return `${symbols.slice(0, GROUP)}-${symbols.slice(GROUP)}`;
}
