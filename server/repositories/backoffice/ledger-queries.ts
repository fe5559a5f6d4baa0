import { sql, type SqlBool } from 'kysely';
import type { KeysetOrder, KeyValue } from '../../db/keyset-page';
import { afterKey } from '../../db/keyset-page';
import type { Db } from '../../db/database';
import type { RedemptionMode, RedemptionOutcome } from '../../db/schema';

/** The ledger's order: newest first; the redemption id makes it unique. */
export const LEDGER_ORDER: KeysetOrder = { columns: ['r.server_time', 'r.redemption_id'], direction: 'desc' };

export interface LedgerFilter {
  voucherId?: string;
  storeId?: string;
  terminalId?: string;
  cashierId?: string;
  campaignId?: string;
  /** Redemptions of the vouchers a member holds. */
  memberId?: string;
  mode?: RedemptionMode;
  outcome?: RedemptionOutcome;
  /** Inclusive lower and exclusive upper bound on the server time. */
  from?: string;
  to?: string;
  /** A manager's stores; null for all of the merchant's. */
  storeIds: readonly string[] | null;
  after: readonly KeyValue[] | null;
  limit: number;
}

/**
 * One page of the ledger plus one row (which only says there is another page). The page is cut
 * from `redemptions` alone, so both databases walk a (merchant, [store|terminal|cashier,] time, id)
 * index and stop after `limit + 1` rows; joining vouchers here made SQLite sort the whole ledger.
 * Vouchers and campaigns of the page are read afterwards by id.
 */
export async function ledgerRows(db: Db, merchantId: string, f: LedgerFilter) {
  let q = db.kysely
    .selectFrom('redemptions as r')
    .select([
      'r.redemption_id',
      'r.voucher_id',
      'r.count',
      'r.store_id',
      'r.terminal_id',
      'r.cashier_id',
      'r.device_time',
      'r.server_time',
      'r.mode',
      'r.outcome',
      'r.remaining_after',
      'r.clock_skew_ms',
    ])
    .where('r.merchant_id', '=', merchantId);
  if (f.voucherId !== undefined) q = q.where('r.voucher_id', '=', f.voucherId);
  if (f.storeId !== undefined) q = q.where('r.store_id', '=', f.storeId);
  if (f.terminalId !== undefined) q = q.where('r.terminal_id', '=', f.terminalId);
  if (f.cashierId !== undefined) q = q.where('r.cashier_id', '=', f.cashierId);
  if (f.campaignId !== undefined) {
    const campaignId = f.campaignId;
    const voucherRef = (await walkTimeForCampaign(db, merchantId, campaignId)) ? sql<string>`+${sql.ref('r.voucher_id')}` : sql.ref('r.voucher_id');
    q = q.where((eb) => eb(voucherRef, 'in', eb.selectFrom('vouchers').select('id').where('merchant_id', '=', merchantId).where('campaign_id', '=', campaignId)));
  }
  if (f.memberId !== undefined) {
    const memberId = f.memberId;
    q = q.where('r.voucher_id', 'in', (eb) => eb.selectFrom('vouchers').select('id').where('merchant_id', '=', merchantId).where('member_id', '=', memberId));
  }
  if (f.mode !== undefined) q = q.where('r.mode', '=', f.mode);
  if (f.outcome !== undefined) q = q.where('r.outcome', '=', f.outcome);
  if (f.from !== undefined) q = q.where('r.server_time', '>=', f.from);
  if (f.to !== undefined) q = q.where('r.server_time', '<', f.to);
  if (f.storeIds !== null) q = f.storeIds.length > 0 ? q.where('r.store_id', 'in', f.storeIds) : q.where(sql<SqlBool>`1 = 0`);
  if (f.after !== null) q = q.where(afterKey(LEDGER_ORDER, f.after));
  const rows = await q.orderBy('r.server_time', 'desc').orderBy('r.redemption_id', 'desc').limit(f.limit + 1).execute();
  const vouchers = await vouchersOfPage(db, merchantId, rows.map((r) => r.voucher_id));
  return rows.flatMap((r) => {
    const v = vouchers.get(r.voucher_id);
    return v ? [{ ...r, code: v.code, campaign_id: v.campaign_id, title: v.title, face_value_fen: v.face_value_fen }] : [];
  });
}

/** Above this many vouchers, a campaign's redemptions are found by walking the ledger in time order. */
const CAMPAIGN_WALK_VOUCHERS = 1000;

/**
 * SQLite drives a campaign filter from the voucher index and then sorts every redemption of the
 * campaign — seconds for one holding most of a million-row ledger. For a campaign with many
 * vouchers, `+voucher_id` (SQLite's way to set an index aside) makes it walk the time index and stop
 * after one page; a small campaign keeps the voucher-driven plan. PostgreSQL plans this well itself.
 */
async function walkTimeForCampaign(db: Db, merchantId: string, campaignId: string): Promise<boolean> {
  if (db.kind !== 'sqlite') return false;
  const found = await db.kysely
    .selectFrom('vouchers')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('campaign_id', '=', campaignId)
    .limit(1)
    .offset(CAMPAIGN_WALK_VOUCHERS)
    .executeTakeFirst();
  return found !== undefined;
}

async function vouchersOfPage(db: Db, merchantId: string, voucherIds: readonly string[]) {
  const ids = [...new Set(voucherIds)];
  if (ids.length === 0) return new Map<string, never>();
  const rows = await db.kysely
    .selectFrom('vouchers as v')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .select(['v.id', 'v.code', 'v.campaign_id', 'c.title', 'c.face_value_fen'])
    .where('v.merchant_id', '=', merchantId)
    .where('v.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];

/** The reversals of these redemptions (at most one each). */
export function reversalsOf(db: Db, merchantId: string, redemptionIds: readonly string[]) {
  if (redemptionIds.length === 0) return Promise.resolve([]);
  return db.kysely
    .selectFrom('redemption_reversals')
    .select(['reversal_id', 'redemption_id', 'uses_freed', 'store_id', 'terminal_id', 'manager_id', 'approved_at', 'reason', 'server_time'])
    .where('merchant_id', '=', merchantId)
    .where('redemption_id', 'in', redemptionIds)
    .execute();
}

export type ReversalRow = Awaited<ReturnType<typeof reversalsOf>>[number];
