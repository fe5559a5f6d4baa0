import { z } from 'zod';
import { LocalDate } from '../../../core/campaign-rules';
import { ok } from '../../../core/result';
import { addDays, endOfLocalDay, localDateTime, startOfLocalDay } from '../../../core/time-zone';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { ledgerCells, ledgerNames, type LedgerCell, type LedgerScope } from '../../repositories/backoffice/settlement-ledger';
import type { Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { invalidFields } from './field-errors';

export const MAX_STATEMENT_DAYS = 92;
export const MAX_EXPORT_DAYS = 366;

export const DateRangeQuery = z.strictObject({
  from: LocalDate,
  to: LocalDate,
  campaignId: z.uuid('not a campaign id').optional(),
  storeId: z.uuid('not a store id').optional(),
});
export type DateRangeQuery = z.infer<typeof DateRangeQuery>;

/** The range as instants in the merchant's zone, or the field that is wrong. */
export function ledgerScope(session: MerchantSession, q: DateRangeQuery, maxDays: number): Outcome<LedgerScope> {
  const tz = session.merchant.timeZone;
  if (q.to < q.from) return invalidFields([{ field: 'to', message: 'must not be before from' }]);
  if (addDays(q.from, maxDays - 1) < q.to) return invalidFields([{ field: 'to', message: `at most ${maxDays} days from from` }]);
  return ok({ merchantId: session.merchant.id, from: startOfLocalDay(q.from, tz).toISOString(), until: endOfLocalDay(q.to, tz).toISOString(), campaignId: q.campaignId ?? null });
}

/** Maps a `YYYY-MM-DDTHH` UTC hour to its local date, remembering each hour it has seen. */
export function localDateOfHour(timeZone: string): (utcHour: string) => string {
  const seen = new Map<string, string>();
  return (utcHour) => {
    let date = seen.get(utcHour);
    if (date === undefined) {
      date = localDateTime(new Date(`${utcHour}:00:00.000Z`), timeZone).date;
      seen.set(utcHour, date);
    }
    return date;
  };
}

export interface StatementFigures {
  soldUnits: number;
  soldFen: number;
  refundedUnits: number;
  refundedFen: number;
  groupPriceAdjustmentFen: number;
  redeemedUses: number;
  redeemedFaceValueFen: number;
  netFen: number;
}

const zero = (): StatementFigures => ({
  soldUnits: 0,
  soldFen: 0,
  refundedUnits: 0,
  refundedFen: 0,
  groupPriceAdjustmentFen: 0,
  redeemedUses: 0,
  redeemedFaceValueFen: 0,
  netFen: 0,
});

function addCell(f: StatementFigures, cell: LedgerCell, faceValueFen: number): void {
  if (cell.type === 'sale') {
    f.soldUnits += cell.units;
    f.soldFen += cell.amountFen;
  } else if (cell.type === 'refund') {
    f.refundedUnits += cell.units;
    f.refundedFen -= cell.amountFen;
  } else if (cell.type === 'group_price_refund') {
    f.groupPriceAdjustmentFen -= cell.amountFen;
  } else {
    f.redeemedUses += cell.units;
    f.redeemedFaceValueFen += cell.units * faceValueFen;
  }
  f.netFen = f.soldFen - f.refundedFen - f.groupPriceAdjustmentFen;
}

/**
 * Daily statement: one row per local date, campaign and store with any movement. Online sales,
 * refunds and group-price adjustments belong to no store (storeId null); redemptions to their store.
 * Every figure is a sum of the ledger rows the CSV export lists.
 */
export async function dailyStatement(deps: BackofficeDeps, session: MerchantSession, q: DateRangeQuery) {
  const scope = ledgerScope(session, q, MAX_STATEMENT_DAYS);
  if (!scope.ok) return scope;
  const dateOf = localDateOfHour(session.merchant.timeZone);
  const cells = (await ledgerCells(deps.db, scope.value)).filter((c) => !q.storeId || c.storeId === q.storeId);
  const names = await ledgerNames(deps.db, session.merchant.id);
  const rows = new Map<string, { date: string; campaignId: string; storeId: string | null } & StatementFigures>();
  const totals = zero();
  for (const cell of cells) {
    const date = dateOf(cell.utcHour);
    const key = `${date}|${cell.campaignId}|${cell.storeId ?? ''}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { date, campaignId: cell.campaignId, storeId: cell.storeId, ...zero() }));
    const face = names.campaigns.get(cell.campaignId)?.faceValueFen ?? 0;
    addCell(row, cell, face);
    addCell(totals, cell, face);
  }
  const items = [...rows.values()]
    .sort((a, b) => a.date.localeCompare(b.date) || a.campaignId.localeCompare(b.campaignId) || (a.storeId ?? '').localeCompare(b.storeId ?? ''))
    .map((r) => ({ ...r, title: names.campaigns.get(r.campaignId)?.title ?? null, storeName: r.storeId ? (names.stores.get(r.storeId) ?? null) : null }));
  return ok({ from: q.from, to: q.to, timeZone: session.merchant.timeZone, items, totals });
}

