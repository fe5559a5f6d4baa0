import type { RedemptionTally } from '../../core/shift/redemption-tally';
import { computeShiftReport, type ShiftFacts, type ShiftReport } from '../../core/shift/shift-report';
import type { TenderKind } from '../../core/sale/tender';
import { first, isoOrNull, num, numOrNull, rows, str, strOrNull, type Steps } from '../sync/sql/steps';
import { shiftRedemptions } from './shift-redemptions-sql';

export interface ShiftWithReport {
  shift: {
    shiftId: string;
    storeId: string;
    terminalId: string;
    openedBy: string;
    closedBy: string | null;
    openedAt: string;
    closedAt: string | null;
    openingFloatFen: number;
    countedFen: number | null;
    differenceFen: number | null;
    provisional: boolean;
  };
  report: ShiftReport;
  /** Every redemption the terminal made during the shift (核销 and bills), by campaign, with offline ones and reversals. */
  redemptions: RedemptionTally;
  /** The cash paid in and out, oldest first. */
  cashMoves: { moveId: string; direction: 'in' | 'out'; amountFen: number; reason: string; approvedBy: string | null; at: string }[];
}

/** The X/Z figures from the server's rows: sales, payments, refunds and cash moves of the shift. */
export function* shiftReport(merchantId: string, shiftId: string): Steps<ShiftWithReport | undefined> {
  const shift = yield* first(`SELECT * FROM shifts WHERE merchant_id = ? AND id = ?`, [merchantId, shiftId]);
  if (!shift) return undefined;
  const sales = yield* rows(
    `SELECT id, gross_fen, line_discount_fen, order_discount_fen, total_fen FROM sales WHERE merchant_id = ? AND shift_id = ? ORDER BY id`,
    [merchantId, shiftId],
  );
  const payments = yield* rows(
    `SELECT p.sale_id, p.kind, p.amount_fen, p.campaign_id FROM sale_payments AS p JOIN sales AS s ON s.merchant_id = p.merchant_id AND s.id = p.sale_id
      WHERE s.merchant_id = ? AND s.shift_id = ?`,
    [merchantId, shiftId],
  );
  const voucherLines = yield* rows(
    `SELECT l.sale_id, l.campaign_id FROM sale_lines AS l JOIN sales AS s ON s.merchant_id = l.merchant_id AND s.id = l.sale_id
      WHERE s.merchant_id = ? AND s.shift_id = ? AND l.campaign_id IS NOT NULL`,
    [merchantId, shiftId],
  );
  // A refund counts in the shift it was given in.
  const refunds = yield* rows(`SELECT id, amount_fen FROM sale_refunds WHERE merchant_id = ? AND shift_id = ?`, [merchantId, shiftId]);
  const refundTenders = yield* rows(
    `SELECT t.refund_id, t.kind, t.amount_fen FROM sale_refund_tenders AS t JOIN sale_refunds AS r ON r.merchant_id = t.merchant_id AND r.id = t.refund_id
      WHERE r.merchant_id = ? AND r.shift_id = ?`,
    [merchantId, shiftId],
  );
  const moves = yield* rows(`SELECT id, direction, amount_fen, reason, approved_by, at FROM cash_moves WHERE merchant_id = ? AND shift_id = ? ORDER BY at, id`, [merchantId, shiftId]);
  const facts: ShiftFacts = {
    openingFloatFen: num(shift, 'opening_float_fen'),
    sales: sales.map((s) => ({
      grossFen: num(s, 'gross_fen'),
      discountFen: num(s, 'line_discount_fen') + num(s, 'order_discount_fen'),
      totalFen: num(s, 'total_fen'),
      tenders: payments.filter((p) => p['sale_id'] === s['id']).map((p) => ({ kind: str(p, 'kind') as TenderKind, amountFen: num(p, 'amount_fen'), campaignId: strOrNull(p, 'campaign_id') })),
      productVoucherCampaigns: voucherLines.filter((l) => l['sale_id'] === s['id']).map((l) => str(l, 'campaign_id')),
    })),
    refunds: refunds.map((r) => ({
      amountFen: num(r, 'amount_fen'),
      tenders: refundTenders.filter((t) => t['refund_id'] === r['id']).map((t) => ({ kind: str(t, 'kind') as TenderKind, amountFen: num(t, 'amount_fen') })),
    })),
    cashMoves: moves.map((m) => ({ direction: str(m, 'direction') as 'in' | 'out', amountFen: num(m, 'amount_fen') })),
  };
  const report = computeShiftReport(facts);
  const redemptions = yield* shiftRedemptions(merchantId, shiftId);
  const counted = numOrNull(shift, 'counted_fen');
  return {
    shift: {
      shiftId,
      storeId: str(shift, 'store_id'),
      terminalId: str(shift, 'terminal_id'),
      openedBy: str(shift, 'opened_by'),
      closedBy: strOrNull(shift, 'closed_by'),
      openedAt: isoOrNull(shift, 'opened_at') ?? '',
      closedAt: isoOrNull(shift, 'closed_at'),
      openingFloatFen: facts.openingFloatFen,
      countedFen: counted,
      differenceFen: counted === null ? null : counted - report.expectedCashFen,
      provisional: num(shift, 'provisional') === 1,
    },
    report,
    redemptions,
    cashMoves: moves.map((m) => ({
      moveId: str(m, 'id'), direction: str(m, 'direction') as 'in' | 'out', amountFen: num(m, 'amount_fen'), reason: str(m, 'reason'),
      approvedBy: strOrNull(m, 'approved_by'), at: isoOrNull(m, 'at') ?? '',
    })),
  };
}
