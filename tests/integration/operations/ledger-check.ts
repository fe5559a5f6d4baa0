import BetterSqlite3 from 'better-sqlite3';

/** Per voucher, uses taken against the accepted ledger rows: a torn copy would not add up. */
export function sqliteLedgerState(file: string) {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const mismatched = db
      .prepare(
        `SELECT v.id, v.redeemed, coalesce(sum(r.count), 0) AS ledger FROM vouchers v
           LEFT JOIN redemptions r ON r.voucher_id = v.id AND r.merchant_id = v.merchant_id AND r.outcome = 'accepted'
          GROUP BY v.id, v.redeemed HAVING v.redeemed <> coalesce(sum(r.count), 0)`,
      )
      .all();
    const redemptions = Number(db.prepare(`SELECT count(*) FROM redemptions WHERE outcome = 'accepted'`).pluck().get());
    const maxLogId = Number(db.prepare(`SELECT coalesce(max(id), 0) FROM change_log`).pluck().get());
    return { mismatched, redemptions, maxLogId };
  } finally {
    db.close();
  }
}
