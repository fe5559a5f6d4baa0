import { z } from 'zod';
import { ok } from '../../../core/result';
import { toPage, type Page } from '../../db/keyset-page';
import { LEDGER_ORDER, ledgerRows } from '../../repositories/backoffice/ledger-queries';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { MEMBER_POINTS_ORDER, MEMBER_SALES_ORDER, memberById, memberPointRows, memberSaleRows } from '../../repositories/backoffice/member-queries';
import { loadNames, type Named } from '../../repositories/backoffice/name-lookup';
import { visibleStoreIds } from '../../repositories/backoffice/store-scope';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { ledgerPage, type LedgerEntry } from './ledger-views';
import { MEMBER_NOT_FOUND } from './member-directory';
import { PageQuery, startAfter } from './page-query';

export const ActivityQuery = z.strictObject(PageQuery);
type ActivityQuery = z.infer<typeof ActivityQuery>;

export interface MemberSale {
  saleId: string;
  store: Named;
  terminal: Named;
  cashier: Named | null;
  totalFen: number;
  pointsEarned: number;
  outcome: string;
  deviceTime: string;
  serverTime: string;
}

export interface MemberPointsEntry {
  id: string;
  delta: number;
  reason: string;
  saleId: string | null;
  refundId: string | null;
  store: Named;
  at: string;
}

/** The member (of this merchant) and the stores the caller sees, or MEMBER_NOT_FOUND. */
async function scope(deps: BackofficeDeps, session: MerchantSession, memberId: string): Promise<Outcome<readonly string[] | null>> {
  if (!(await memberById(deps.db, session.merchant.id, memberId))) return failure('MEMBER_NOT_FOUND', MEMBER_NOT_FOUND);
  return ok(await visibleStoreIds(deps.db, session));
}

export async function memberSales(deps: BackofficeDeps, session: MerchantSession, memberId: string, query: ActivityQuery): Promise<Outcome<Page<MemberSale>>> {
  const after = startAfter(query.cursor, MEMBER_SALES_ORDER);
  if (!after.ok) return after;
  const stores = await scope(deps, session, memberId);
  if (!stores.ok) return stores;
  const merchantId = session.merchant.id;
  const rows = await memberSaleRows(deps.db, merchantId, memberId, stores.value, after.value, query.limit);
  const shown = rows.slice(0, query.limit);
  const names = await loadNames(deps.db, merchantId, { stores: shown.map((r) => r.store_id), terminals: shown.map((r) => r.terminal_id), people: shown.map((r) => r.cashier_id) });
  return ok(
    toPage(rows, query.limit, (r) => [r.server_time, r.id], (r) => ({
      saleId: r.id,
      store: names.store(r.store_id),
      terminal: names.terminal(r.terminal_id),
      cashier: names.person(r.cashier_id),
      totalFen: Number(r.total_fen),
      pointsEarned: Number(r.points_earned),
      outcome: r.outcome,
      deviceTime: r.device_time,
      serverTime: r.server_time,
    })),
  );
}

export async function memberRedemptions(deps: BackofficeDeps, session: MerchantSession, memberId: string, query: ActivityQuery): Promise<Outcome<Page<LedgerEntry>>> {
  const after = startAfter(query.cursor, LEDGER_ORDER);
  if (!after.ok) return after;
  const stores = await scope(deps, session, memberId);
  if (!stores.ok) return stores;
  const rows = await ledgerRows(deps.db, session.merchant.id, { memberId, storeIds: stores.value, after: after.value, limit: query.limit });
  return ok(await ledgerPage(deps.db, session.merchant.id, rows, query.limit));
}

export async function memberPoints(deps: BackofficeDeps, session: MerchantSession, memberId: string, query: ActivityQuery): Promise<Outcome<Page<MemberPointsEntry>>> {
  const after = startAfter(query.cursor, MEMBER_POINTS_ORDER);
  if (!after.ok) return after;
  const stores = await scope(deps, session, memberId);
  if (!stores.ok) return stores;
  const merchantId = session.merchant.id;
  const rows = await memberPointRows(deps.db, merchantId, memberId, stores.value, after.value, query.limit);
  const names = await loadNames(deps.db, merchantId, { stores: rows.slice(0, query.limit).map((r) => r.store_id) });
  return ok(
    toPage(rows, query.limit, (r) => [r.at, r.id], (r) => ({
      id: r.id,
      delta: Number(r.delta),
      reason: r.reason,
      saleId: r.sale_id,
      refundId: r.refund_id,
      store: names.store(r.store_id),
      at: r.at,
    })),
  );
}
