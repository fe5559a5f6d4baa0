import { FRESH_PLAN, first, str, type Steps } from '../sql/steps';

/** The sale a redemption is part of (a voucher tender or a voucher line), or null for one made on its own. */
export function* saleOfRedemption(merchantId: string, redemptionId: string): Steps<string | null> {
  const row = yield* first(
    `SELECT sale_id FROM sale_payments WHERE merchant_id = ? AND redemption_id = ?
     UNION ALL
     SELECT sale_id FROM sale_lines WHERE merchant_id = ? AND voucher_redemption_id = ?
     LIMIT 1`,
    [merchantId, redemptionId, merchantId, redemptionId], FRESH_PLAN,
  );
  return row ? str(row, 'sale_id') : null;
}
