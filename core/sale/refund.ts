import type { Fen } from '../money';
import { fail, ok, type Result } from '../result';
import type { AppliedTender, TenderKind } from './tender';

export interface SoldLine {
  lineId: string;
  qty: number;
  /** The line's share of the sale total (after line and order discounts). */
  netFen: Fen;
  voucherRedemptionId: string | null;
}

export interface SoldSale {
  totalFen: Fen;
  lines: readonly SoldLine[];
  tenders: readonly AppliedTender[];
  pointsEarned: number;
}

/** What earlier refunds of the sale already returned. */
export interface RefundedSoFar {
  lines: readonly { lineId: string; qty: number; amountFen: Fen }[];
  tenders: readonly { tenderId: string; amountFen: Fen; points: number }[];
  pointsReversed: number;
}

export type RefundRequest = { whole: true } | { whole: false; lines: readonly { lineId: string; qty: number }[] };

export interface RefundPlan {
  amountFen: Fen;
  lines: { lineId: string; qty: number; amountFen: Fen }[];
  tenders: { tenderId: string; kind: TenderKind; amountFen: Fen; points: number; redemptionId: string | null }[];
  /** Earned points taken back from the member. */
  pointsReversed: number;
  /** Redemptions whose voucher use comes back (whole tender or voucher line refunded, merchant allows). */
  restoredRedemptionIds: string[];
}

/** Money goes back the way it came, cash and outside payments first, vouchers last. */
const REFUND_ORDER: Record<TenderKind, number> = { cash: 0, card: 1, wechat: 2, alipay: 3, points: 4, voucher: 5 };

const sum = <T>(rows: readonly T[], pick: (row: T) => number): number => rows.reduce((s, r) => s + pick(r), 0);

/** Cumulative share of `whole` for `part` of `of`, exact at the end so the pieces add up to the whole. */
function share(whole: number, part: number, of: number): number {
  return part >= of ? whole : Math.floor((whole * part) / of);
}

export function planRefund(sale: SoldSale, past: RefundedSoFar, request: RefundRequest, restoreVouchers: boolean): Result<RefundPlan> {
  const refundedQty = (lineId: string) => sum(past.lines.filter((l) => l.lineId === lineId), (l) => l.qty);
  const refundedFen = (lineId: string) => sum(past.lines.filter((l) => l.lineId === lineId), (l) => l.amountFen);
  const wanted = request.whole
    ? sale.lines.map((l) => ({ lineId: l.lineId, qty: l.qty - refundedQty(l.lineId) })).filter((l) => l.qty > 0)
    : request.lines;
  if (wanted.length === 0) return fail('REFUND_EXCEEDS_SALE', 'everything on this sale is already refunded');
  const seen = new Set<string>();
  const lines: RefundPlan['lines'] = [];
  const restored: string[] = [];
  for (const want of wanted) {
    const sold = sale.lines.find((l) => l.lineId === want.lineId);
    if (!sold) return fail('VALIDATION_FAILED', `line ${want.lineId} is not on this sale`);
    if (seen.has(want.lineId)) return fail('VALIDATION_FAILED', `line ${want.lineId} appears twice`);
    seen.add(want.lineId);
    if (!Number.isSafeInteger(want.qty) || want.qty <= 0) return fail('NEGATIVE_QUANTITY', 'refund quantities must be whole numbers above zero');
    const before = refundedQty(want.lineId);
    if (before + want.qty > sold.qty) return fail('REFUND_EXCEEDS_SALE', `line ${want.lineId}: ${sold.qty - before} left to refund`);
    const amountFen = share(sold.netFen, before + want.qty, sold.qty) - refundedFen(want.lineId);
    lines.push({ lineId: want.lineId, qty: want.qty, amountFen });
    if (restoreVouchers && sold.voucherRedemptionId !== null && before + want.qty === sold.qty) restored.push(sold.voucherRedemptionId);
  }
  const amountFen = sum(lines, (l) => l.amountFen);
  const pastTotal = sum(past.tenders, (t) => t.amountFen);
  if (pastTotal + amountFen > sale.totalFen) return fail('REFUND_EXCEEDS_SALE', 'the refund is more than the sale');

  const tenders: RefundPlan['tenders'] = [];
  let left = amountFen;
  for (const t of [...sale.tenders].sort((a, b) => REFUND_ORDER[a.kind] - REFUND_ORDER[b.kind])) {
    if (left === 0) break;
    const back = past.tenders.filter((p) => p.tenderId === t.tenderId);
    const before = sum(back, (p) => p.amountFen);
    const take = Math.min(left, t.amountFen - before);
    if (take <= 0) continue;
    left -= take;
    const points = t.points === null ? 0 : share(t.points, before + take, t.amountFen) - sum(back, (p) => p.points);
    tenders.push({ tenderId: t.tenderId, kind: t.kind, amountFen: take, points, redemptionId: t.redemptionId });
    if (restoreVouchers && t.redemptionId !== null && before + take === t.amountFen) restored.push(t.redemptionId);
  }
  const pointsReversed = share(sale.pointsEarned, pastTotal + amountFen, sale.totalFen) - past.pointsReversed;
  return ok({ amountFen, lines, tenders, pointsReversed, restoredRedemptionIds: restored });
}
