import type { BuyerKey } from '../../use-cases/sales/allocate-units';
import { stmt, type Statement } from './sql-script';

export interface ReservationWrites {
  merchantId: string;
  campaignId: string;
  units: number;
  counterDeltas: ReadonlyMap<BuyerKey, number>;
  orders: { id: string; channel: string; phone: string; handle: string | null; quantity: number }[];
  priceFen: number;
  nowIso: string;
  expiresAt: string;
}

/**
 * PostgreSQL: stock, buyer counters and reserved orders in ONE statement, so the campaign's row
 * lock is held for one round trip fewer. The stock update is conditional; nothing else is written
 * unless it applied (`taken` = 1). Written with PostgreSQL's own `$n` (no `?` to convert).
 */
export function reservationWritesOnPostgres(w: ReservationWrites): Statement {
  const counters = [...w.counterDeltas].map(([key, units]) => {
    const bar = key.indexOf('|');
    return { kind: key.slice(0, bar), key: key.slice(bar + 1), units };
  });
  return stmt(
    `WITH c AS (
       UPDATE campaigns SET sold_count = sold_count + $3::integer
        WHERE merchant_id = $1 AND id = $2 AND (total_stock IS NULL OR sold_count + $3::integer <= total_stock)
       RETURNING 1
     ),
     b AS (
       INSERT INTO buyer_counters (merchant_id, campaign_id, buyer_kind, buyer_key, units)
       SELECT $1, $2, j.kind, j.key, j.units FROM c, json_to_recordset($4::json) AS j(kind text, key text, units integer)
       ON CONFLICT (merchant_id, campaign_id, buyer_kind, buyer_key) DO UPDATE SET units = buyer_counters.units + excluded.units
     ),
     o AS (
       INSERT INTO orders (merchant_id, id, campaign_id, channel, external_order_id, buyer_phone, buyer_handle, member_id,
                           quantity, unit_price_fen, state, expires_at, paid_at, refunded_at, created_at, updated_at)
       SELECT $1, j.id, $2, j.channel, NULL, j.phone, j.handle, NULL, j.quantity, $6::integer, 'reserved',
              $7::timestamptz, NULL, NULL, $8::timestamptz, $8::timestamptz
         FROM c, json_to_recordset($5::json) AS j(id text, channel text, phone text, handle text, quantity integer)
     )
     SELECT count(*) AS taken FROM c`,
    [w.merchantId, w.campaignId, w.units, JSON.stringify(counters), JSON.stringify(w.orders), w.priceFen, w.expiresAt, w.nowIso],
  );
}
