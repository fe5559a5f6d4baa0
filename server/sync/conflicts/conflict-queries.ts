import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { ok } from '../../../core/result';
import { maskCode } from '../../../core/voucher-code';
import type { Db } from '../../db/database';
import { afterKey, toPage, type KeysetOrder, type Page } from '../../db/keyset-page';
import type { ConflictDecision } from '../../db/schema';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { loadNames, type Named } from '../../repositories/backoffice/name-lookup';
import { visibleStoreIds } from '../../repositories/backoffice/store-scope';
import { InstantParam, PageQuery, startAfter } from '../../use-cases/backoffice/page-query';
import type { Outcome } from '../../use-cases/outcome';

const Id = z.string().trim().min(1).max(64);

export const ConflictListQuery = z.strictObject({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  storeId: Id.optional(),
  campaignId: Id.optional(),
  from: InstantParam.optional(),
  to: InstantParam.optional(),
  ...PageQuery,
});
export type ConflictListQuery = z.infer<typeof ConflictListQuery>;

/** Newest offline redemption first; the redemption id makes the order unique. */
export const CONFLICT_ORDER: KeysetOrder = { columns: ['rc.server_time', 'rc.redemption_id'], direction: 'desc' };

/** One conflict for review: the offline redemption that went over a limit, and who spent the voucher first. */
export interface ConflictView {
  redemptionId: string;
  voucherId: string;
  codeMasked: string;
  campaign: { id: string; title: string };
  count: number;
  /** The rule that was exceeded, as the stable code the row holds (e.g. VOUCHER_EXHAUSTED, OFFLINE_CAP_REACHED). */
  reason: string;
  basis: string;
  leaseId: string | null;
  offline: { storeId: string; storeName: string | null; terminalId: string; terminalName: string | null; cashier: Named | null; seq: number; deviceTime: string; serverTime: string; clockSkewMs: number | null };
  first: { kind: string; ref: string | null; storeId: string | null; storeName: string | null; terminalId: string | null; terminalName: string | null; cashier: Named | null; at: string | null };
  status: 'open' | 'resolved';
  decision: ConflictDecision | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
}

function conflictRows(db: Db, merchantId: string, query: ConflictListQuery, storeIds: readonly string[] | null, after: readonly (string | number)[] | null) {
  let select = db.kysely
    .selectFrom('redemption_conflicts as rc')
    .innerJoin('redemptions as r', (j) => j.onRef('r.merchant_id', '=', 'rc.merchant_id').onRef('r.redemption_id', '=', 'rc.redemption_id'))
    .innerJoin('vouchers as v', (j) => j.onRef('v.merchant_id', '=', 'rc.merchant_id').onRef('v.id', '=', 'rc.voucher_id'))
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    // When a redemption spent the voucher first, it names that side's cashier.
    .leftJoin('redemptions as fr', (j) => j.onRef('fr.merchant_id', '=', 'rc.merchant_id').onRef('fr.redemption_id', '=', 'rc.first_ref'))
    .selectAll('rc')
    .select(['v.code', 'v.campaign_id', 'c.title', 'r.clock_skew_ms', 'r.cashier_id', 'fr.cashier_id as first_cashier_id'])
    .where('rc.merchant_id', '=', merchantId);
  if (query.status !== 'all') select = select.where('rc.status', '=', query.status);
  if (query.storeId !== undefined) select = select.where('rc.store_id', '=', query.storeId);
  if (query.campaignId !== undefined) select = select.where('v.campaign_id', '=', query.campaignId);
  if (query.from !== undefined) select = select.where('rc.server_time', '>=', query.from);
  if (query.to !== undefined) select = select.where('rc.server_time', '<', query.to);
  if (storeIds !== null) select = storeIds.length > 0 ? select.where('rc.store_id', 'in', storeIds) : select.where(sql<SqlBool>`1 = 0`);
  if (after !== null) select = select.where(afterKey(CONFLICT_ORDER, after));
  return select.orderBy('rc.server_time', 'desc').orderBy('rc.redemption_id', 'desc').limit(query.limit + 1).execute();
}

/** The review queue, filtered and keyset-paged; a manager sees the conflicts of their stores. */
export async function listConflicts(db: Db, session: MerchantSession, query: ConflictListQuery): Promise<Outcome<Page<ConflictView>>> {
  const after = startAfter(query.cursor, CONFLICT_ORDER);
  if (!after.ok) return after;
  const merchantId = session.merchant.id;
  const rows = await conflictRows(db, merchantId, query, await visibleStoreIds(db, session), after.value);
  const shown = rows.slice(0, query.limit);
  const names = await loadNames(db, merchantId, {
    stores: shown.flatMap((r) => [r.store_id, r.first_store_id]),
    terminals: shown.flatMap((r) => [r.terminal_id, r.first_terminal_id]),
    people: shown.flatMap((r) => [r.cashier_id, r.first_cashier_id]),
  });
  return ok(
    toPage(rows, query.limit, (r) => [r.server_time, r.redemption_id], (row): ConflictView => ({
      redemptionId: row.redemption_id,
      voucherId: row.voucher_id,
      codeMasked: maskCode(row.code),
      campaign: { id: row.campaign_id, title: row.title },
      count: row.count,
      reason: row.reason,
      basis: row.basis,
      leaseId: row.lease_id,
      offline: {
        storeId: row.store_id,
        storeName: names.store(row.store_id).name,
        terminalId: row.terminal_id,
        terminalName: names.terminal(row.terminal_id).name,
        cashier: names.person(row.cashier_id),
        seq: Number(row.seq),
        deviceTime: row.device_time,
        serverTime: row.server_time,
        clockSkewMs: row.clock_skew_ms === null ? null : Number(row.clock_skew_ms),
      },
      first: {
        kind: row.first_kind,
        ref: row.first_ref,
        storeId: row.first_store_id,
        storeName: row.first_store_id === null ? null : names.store(row.first_store_id).name,
        terminalId: row.first_terminal_id,
        terminalName: row.first_terminal_id === null ? null : names.terminal(row.first_terminal_id).name,
        cashier: names.person(row.first_cashier_id),
        at: row.first_at,
      },
      status: row.status,
      decision: row.decision,
      resolvedAt: row.resolved_at,
      resolvedBy: row.resolved_by,
      note: row.note,
    })),
  );
}
