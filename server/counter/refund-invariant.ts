import { first, num, type Steps } from '../sync/sql/steps';

/**
 * The sale row, locked for the rest of the push transaction (PostgreSQL `FOR UPDATE`; SQLite runs
 * one write transaction at a time), so a refund reads what was refunded before it only after any
 * other refund of the same sale has committed.
 */
export function* lockSale(kind: 'sqlite' | 'postgres', merchantId: string, saleId: string, storeId: string): Steps<Record<string, unknown> | undefined> {
  return yield* first(
    `SELECT * FROM sales WHERE merchant_id = ? AND id = ? AND store_id = ?${kind === 'postgres' ? ' FOR UPDATE' : ''}`,
    [merchantId, saleId, storeId],
  );
}

/**
 * Checked after a refund's rows are written, inside the same transaction: no line refunded beyond
 * what was sold, no more money back than the sale took. Breaking it means the lock failed; the
 * transaction is rolled back rather than committed.
 */
export function* assertRefundWithinSale(merchantId: string, saleId: string, totalFen: number): Steps<void> {
  const row = yield* first(
    `SELECT (SELECT coalesce(sum(amount_fen), 0) FROM sale_refunds WHERE merchant_id = ? AND sale_id = ?) AS refunded_fen,
            (SELECT count(*) FROM sale_lines AS l
              WHERE l.merchant_id = ? AND l.sale_id = ?
                AND l.qty < (SELECT coalesce(sum(r.qty), 0) FROM sale_refund_lines AS r
                              WHERE r.merchant_id = l.merchant_id AND r.sale_id = l.sale_id AND r.line_id = l.line_id)) AS lines_over`,
    [merchantId, saleId, merchantId, saleId],
  );
  if (num(row, 'refunded_fen') > totalFen || num(row, 'lines_over') > 0) {
    throw new Error(`refunds of sale ${saleId} exceed what it sold or took`);
  }
}
