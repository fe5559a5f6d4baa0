import type { DbKind } from '../../db/db-kind';
import { buyerKeys, type BuyerKey } from '../../use-cases/sales/allocate-units';
import { giveBackUnits, readSaleState } from './sale-state-statements';
import { int, stmt, text, textOrNull, type SqlScript } from './sql-script';

/** Reservations past their deadline, oldest first (the caller takes their distinct campaigns). */
export function dueReservations(nowIso: string, limit: number) {
  return stmt(`SELECT merchant_id, campaign_id FROM orders WHERE state = 'reserved' AND expires_at <= ? ORDER BY expires_at LIMIT ?`, [
    nowIso,
    limit,
  ]);
}

/**
 * Expires one campaign's lapsed reservations and gives their units back, under the campaign's
 * lock. The state change is conditional, so nodes running this together release each order once.
 */
export function* expireCampaignScript(kind: DbKind, merchantId: string, campaignId: string, nowIso: string): SqlScript<{ orders: number; units: number }> {
  const sale = yield* readSaleState(kind, merchantId, campaignId);
  if (!sale) return { orders: 0, units: 0 };
  const expired = yield stmt(
    `UPDATE orders SET state = 'expired', updated_at = ?
      WHERE merchant_id = ? AND campaign_id = ? AND state = 'reserved' AND expires_at <= ?
      RETURNING quantity, buyer_phone, buyer_handle`,
    [nowIso, merchantId, campaignId, nowIso],
  );
  let units = 0;
  const deltas = new Map<BuyerKey, number>();
  for (const row of expired.rows) {
    const quantity = int(row, 'quantity');
    units += quantity;
    for (const key of buyerKeys({ phone: text(row, 'buyer_phone'), handleKey: textOrNull(row, 'buyer_handle') })) {
      deltas.set(key, (deltas.get(key) ?? 0) + quantity);
    }
  }
  if (units > 0) yield* giveBackUnits(merchantId, campaignId, units, deltas);
  return { orders: expired.rows.length, units };
}
