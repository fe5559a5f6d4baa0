import { instantValue, runAtomically, textValue } from '../db/atomic';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { newId } from '../security/ids';
import { generatePairingCode } from '../security/pairing-code';
import { sha256Hex } from '../security/secrets';

export const DEFAULT_PAIRING_TTL_MS = 15 * 60_000;

/** An audit row about the terminal found by `match`, inserted only if that terminal exists (then). */
function auditFromTerminal(
  db: Db,
  action: string,
  at: string,
  actorType: 'terminal' | 'system',
  match: { column: 'id' | 'token_hash'; value: string },
) {
  return db.kysely
    .insertInto('audit_log')
    .columns(['merchant_id', 'id', 'at', 'actor_type', 'actor_id', 'action', 'subject_id', 'details'])
    .expression((eb) =>
      eb
        .selectFrom('terminals')
        .select([
          'merchant_id',
          textValue(db, newId()).as('id'),
          instantValue(db, at).as('at'),
          textValue(db, actorType).as('actor_type'),
          actorType === 'terminal' ? 'id as actor_id' : textValue(db, null).as('actor_id'),
          textValue(db, action).as('action'),
          'id as subject_id',
          textValue(db, '{}').as('details'),
        ])
        .where(match.column, '=', match.value),
    );
}

/**
 * Consumes a pairing code: the terminal it belongs to gets a new device token (old ones stop
 * working) and the code is cleared, so it works once. Returns the paired terminal's keys, or
 * undefined when the code is unknown, used or expired.
 */
export async function redeemPairingCode(
  db: Db,
  pairingCode: string,
  tokenHash: string,
  now: Date,
): Promise<{ merchantId: string; terminalId: string } | undefined> {
  const at = now.toISOString();
  const [update] = await runAtomically(db, [
    db.kysely
      .updateTable('terminals')
      .set({ token_hash: tokenHash, pairing_code_hash: null, pairing_expires_at: null, paired_at: at })
      .where('pairing_code_hash', '=', sha256Hex(pairingCode))
      .where('pairing_expires_at', '>', at)
      .returning(['merchant_id', 'id'])
      .compile(),
    auditFromTerminal(db, 'terminal.pair', at, 'terminal', { column: 'token_hash', value: tokenHash }).compile(),
  ]);
  const row = update?.rows[0];
  return row ? { merchantId: String(row['merchant_id']), terminalId: String(row['id']) } : undefined;
}

export interface PairingCode {
  code: string;
  expiresAt: string;
}

/**
 * A fresh single-use pairing code for a terminal; it replaces any earlier unused one.
 * The terminal's current token keeps working until the code is used.
 */
export async function mintPairingCode(
  db: Db,
  terminalId: string,
  options: { ttlMs?: number; now?: Date } = {},
): Promise<PairingCode> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + (options.ttlMs ?? DEFAULT_PAIRING_TTL_MS)).toISOString();
  for (let attempt = 0; ; attempt++) {
    const code = generatePairingCode();
    const codeHash = sha256Hex(code);
    try {
      const [update] = await runAtomically(db, [
        db.kysely
          .updateTable('terminals')
          .set({ pairing_code_hash: codeHash, pairing_expires_at: expiresAt })
          .where('id', '=', terminalId)
          .compile(),
        auditFromTerminal(db, 'terminal.pairing_code_minted', at, 'system', { column: 'id', value: terminalId }).compile(),
      ]);
      if (!update || update.affected === 0) throw new Error(`no terminal with id ${terminalId}`);
      return { code, expiresAt };
    } catch (error) {
      // Two live codes may not share a hash; draw again on the (unlikely) collision.
      if (attempt < 4 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
