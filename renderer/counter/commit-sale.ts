import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import { lineNetFen } from '../../core/sale/cart-line';
import { discountNeedsManager } from '../../core/sale/discount-approval';
import { pointsEarned } from '../../core/sale/points-rule';
import type { SaleCreateV1, SalePaymentArgs } from '../../core/sale/sale-intents';
import type { VoucherRedeemV1 } from '../../core/sync';
import type { Approval, CounterSale, ServiceMode, TenderRecord, VoucherOnSale } from '../db/counter-tables';
import { allOrNothing } from '../db/all-or-nothing';
import { appendOutbox } from '../db/outbox';
import type { LocalRedemption, PosDb } from '../db/pos-db';
import { judgeFound, offlineCheckTables } from '../redeem/offline/check-offline';
import type { BillVoucher } from './bill-voucher';
import { cartTotals, settle, toSaleLine, type CartLine } from './cart-math';
import { counterSettingsOf } from '../staff/counter-settings-store';
import { applyMemberDelta, saleMemberDelta, tenderPoints } from './member-points';

export interface SaleDraft {
  saleId: string;
  receiptNo: string;
  shiftId: string;
  cashierId: string | null;
  memberId: string | null;
  serviceMode: ServiceMode;
  tableNo: string | null;
  note: string | null;
  lines: CartLine[];
  orderDiscountFen: number;
  discountApproval: Approval | null;
  vouchers: BillVoucher[];
  /** Tenders as offered: cash is what was handed over. */
  offered: TenderRecord[];
  deviceTime: string;
  storeId: string;
  timeZone: string;
}

function paymentArgs(offered: readonly TenderRecord[], cashVouchers: readonly VoucherOnSale[]): SalePaymentArgs[] {
  const payments: SalePaymentArgs[] = cashVouchers.map((v) => ({ kind: 'voucher', redemptionId: v.redemptionId, amountFen: v.amountFen }));
  const cash = offered.filter((t) => t.method === 'cash').reduce((s, t) => s + t.amountFen, 0);
  for (const t of offered) {
    if (t.method === 'wechat' || t.method === 'alipay' || t.method === 'card') payments.push({ kind: t.method, amountFen: t.amountFen, reference: t.reference ?? '-' });
    if (t.method === 'points') payments.push({ kind: 'points', points: tenderPoints(t) });
  }
  if (cash > 0) payments.push({ kind: 'cash', receivedFen: cash });
  return payments;
}

/** The tables a sale writes: the offline check's, the outbox, the sales, and the member and settings it reads. */
export function saleTables(db: PosDb) {
  return [...offlineCheckTables(db), db.outbox, db.sales, db.counterMembers, db.counterSettings] as const;
}

/**
 * Stores a sale as ONE Dexie transaction: every voucher on the bill is judged again on what is
 * stored and recorded as a local redemption (so offline checks count it), the sale row is written,
 * the member's points (spent and earned by the merchant's synced rule) and visits change at once,
 * and ONE `sale.create@1` outbox entry carries the sale with its redemptions and payments.
 * Nothing is written when any part fails, even a voucher found unusable after another was recorded.
 */
export async function commitSale(db: PosDb, draft: SaleDraft, now: Date = new Date()): Promise<Result<CounterSale, ErrorCode>> {
  const cashVouchers = draft.vouchers.filter((v) => v.kind === 'cash');
  const totals = cartTotals(draft.lines, draft.orderDiscountFen, cashVouchers);
  if (!totals.ok) return totals;
  const onSale: VoucherOnSale[] = draft.vouchers.map((v) => {
    const cashIndex = cashVouchers.indexOf(v);
    const amountFen = cashIndex >= 0 ? (totals.value.voucherAmounts[cashIndex] ?? 0) : (draft.lines.find((l) => l.voucherRedemptionId === v.redemptionId) ? v.faceValueFen : 0);
    return { redemptionId: v.redemptionId, voucherId: v.voucherId, campaignId: v.campaignId, campaignTitle: v.campaignTitle, codeMasked: v.codeMasked, kind: v.kind, amountFen };
  });
  if (onSale.some((v) => v.kind === 'cash' && v.amountFen <= 0)) return fail('VOUCHER_TENDER_EXCEEDS', 'a voucher on this bill has nothing left to pay');

  return allOrNothing(db, saleTables(db), async () => {
    const settings = await counterSettingsOf(db);
    if (discountNeedsManager(totals.value.lineDiscountFen + totals.value.orderDiscountFen, settings.discount) && !draft.discountApproval) {
      return fail('MANAGER_APPROVAL_REQUIRED', 'a discount this large needs a manager PIN');
    }
    const member = draft.memberId ? await db.counterMembers.get(draft.memberId) : undefined;
    const settled = settle(totals.value.toPayFen, draft.offered, { pointsRule: settings.points, pointsBalance: member ? member.points : null });
    if (!settled.ok) return settled;
    const { tenders, changeFen } = settled.value;
    const earned = member ? pointsEarned(settled.value.moneyPaidFen, settings.points) : 0;
    const redemptions: VoucherRedeemV1[] = [];
    for (const v of draft.vouchers) {
      const check = await judgeFound(db, v.check.found, { storeId: draft.storeId, timeZone: draft.timeZone, now, count: 1 });
      if (!check.verdict.ok) return fail(check.verdict.code, `${v.codeMasked} cannot be redeemed now`);
      if (check.verdict.needsPin && !draft.discountApproval) return fail('MANAGER_APPROVAL_REQUIRED', 'a manager must approve this voucher');
      const found = v.check.found;
      const args: VoucherRedeemV1 = {
        redemptionId: v.redemptionId,
        ...(found.mirrored || !found.qrToken ? { code: found.code } : {}),
        ...(found.qrToken ? { qrToken: found.qrToken } : {}),
        count: 1,
        cashierId: draft.cashierId,
        basis: check.verdict.basis,
        leaseId: check.verdict.leaseId,
        approval: check.verdict.needsPin ? draft.discountApproval : null,
      };
      redemptions.push(args);
      const local: LocalRedemption = {
        redemptionId: v.redemptionId,
        codeMasked: v.codeMasked,
        campaignTitle: v.campaignTitle,
        count: 1,
        status: 'pending',
        remaining: check.verdict.remaining - 1,
        errorCode: null,
        deviceTime: draft.deviceTime,
        serverTime: null,
        mode: 'offline',
        voucherId: v.voucherId,
        basis: check.verdict.basis,
        valueFen: check.verdict.valueFen,
        settledAt: null,
        reversal: null,
        saleReceiptNo: draft.receiptNo,
      };
      await db.redemptions.put(local);
    }
    const sale: CounterSale = {
      saleId: draft.saleId,
      receiptNo: draft.receiptNo,
      shiftId: draft.shiftId,
      cashierId: draft.cashierId,
      memberId: draft.memberId,
      createdAt: draft.deviceTime,
      serviceMode: draft.serviceMode,
      tableNo: draft.tableNo,
      note: draft.note,
      lines: draft.lines.map((l) => ({ ...l, totalFen: lineNetFen(toSaleLine(l)) })),
      orderDiscountFen: draft.orderDiscountFen,
      subtotalFen: totals.value.subtotalFen,
      discountFen: totals.value.lineDiscountFen + totals.value.orderDiscountFen,
      vouchers: onSale,
      payments: tenders,
      totalFen: totals.value.dueFen,
      changeFen,
      pointsEarned: earned,
      approval: draft.discountApproval,
      status: 'pending',
    };
    const args: SaleCreateV1 = {
      saleId: sale.saleId,
      shiftId: sale.shiftId,
      cashierId: sale.cashierId,
      memberId: sale.memberId,
      orderType: sale.serviceMode,
      tableNo: sale.tableNo,
      note: sale.note,
      lines: draft.lines.map(toSaleLine),
      orderDiscountFen: sale.orderDiscountFen,
      discountApproval: draft.discountApproval,
      vouchers: draft.vouchers.map((v, i) => ({ use: v.kind === 'cash' ? 'tender' : 'product', redemption: redemptions[i]! })),
      payments: paymentArgs(draft.offered, onSale.filter((v) => v.kind === 'cash')),
      totalFen: sale.totalFen,
      changeFen,
    };
    await db.sales.put(sale);
    await applyMemberDelta(db, member?.memberId ?? null, saleMemberDelta(sale));
    await appendOutbox(db, { intent: 'sale.create@1', args, deviceTime: draft.deviceTime, clientId: sale.saleId });
    return ok(sale);
  });
}
