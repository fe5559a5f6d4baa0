import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../server/db/database';
import type { RedemptionOutcome } from '../../../../server/db/schema';
import { newId } from '../../../../server/security/ids';

/** A ledger row written as the counter would, at a chosen device time (the vouchers are not touched). */
export async function insertRedemption(
  db: Db,
  r: { merchantId: string; voucherId: string; storeId: string; terminalId: string; at: string; count?: number; outcome?: RedemptionOutcome },
): Promise<string> {
  const id = randomUUID();
  await db.kysely
    .insertInto('redemptions')
    .values({
      merchant_id: r.merchantId,
      redemption_id: id,
      voucher_id: r.voucherId,
      count: r.count ?? 1,
      store_id: r.storeId,
      terminal_id: r.terminalId,
      cashier_id: null,
      device_time: r.at,
      server_time: r.at,
      mode: 'online',
      outcome: r.outcome ?? 'accepted',
      remaining_after: 0,
      request_fingerprint: 'test',
    })
    .execute();
  return id;
}

export interface SaleRow {
  merchantId: string;
  storeId: string;
  terminalId: string;
  at: string;
  grossFen: number;
  totalFen: number;
  tenders: { kind: 'cash' | 'wechat' | 'alipay' | 'card'; amountFen: number }[];
  outcome?: 'accepted' | 'conflict';
}

/** A counter sale with its tenders. */
export async function insertSale(db: Db, s: SaleRow): Promise<string> {
  const id = newId();
  await db.kysely
    .insertInto('sales')
    .values({
      merchant_id: s.merchantId,
      id,
      store_id: s.storeId,
      terminal_id: s.terminalId,
      shift_id: null,
      cashier_id: null,
      member_id: null,
      order_type: 'dine_in',
      table_no: null,
      note: null,
      gross_fen: s.grossFen,
      line_discount_fen: s.grossFen - s.totalFen,
      order_discount_fen: 0,
      total_fen: s.totalFen,
      change_fen: 0,
      points_earned: 0,
      discount_approved_by: null,
      outcome: s.outcome ?? 'accepted',
      device_time: s.at,
      server_time: s.at,
    })
    .execute();
  for (const [i, t] of s.tenders.entries()) {
    await db.kysely
      .insertInto('sale_payments')
      .values({
        merchant_id: s.merchantId,
        sale_id: id,
        tender_id: `t${i}`,
        kind: t.kind,
        amount_fen: t.amountFen,
        received_fen: null,
        reference: null,
        redemption_id: null,
        campaign_id: null,
        points: null,
      })
      .execute();
  }
  return id;
}

/** A counter refund of part of a sale. */
export async function insertSaleRefund(db: Db, r: { merchantId: string; saleId: string; storeId: string; terminalId: string; at: string; amountFen: number }) {
  await db.kysely
    .insertInto('sale_refunds')
    .values({
      merchant_id: r.merchantId,
      id: newId(),
      sale_id: r.saleId,
      store_id: r.storeId,
      terminal_id: r.terminalId,
      shift_id: null,
      amount_fen: r.amountFen,
      points_reversed: 0,
      whole: 0,
      reason: 'test',
      approved_by: 'm1',
      device_time: r.at,
      server_time: r.at,
    })
    .execute();
}
