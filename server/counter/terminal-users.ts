import type { Db } from '../db/database';
import { newId } from '../security/ids';
import { hashPassword, verifyPassword, verifyAgainstDecoy } from '../security/password';
import { pinVerifier } from '../sync/policy/manager-pin-verifier';
import { inTransaction, withoutTransaction } from '../sync/sql/run-steps';
import { first, isoOrNull, num, q, str, type Steps } from '../sync/sql/steps';
import { readCounterSettings } from './counter-settings';

export type TerminalRole = 'cashier' | 'manager';

export interface TerminalUserInput {
  storeId: string;
  name: string;
  role: TerminalRole;
  pin: string;
}

const PIN_PATTERN = /^\d{4,8}$/;

/** The user's row, and for a manager the store-manager row that lets them approve (offline too). */
export function* insertTerminalUser(merchantId: string, id: string, input: Omit<TerminalUserInput, 'pin'>, secrets: PinSecrets, at: string): Steps<void> {
  yield q(
    `INSERT INTO terminal_users (merchant_id, id, store_id, name, role, pin_hash, pin_verifier, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [merchantId, id, input.storeId, input.name, input.role, secrets.hash, secrets.verifier, at],
  );
  if (input.role === 'manager') {
    yield q(
      `INSERT INTO store_managers (merchant_id, store_id, manager_id, name, pin_verifier, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [merchantId, input.storeId, id, input.name, secrets.verifier, at],
    );
  }
}

/** A PIN as the server keeps it: scrypt for its own check, a PBKDF2 verifier for terminals offline. */
export interface PinSecrets {
  hash: string;
  verifier: string;
}

export async function pinSecrets(pin: string): Promise<PinSecrets> {
  return { hash: await hashPassword(pin), verifier: pinVerifier(pin) };
}

/**
 * A cashier or manager of one store. The PIN is kept as scrypt (checked by the server) and as a
 * PBKDF2 verifier the terminal checks offline; a manager is also a store manager for approvals.
 */
export async function addTerminalUser(db: Db, merchantId: string, input: TerminalUserInput, now = new Date()): Promise<{ id: string }> {
  if (!PIN_PATTERN.test(input.pin)) throw new RangeError('a PIN is 4 to 8 digits');
  const id = newId();
  const secrets = await pinSecrets(input.pin);
  await inTransaction(db, () => insertTerminalUser(merchantId, id, input, secrets, now.toISOString()));
  return { id };
}

export type PinCheck =
  | { ok: true; user: { id: string; name: string; role: TerminalRole } }
  | { ok: false; code: 'PIN_INVALID' | 'PIN_LOCKED'; lockedUntil: string | null };

/**
 * Checks a user's PIN at a store. After the merchant's number of misses in a row the user is locked
 * for its lock time, whatever PIN is tried; a right PIN clears the count. An unknown user costs the
 * same work and answers the same as a wrong PIN.
 */
export async function checkTerminalPin(db: Db, merchantId: string, storeId: string, userId: string, pin: string, now = new Date()): Promise<PinCheck> {
  const at = now.toISOString();
  const row = await withoutTransaction(db, () => first(`SELECT * FROM terminal_users WHERE merchant_id = ? AND id = ? AND store_id = ? AND active = 1`, [merchantId, userId, storeId]));
  if (!row) {
    await verifyAgainstDecoy(pin);
    return { ok: false, code: 'PIN_INVALID', lockedUntil: null };
  }
  const lockedUntil = isoOrNull(row, 'locked_until');
  if (lockedUntil !== null && lockedUntil > at) return { ok: false, code: 'PIN_LOCKED', lockedUntil };
  const right = await verifyPassword(pin, str(row, 'pin_hash'));
  return inTransaction(db, function* (): Steps<PinCheck> {
    if (right) {
      yield q(`UPDATE terminal_users SET failed_pins = 0, locked_until = NULL WHERE merchant_id = ? AND id = ?`, [merchantId, userId]);
      return { ok: true, user: { id: userId, name: str(row, 'name'), role: str(row, 'role') as TerminalRole } };
    }
    const settings = yield* readCounterSettings(merchantId);
    const missed = yield* first(
      `UPDATE terminal_users SET failed_pins = failed_pins + 1 WHERE merchant_id = ? AND id = ? RETURNING failed_pins`,
      [merchantId, userId],
    );
    if (num(missed, 'failed_pins') < settings.pinMaxFailures) return { ok: false, code: 'PIN_INVALID', lockedUntil: null };
    const until = new Date(now.getTime() + settings.pinLockMinutes * 60_000).toISOString();
    yield q(`UPDATE terminal_users SET failed_pins = 0, locked_until = ? WHERE merchant_id = ? AND id = ?`, [until, merchantId, userId]);
    return { ok: false, code: 'PIN_LOCKED', lockedUntil: until };
  });
}
