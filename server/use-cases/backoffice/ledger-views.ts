import { maskCode } from '../../../core/voucher-code';
import type { Db } from '../../db/database';
import { toPage, type Page } from '../../db/keyset-page';
import { reversalsOf, type LedgerRow } from '../../repositories/backoffice/ledger-queries';
import { loadNames, type Named } from '../../repositories/backoffice/name-lookup';

/** One row of the redemption ledger as the back office shows it. */
export interface LedgerEntry {
  redemptionId: string;
  count: number;
  mode: string;
  outcome: string;
  remainingAfter: number;
  voucher: { id: string; codeMasked: string };
  campaign: { id: string; title: string; faceValueFen: number };
  /** Per-use face value × count. */
  faceValueFen: number;
  store: Named;
  terminal: Named;
  cashier: Named | null;
  deviceTime: string;
  serverTime: string;
  clockSkewMs: number | null;
  reversal: {
    reversalId: string;
    at: string;
    approvedAt: string;
    usesFreed: number;
    reason: string;
    manager: Named | null;
  } | null;
}

/** A fetched page (limit + 1 rows) → the answer, with names and reversals in a few batched queries. */
export async function ledgerPage(db: Db, merchantId: string, rows: readonly LedgerRow[], limit: number): Promise<Page<LedgerEntry>> {
  const shown = rows.slice(0, limit);
  const reversals = new Map((await reversalsOf(db, merchantId, shown.map((r) => r.redemption_id))).map((r) => [r.redemption_id, r]));
  const names = await loadNames(db, merchantId, {
    stores: shown.map((r) => r.store_id),
    terminals: shown.map((r) => r.terminal_id),
    people: [...shown.map((r) => r.cashier_id), ...[...reversals.values()].map((r) => r.manager_id)],
  });
  return toPage(
    rows,
    limit,
    (r) => [r.server_time, r.redemption_id],
    (r): LedgerEntry => {
      const reversal = reversals.get(r.redemption_id);
      const faceValue = Number(r.face_value_fen);
      return {
        redemptionId: r.redemption_id,
        count: r.count,
        mode: r.mode,
        outcome: r.outcome,
        remainingAfter: r.remaining_after,
        voucher: { id: r.voucher_id, codeMasked: maskCode(r.code) },
        campaign: { id: r.campaign_id, title: r.title, faceValueFen: faceValue },
        faceValueFen: faceValue * r.count,
        store: names.store(r.store_id),
        terminal: names.terminal(r.terminal_id),
        cashier: names.person(r.cashier_id),
        deviceTime: r.device_time,
        serverTime: r.server_time,
        clockSkewMs: r.clock_skew_ms === null ? null : Number(r.clock_skew_ms),
        reversal: reversal
          ? {
              reversalId: reversal.reversal_id,
              at: reversal.server_time,
              approvedAt: reversal.approved_at,
              usesFreed: reversal.uses_freed,
              reason: reversal.reason,
              manager: names.person(reversal.manager_id),
            }
          : null,
      };
    },
  );
}
