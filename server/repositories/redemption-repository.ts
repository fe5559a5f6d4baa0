import { maskCode } from '../../core/voucher-code';
import type { RedemptionRecord } from '../../core/redemption-api';
import type { Db } from '../db/database';

export interface StoredRedemption {
  record: RedemptionRecord;
  /** Hash of what the first request asked for; a retry must match it. */
  fingerprint: string;
}

export async function findRedemption(
  db: Db,
  merchantId: string,
  redemptionId: string,
): Promise<StoredRedemption | undefined> {
  const row = await db.kysely
    .selectFrom('redemptions as r')
    .innerJoin('vouchers as v', (j) => j.onRef('v.merchant_id', '=', 'r.merchant_id').onRef('v.id', '=', 'r.voucher_id'))
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .select([
      'r.redemption_id',
      'r.voucher_id',
      'v.code',
      'c.title',
      'r.count',
      'r.remaining_after',
      'r.store_id',
      'r.terminal_id',
      'r.cashier_id',
      'r.device_time',
      'r.server_time',
      'r.mode',
      'r.outcome',
      'r.request_fingerprint',
    ])
    .where('r.merchant_id', '=', merchantId)
    .where('r.redemption_id', '=', redemptionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    fingerprint: row.request_fingerprint,
    record: {
      redemptionId: row.redemption_id,
      voucherId: row.voucher_id,
      codeMasked: maskCode(row.code),
      campaignTitle: row.title,
      count: row.count,
      remaining: row.remaining_after,
      storeId: row.store_id,
      terminalId: row.terminal_id,
      cashierId: row.cashier_id,
      deviceTime: row.device_time,
      serverTime: row.server_time,
      mode: row.mode,
      outcome: row.outcome,
    },
  };
}
