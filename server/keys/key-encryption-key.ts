import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEK_BYTES = 32;
export const KEK_FILE_NAME = 'signing-kek';

/** Parses `HEXIAO_KEY_ENCRYPTION_KEY`: 32 bytes as base64url (43 characters) or hex (64). */
export function parseKeyEncryptionKey(text: string): Uint8Array | null {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64url');
  return bytes.length === KEK_BYTES ? new Uint8Array(bytes) : null;
}

/**
 * The KEK kept beside the SQLite file when none is configured (one node). Several nodes on one
 * PostgreSQL must share `HEXIAO_KEY_ENCRYPTION_KEY` instead, or they cannot open each other's keys.
 */
export function loadOrCreateKekFile(dataDir: string): Uint8Array {
  const file = join(dataDir, KEK_FILE_NAME);
  if (existsSync(file)) {
    const kek = parseKeyEncryptionKey(readFileSync(file, 'utf8'));
    if (!kek) throw new Error(`${file} does not hold a 32-byte key`);
    return kek;
  }
  mkdirSync(dataDir, { recursive: true });
  const kek = randomBytes(KEK_BYTES);
  writeFileSync(file, kek.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return new Uint8Array(kek);
}
