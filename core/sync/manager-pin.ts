import { z } from 'zod';

/**
 * A manager's PIN as a terminal may hold it to approve offline (reversals, provisional redemptions
 * above the policy threshold): `pbkdf2-sha256$<iterations>$<salt>$<hash>`, salt and 32-byte hash in
 * base64url. The server derives it with node:crypto `pbkdf2`, the terminal checks it with Web Crypto.
 * A PIN is short, so the verifier is only as strong as the device holding it; the server still
 * records who approved and audits it.
 */
export const PIN_VERIFIER_PATTERN = /^pbkdf2-sha256\$(\d{4,7})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{43})$/;

export const ManagerPinRow = z.object({
  managerId: z.string().min(1).max(64),
  name: z.string().max(100),
  pinVerifier: z.string().regex(PIN_VERIFIER_PATTERN),
});
export type ManagerPinRow = z.infer<typeof ManagerPinRow>;

export interface PinVerifierParts {
  iterations: number;
  salt: string;
  hash: string;
}

export function parsePinVerifier(verifier: string): PinVerifierParts | null {
  const match = PIN_VERIFIER_PATTERN.exec(verifier);
  if (!match) return null;
  return { iterations: Number(match[1]), salt: match[2]!, hash: match[3]! };
}
