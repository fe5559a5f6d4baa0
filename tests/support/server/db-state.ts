import type { Db } from '../../../server/db/database';

/** Everything a rejected request must leave untouched, to compare before and after. */
export async function snapshot(db: Db) {
  const k = db.kysely;
  return {
    vouchers: await k.selectFrom('vouchers').selectAll().orderBy('id').execute(),
    redemptions: await k.selectFrom('redemptions').selectAll().orderBy('redemption_id').execute(),
    audit: await k.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    terminals: await k
      .selectFrom('terminals')
      .select(['id', 'token_hash', 'pairing_code_hash', 'pairing_expires_at', 'paired_at'])
      .orderBy('id')
      .execute(),
  };
}

export async function voucherRow(db: Db, code: string) {
  return db.kysely.selectFrom('vouchers').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

export async function ledgerRows(db: Db, voucherId: string) {
  return db.kysely.selectFrom('redemptions').selectAll().where('voucher_id', '=', voucherId).execute();
}
