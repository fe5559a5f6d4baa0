import { z } from 'zod';
import { maskCode } from '../../../core/voucher-code';
import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { failure, type Outcome } from '../../use-cases/outcome';

export const ConflictListQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  storeId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The last `redemptionId` of the previous page (newest first). */
  before: z.string().max(64).optional(),
});
export type ConflictListQuery = z.infer<typeof ConflictListQuery>;

/** One double spend for review: the offline redemption that lost, and who spent the voucher first. */
export interface ConflictView {
  redemptionId: string;
  voucherId: string;
  codeMasked: string;
  campaignTitle: string;
  count: number;
  reason: string;
  basis: string;
  leaseId: string | null;
  offline: { storeId: string; terminalId: string; seq: number; deviceTime: string; serverTime: string; clockSkewMs: number | null };
  first: { kind: string; ref: string | null; storeId: string | null; terminalId: string | null; at: string | null };
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
}

export async function listConflicts(db: Db, merchantId: string, query: ConflictListQuery): Promise<ConflictView[]> {
  let select = db.kysely
    .selectFrom('redemption_conflicts as rc')
    .innerJoin('redemptions as r', (j) => j.onRef('r.merchant_id', '=', 'rc.merchant_id').onRef('r.redemption_id', '=', 'rc.redemption_id'))
    .innerJoin('vouchers as v', (j) => j.onRef('v.merchant_id', '=', 'rc.merchant_id').onRef('v.id', '=', 'rc.voucher_id'))
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .selectAll('rc')
    .select(['v.code', 'c.title', 'r.clock_skew_ms'])
    .where('rc.merchant_id', '=', merchantId)
    .orderBy('rc.server_time', 'desc')
    .orderBy('rc.redemption_id', 'desc')
    .limit(query.limit);
  if (query.status !== 'all') select = select.where('rc.status', '=', query.status);
  if (query.storeId) select = select.where('rc.store_id', '=', query.storeId);
  if (query.before) select = select.where('rc.redemption_id', '<', query.before);
  const rows = await select.execute();
  return rows.map((row) => ({
    redemptionId: row.redemption_id,
    voucherId: row.voucher_id,
    codeMasked: maskCode(row.code),
    campaignTitle: row.title,
    count: row.count,
    reason: row.reason,
    basis: row.basis,
    leaseId: row.lease_id,
    offline: {
      storeId: row.store_id,
      terminalId: row.terminal_id,
      seq: Number(row.seq),
      deviceTime: row.device_time,
      serverTime: row.server_time,
      clockSkewMs: row.clock_skew_ms === null ? null : Number(row.clock_skew_ms),
    },
    first: { kind: row.first_kind, ref: row.first_ref, storeId: row.first_store_id, terminalId: row.first_terminal_id, at: row.first_at },
    status: row.status,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    note: row.note,
  }));
}

export const ResolveConflictRequest = z.object({ note: z.string().trim().min(1).max(500) });

/** Marks a conflict reviewed; the ledger keeps both redemptions as they were. */
export async function resolveConflict(db: Db, session: MerchantSession, redemptionId: string, note: string, now: Date): Promise<Outcome<{ redemptionId: string; status: 'resolved' }>> {
  const result = await db.kysely
    .updateTable('redemption_conflicts')
    .set({ status: 'resolved', resolved_at: now.toISOString(), resolved_by: `user:${session.user.id}`, note })
    .where('merchant_id', '=', session.merchant.id)
    .where('redemption_id', '=', redemptionId.toLowerCase())
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return failure('REDEMPTION_NOT_FOUND', 'no open conflict for this redemption');
  return ok({ redemptionId: redemptionId.toLowerCase(), status: 'resolved' });
}
