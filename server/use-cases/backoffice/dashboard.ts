import { z } from 'zod';
import { LocalDate } from '../../../core/campaign-rules';
import { ok } from '../../../core/result';
import { endOfLocalDay, localDateTime, startOfLocalDay } from '../../../core/time-zone';
import type { Db } from '../../db/database';
import {
  counterRefunds,
  counterSalesByStore,
  counterTenders,
  redemptionCells,
  reversalTotals,
  type DayScope,
  type RedemptionCell,
} from '../../repositories/backoffice/dashboard-queries';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { failure } from '../outcome';
import type { BackofficeDeps } from './deps';

export const DashboardQuery = z.strictObject({ date: LocalDate.optional(), storeId: z.uuid('not a store id').optional() });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

interface Figures {
  count: number;
  uses: number;
  faceValueFen: number;
}

function add(into: Figures, cell: RedemptionCell): void {
  into.count += cell.count;
  into.uses += cell.uses;
  into.faceValueFen += cell.faceValueFen;
}

const zero = (): Figures => ({ count: 0, uses: 0, faceValueFen: 0 });

/** The merchant's stores by id (one when asked for one), or null when that one is not theirs. */
async function storesOf(db: Db, merchantId: string, storeId: string | null): Promise<Map<string, string> | null> {
  let query = db.kysely.selectFrom('stores').select(['id', 'name']).where('merchant_id', '=', merchantId);
  if (storeId) query = query.where('id', '=', storeId);
  const rows = await query.orderBy('name').orderBy('id').execute();
  if (storeId && rows.length === 0) return null;
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * A business day (merchant zone) of one merchant, or one of its stores: counter sales and refunds,
 * and redemptions by store, campaign and local hour. Days are read through the day indexes of
 * migration 014, so a day costs its own rows whatever the ledger holds.
 */
export async function dashboard(deps: BackofficeDeps, session: MerchantSession, query: DashboardQuery) {
  const { timeZone } = session.merchant;
  const merchantId = session.merchant.id;
  const date = query.date ?? localDateTime(deps.now(), timeZone).date;
  const stores = await storesOf(deps.db, merchantId, query.storeId ?? null);
  if (!stores) return failure('NOT_FOUND', 'no such store');
  const scope: DayScope = {
    merchantId,
    from: startOfLocalDay(date, timeZone).toISOString(),
    until: endOfLocalDay(date, timeZone).toISOString(),
    storeId: query.storeId ?? null,
  };
  const [cells, reversals, salesByStore, tenders, refunds] = await Promise.all([
    redemptionCells(deps.db, scope),
    reversalTotals(deps.db, scope),
    counterSalesByStore(deps.db, scope),
    counterTenders(deps.db, scope),
    counterRefunds(deps.db, scope),
  ]);
  return ok({
    date,
    timeZone,
    from: scope.from,
    until: scope.until,
    storeIds: [...stores.keys()],
    counter: counterFigures(salesByStore, tenders, refunds, stores),
    redemptions: await redemptionFigures(deps.db, merchantId, cells, stores, timeZone, reversals),
  });
}

function counterFigures(
  byStore: Awaited<ReturnType<typeof counterSalesByStore>>,
  byTender: Awaited<ReturnType<typeof counterTenders>>,
  refunds: { count: number; amountFen: number },
  stores: Map<string, string>,
) {
  const sales = byStore.reduce((s, r) => s + r.sales, 0);
  const grossFen = byStore.reduce((s, r) => s + r.grossFen, 0);
  const totalFen = byStore.reduce((s, r) => s + r.totalFen, 0);
  return {
    sales,
    grossFen,
    totalFen,
    refunds: refunds.count,
    refundedFen: refunds.amountFen,
    netFen: totalFen - refunds.amountFen,
    byTender,
    byStore: byStore.map((r) => ({ ...r, name: stores.get(r.storeId) ?? null })),
  };
}

async function redemptionFigures(
  db: Db,
  merchantId: string,
  cells: RedemptionCell[],
  stores: Map<string, string>,
  timeZone: string,
  reversals: { count: number; uses: number },
) {
  const totals = zero();
  const byStore = new Map<string, Figures>();
  const byCampaign = new Map<string, Figures>();
  const byHour = Array.from({ length: 24 }, zero);
  for (const cell of cells) {
    add(totals, cell);
    add(byStore.get(cell.storeId) ?? byStore.set(cell.storeId, zero()).get(cell.storeId)!, cell);
    add(byCampaign.get(cell.campaignId) ?? byCampaign.set(cell.campaignId, zero()).get(cell.campaignId)!, cell);
    add(byHour[localDateTime(new Date(`${cell.utcHour}:00:00.000Z`), timeZone).hour]!, cell);
  }
  const titles = byCampaign.size
    ? await db.kysely.selectFrom('campaigns').select(['id', 'title']).where('merchant_id', '=', merchantId).where('id', 'in', [...byCampaign.keys()]).execute()
    : [];
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  const order = (a: Figures, b: Figures) => b.uses - a.uses;
  return {
    ...totals,
    reversals,
    byStore: [...byStore].sort((a, b) => order(a[1], b[1])).map(([storeId, f]) => ({ storeId, name: stores.get(storeId) ?? null, ...f })),
    byCampaign: [...byCampaign].sort((a, b) => order(a[1], b[1])).map(([campaignId, f]) => ({ campaignId, title: titleOf.get(campaignId) ?? null, ...f })),
    byHour: byHour.map((f, hour) => ({ hour, ...f })),
  };
}

export type DashboardAnswer = Extract<Awaited<ReturnType<typeof dashboard>>, { ok: true }>['value'];
