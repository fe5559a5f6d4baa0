import type { DbKind } from '../../db/db-kind';
import { buyerKeys, type BuyerKey, type SaleState, type UnitRequest } from '../../use-cases/sales/allocate-units';
import { int, intOrNull, jsonRows, lockRow, one, stmt, text, textOrNull, type SqlScript } from './sql-script';

export interface LockedSale {
  state: SaleState;
  priceFen: number;
  paymentWindowSeconds: number;
}

/** Reads a campaign's sale state and locks its row until the transaction ends. */
export function* readSaleState(kind: DbKind, merchantId: string, campaignId: string): SqlScript<LockedSale | undefined> {
  const row = one(
    yield stmt(
      `SELECT c.status, c.total_stock, c.sold_count, c.per_buyer_limit, c.sale_starts_at, c.sale_ends_at, c.paused_at,
              c.price_fen, c.payment_window_seconds, m.time_zone
         FROM campaigns c JOIN merchants m ON m.merchant_id = c.merchant_id
        WHERE c.merchant_id = ? AND c.id = ?${lockRow(kind, 'c')}`,
      [merchantId, campaignId],
    ),
  );
  if (!row) return undefined;
  return {
    state: {
      status: text(row, 'status') as SaleState['status'],
      totalStock: intOrNull(row, 'total_stock'),
      soldCount: int(row, 'sold_count'),
      perBuyerLimit: intOrNull(row, 'per_buyer_limit'),
      saleStartsAt: textOrNull(row, 'sale_starts_at'),
      saleEndsAt: textOrNull(row, 'sale_ends_at'),
      pausedAt: textOrNull(row, 'paused_at'),
      timeZone: text(row, 'time_zone'),
    },
    priceFen: int(row, 'price_fen'),
    paymentWindowSeconds: int(row, 'payment_window_seconds'),
  };
}

/** Units each buyer already holds in a campaign (call with the campaign row locked). */
export function* readBuyerCounters(
  kind: DbKind,
  merchantId: string,
  campaignId: string,
  requests: readonly Pick<UnitRequest, 'phone' | 'handleKey'>[],
): SqlScript<Map<BuyerKey, number>> {
  const keys = [...new Set(requests.flatMap((r) => buyerKeys(r)))].map((key) => {
    const bar = key.indexOf('|');
    return { kind: key.slice(0, bar), key: key.slice(bar + 1) };
  });
  const rows = jsonRows(kind, { kind: 'text', key: 'text' });
  // One primary-key probe per buyer key, whatever the planner believes about the table's size.
  const result = yield stmt(
    `SELECT buyer_kind, buyer_key, units FROM (
       SELECT ${rows.col('kind')} AS buyer_kind, ${rows.col('key')} AS buyer_key,
              (SELECT b.units FROM buyer_counters b
                WHERE b.merchant_id = ? AND b.campaign_id = ? AND b.buyer_kind = ${rows.col('kind')} AND b.buyer_key = ${rows.col('key')}) AS units
         FROM ${rows.from}) AS probes
      WHERE units IS NOT NULL`,
    [merchantId, campaignId, JSON.stringify(keys)],
  );
  const counters = new Map<BuyerKey, number>();
  for (const row of result.rows) counters.set(`${text(row, 'buyer_kind')}|${text(row, 'buyer_key')}` as BuyerKey, int(row, 'units'));
  return counters;
}

/**
 * Adds units to the campaign's sold count and the buyers' counters. The conditional update
 * re-checks stock, so a slip in the caller can never oversell: the transaction aborts instead.
 */
export function* takeUnits(
  kind: DbKind,
  merchantId: string,
  campaignId: string,
  units: number,
  counterDeltas: ReadonlyMap<BuyerKey, number>,
): SqlScript<void> {
  const updated = yield stmt(
    `UPDATE campaigns SET sold_count = sold_count + ?
      WHERE merchant_id = ? AND id = ? AND (total_stock IS NULL OR sold_count + ? <= total_stock)`,
    [units, merchantId, campaignId, units],
  );
  if (updated.affected !== 1) throw new Error(`stock of campaign ${campaignId} changed under its lock`);
  if (counterDeltas.size === 0) return;
  const rows = jsonRows(kind, { kind: 'text', key: 'text', units: 'integer' });
  yield stmt(
    `INSERT INTO buyer_counters (merchant_id, campaign_id, buyer_kind, buyer_key, units)
     SELECT CAST(? AS text), CAST(? AS text), ${rows.col('kind')}, ${rows.col('key')}, ${rows.col('units')}
       FROM ${rows.from} WHERE true
     ON CONFLICT (merchant_id, campaign_id, buyer_kind, buyer_key)
     DO UPDATE SET units = buyer_counters.units + excluded.units`,
    [merchantId, campaignId, JSON.stringify([...counterDeltas].map(([key, units]) => ({ ...splitKey(key), units })))],
  );
}

/** Gives units back to stock and to the buyers' counters (expired reservations). */
export function* giveBackUnits(
  merchantId: string,
  campaignId: string,
  units: number,
  counterDeltas: ReadonlyMap<BuyerKey, number>,
): SqlScript<void> {
  yield stmt(`UPDATE campaigns SET sold_count = sold_count - ? WHERE merchant_id = ? AND id = ? AND sold_count >= ?`, [
    units,
    merchantId,
    campaignId,
    units,
  ]);
  for (const [key, delta] of counterDeltas) {
    const { kind: buyerKind, key: buyerKey } = splitKey(key);
    yield stmt(
      `UPDATE buyer_counters SET units = CASE WHEN units > ? THEN units - ? ELSE 0 END
        WHERE merchant_id = ? AND campaign_id = ? AND buyer_kind = ? AND buyer_key = ?`,
      [delta, delta, merchantId, campaignId, buyerKind, buyerKey],
    );
  }
}

function splitKey(key: BuyerKey): { kind: string; key: string } {
  const bar = key.indexOf('|');
  return { kind: key.slice(0, bar), key: key.slice(bar + 1) };
}
