import type { DbKind } from '../../db/db-kind';
import { allocateUnits, whyNotOnSale, type BuyerKey, type SaleState, type UnitRequest } from '../../use-cases/sales/allocate-units';
import { failure, type AppFailure } from '../../use-cases/outcome';
import { readBuyerCounters, readSaleState, takeUnits } from './sale-state-statements';
import { reservationWritesOnPostgres } from './reserve-writes-postgres';
import { instantParam, int, jsonRows, one, stmt, type SqlScript } from './sql-script';

export interface ReservationJob extends UnitRequest {
  orderId: string;
  channel: string;
}

export interface Reservation {
  orderId: string;
  quantity: number;
  unitPriceFen: number;
  expiresAt: string;
}

export type ReservationOutcome = { ok: true; value: Reservation } | AppFailure;

/**
 * Reserves units for a batch of flash-sale orders of ONE campaign in one transaction: the campaign
 * row is locked first (all stock and counter changes of a campaign take that lock), requests are
 * granted in arrival order, then stock, buyer counters and orders are written (one statement on
 * PostgreSQL, three on SQLite).
 */
export function* reserveBatchScript(
  kind: DbKind,
  merchantId: string,
  campaignId: string,
  jobs: readonly ReservationJob[],
  now: Date,
): SqlScript<ReservationOutcome[]> {
  const sale = yield* readSaleState(kind, merchantId, campaignId);
  if (!sale) return jobs.map(() => failure('CAMPAIGN_NOT_FOUND', 'no such campaign'));
  const closed = whyNotOnSale(sale.state, now);
  if (closed) return jobs.map(() => closed);

  const counters = yield* readBuyerCounters(kind, merchantId, campaignId, jobs);
  const allocation = allocateUnits(sale.state, counters, jobs);
  const expiresAt = new Date(now.getTime() + sale.paymentWindowSeconds * 1000).toISOString();
  const granted = jobs.filter((_, i) => allocation.refusals[i] === null);
  if (granted.length > 0 && kind === 'postgres') {
    const written = one(
      yield reservationWritesOnPostgres({
        merchantId,
        campaignId,
        units: allocation.unitsGranted,
        counterDeltas: allocation.counterDeltas,
        orders: granted.map((j) => ({ id: j.orderId, channel: j.channel, phone: j.phone, handle: j.handleKey, quantity: j.quantity })),
        priceFen: sale.priceFen,
        nowIso: now.toISOString(),
        expiresAt,
      }),
    );
    if (int(written, 'taken') !== 1) throw new Error(`stock of campaign ${campaignId} changed under its lock`);
  } else if (granted.length > 0) {
    yield* takeUnits(kind, merchantId, campaignId, allocation.unitsGranted, allocation.counterDeltas);
    yield insertReservedOrders(kind, merchantId, campaignId, granted, sale.priceFen, now, expiresAt);
  }
  return jobs.map((job, i) => {
    const refusal = allocation.refusals[i];
    if (refusal) return refusal;
    return { ok: true, value: { orderId: job.orderId, quantity: job.quantity, unitPriceFen: sale.priceFen, expiresAt } };
  });
}

function insertReservedOrders(
  kind: DbKind,
  merchantId: string,
  campaignId: string,
  jobs: readonly ReservationJob[],
  priceFen: number,
  now: Date,
  expiresAt: string,
) {
  const rows = jsonRows(kind, { id: 'text', channel: 'text', phone: 'text', handle: 'text', quantity: 'integer' });
  const at = instantParam(kind);
  const nowIso = now.toISOString();
  return stmt(
    `INSERT INTO orders (merchant_id, id, campaign_id, channel, external_order_id, buyer_phone, buyer_handle, member_id,
                         quantity, unit_price_fen, state, expires_at, paid_at, refunded_at, created_at, updated_at)
     SELECT CAST(? AS text), ${rows.col('id')}, CAST(? AS text), ${rows.col('channel')}, NULL, ${rows.col('phone')},
            ${rows.col('handle')}, NULL, ${rows.col('quantity')}, CAST(? AS integer), 'reserved', ${at}, NULL, NULL, ${at}, ${at}
       FROM ${rows.from}`,
    [
      merchantId,
      campaignId,
      priceFen,
      expiresAt,
      nowIso,
      nowIso,
      JSON.stringify(jobs.map((j) => ({ id: j.orderId, channel: j.channel, phone: j.phone, handle: j.handleKey, quantity: j.quantity }))),
    ],
  );
}

export type { BuyerKey, SaleState };
