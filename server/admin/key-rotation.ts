import { secretContext } from '../repositories/sales/channel-secret-store';
import { runScript } from '../repositories/sales/run-script';
import { dynamicStmt, type SqlScript } from '../repositories/sales/sql-script';
import { sealKey, unsealKey } from '../keys/key-sealing';
import { keyContext } from '../keys/merchant-key-store';
import type { Db } from '../db/database';

/** What a rotation did: rows sealed again under the new key, rows it already sealed, plain rows sealed now. */
export interface RotationReport {
  resealed: number;
  alreadyNew: number;
  sealedNow: number;
}

/** A sealed row neither key opens: nothing was changed. */
export class RotationRefused extends Error {}

/**
 * Every secret sealed with the key-encryption key, with the context it is bound to. A table that
 * starts holding sealed secrets is added here, or a rotation leaves it under the old key.
 */
const SEALED = [
  {
    what: 'merchant signing key',
    select: `SELECT merchant_id, kid, private_key_enc AS sealed_text, 1 AS sealed FROM merchant_keys ORDER BY merchant_id, kid`,
    update: `UPDATE merchant_keys SET private_key_enc = ? WHERE merchant_id = ? AND kid = ? AND private_key_enc = ?`,
    key: (row: Row) => [row['merchant_id'], row['kid']],
    context: (row: Row) => keyContext(String(row['merchant_id']), String(row['kid'])),
  },
  {
    what: 'channel webhook secret',
    // Rows made before migration 014 hold the secret in plain text (sealed = 0): they are sealed now.
    select: `SELECT merchant_id, channel, id, secret AS sealed_text, sealed FROM channel_secrets ORDER BY merchant_id, channel, id`,
    update: `UPDATE channel_secrets SET secret = ?, sealed = 1 WHERE merchant_id = ? AND channel = ? AND id = ? AND secret = ?`,
    key: (row: Row) => [row['merchant_id'], row['channel'], row['id']],
    context: (row: Row) => secretContext(String(row['merchant_id']), String(row['channel']), String(row['id'])),
  },
] as const;

type Row = Record<string, unknown>;

/**
 * Seals every secret again under `newKek`, in one transaction: all or nothing. A row the new key
 * already opens is left alone, so running it again (after a crash, or for rows a node still on the
 * old key wrote meanwhile) finishes the job and changes nothing else.
 */
export function rotateKeyEncryptionKey(db: Db, oldKek: Uint8Array, newKek: Uint8Array): Promise<RotationReport> {
  return runScript(db, () => rotation(db, oldKek, newKek));
}

function* rotation(db: Db, oldKek: Uint8Array, newKek: Uint8Array): SqlScript<RotationReport> {
  const report: RotationReport = { resealed: 0, alreadyNew: 0, sealedNow: 0 };
  const lock = db.kind === 'postgres' ? ' FOR UPDATE' : '';
  for (const table of SEALED) {
    const { rows } = yield dynamicStmt(`${table.select}${lock}`);
    for (const row of rows) {
      const text = String(row['sealed_text']);
      const context = table.context(row);
      let secret: Uint8Array;
      if (Number(row['sealed']) !== 1) {
        secret = new Uint8Array(Buffer.from(text, 'utf8'));
        report.sealedNow++;
      } else if (unsealKey(newKek, text, context)) {
        report.alreadyNew++;
        continue;
      } else {
        const opened = unsealKey(oldKek, text, context);
        if (!opened) throw new RotationRefused(`a ${table.what} (${table.key(row).join('/')}) opens with neither the old nor the new key: nothing was changed`);
        secret = opened;
        report.resealed++;
      }
      const { affected } = yield dynamicStmt(table.update, [sealKey(newKek, secret, context), ...table.key(row), text]);
      if (affected !== 1) throw new Error(`a ${table.what} changed during the rotation; run it again`);
    }
  }
  return report;
}
