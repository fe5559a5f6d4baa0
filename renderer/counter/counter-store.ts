import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { ref, shallowRef } from 'vue';
import { discountNeedsManager } from '../../core/sale/discount-approval';
import type { Approval, CounterMember, CounterSale, CounterShift, TenderRecord } from '../db/counter-tables';
import { posDb } from '../db/instance';
import { useHardwareStore } from '../hardware/hardware-store';
import { managerPinGate } from '../staff/pin-gate';
import { useLocaleStore } from '../i18n/locale-store';
import { useSessionStore } from '../pairing/session-store';
import { useSyncStore } from '../sync/sync-store';
import { lookUpBillVoucher } from './bill-voucher';
import { useCartStore } from './cart-store';
import { commitSale } from './commit-sale';
import { useCounterSettingsStore } from '../staff/counter-settings-store';
import { kitchenTicketDocument, saleReceiptDocument, type ReceiptPlace } from './counter-receipts';
import { enrolMember, findMemberByPhone } from './member-ops';
import { saleReceiptKey, useCounterPrintStore } from './counter-print-store';
import { nextReceiptNo } from '../shift/shift-history';
import { currentShift } from '../shift/shift-ops';
import { managersOf } from '../staff/staff-pins';
import { useStaffStore } from '../staff/staff-store';

export type CounterView = 'redeem' | 'sell' | 'shift' | 'members';

/** What waits for a manager's PIN, and what to do once approved. */
export interface PendingApproval {
  reason: 'discount' | 'refund' | 'shiftOpen' | 'shiftClose' | 'voucher' | 'syncMembers' | 'cashOut';
  run: (approval: Approval) => Promise<void>;
}

/**
 * The sell screen's orchestration: vouchers and members on the bill, manager approvals, checkout
 * (stored first, then printed) and the current shift.
 */
export const useCounterStore = defineStore('counter', () => {
  const view = ref<CounterView>('redeem');
  const shift = shallowRef<CounterShift | null>(null);
  const member = shallowRef<CounterMember | null>(null);
  const memberLookup = ref<'idle' | 'notFound'>('idle');
  const problem = ref<string | null>(null);
  const lastSale = shallowRef<CounterSale | null>(null);
  const busy = ref(false);
  const approval = shallowRef<PendingApproval | null>(null);
  const approvalProblem = ref<string | null>(null);

  function ctx() {
    const session = useSessionStore();
    return { storeId: session.pairing?.storeId ?? '', timeZone: session.timeZone, now: new Date() };
  }

  function place(): ReceiptPlace {
    const session = useSessionStore();
    return {
      locale: useLocaleStore().locale,
      timeZone: session.timeZone,
      storeName: session.pairing?.storeName ?? '',
      terminalId: session.pairing?.terminalName ?? '',
      cashierName: useStaffStore().current?.name ?? '',
    };
  }

  async function refreshShift(): Promise<void> {
    shift.value = (await currentShift(posDb())) ?? null;
  }

  async function addVoucher(code: string): Promise<boolean> {
    problem.value = null;
    const digits = code.replace(/\s/g, '');
    const found = await lookUpBillVoucher(posDb(), /^\d{12}$/.test(digits) ? { code: digits } : { qrToken: code.trim() }, ctx());
    if (!found.ok) {
      problem.value = found.code;
      return false;
    }
    if (!useCartStore().addVoucher(found.value)) {
      problem.value = 'VOUCHER_ALREADY_ON_BILL';
      return false;
    }
    return true;
  }

  async function findMember(phone: string): Promise<void> {
    problem.value = null;
    const found = await findMemberByPhone(posDb(), phone);
    if (!found.ok) {
      problem.value = found.code;
      return;
    }
    member.value = found.value;
    memberLookup.value = found.value ? 'idle' : 'notFound';
    useCartStore().memberId = found.value?.memberId ?? null;
  }

  async function enrol(phone: string, name: string | null): Promise<void> {
    const enrolled = await enrolMember(posDb(), { memberId: uuidv7(), phone, name, deviceTime: new Date().toISOString() });
    if (!enrolled.ok) {
      problem.value = enrolled.code;
      return;
    }
    useSyncStore().nudge();
    member.value = enrolled.value;
    memberLookup.value = 'idle';
    useCartStore().memberId = enrolled.value.memberId;
  }

  /** The member on the bill as stored now: a pull or another window may have moved the balance since the look-up. */
  async function refreshMember(): Promise<void> {
    const id = member.value?.memberId;
    if (id) member.value = (await posDb().counterMembers.get(id)) ?? member.value;
  }

  function clearMember(): void {
    member.value = null;
    memberLookup.value = 'idle';
    useCartStore().memberId = null;
  }

  /** Asks for a manager's PIN, then runs `run` with the approval. */
  function requireManager(reason: PendingApproval['reason'], run: PendingApproval['run']): void {
    approvalProblem.value = null;
    approval.value = { reason, run };
  }

  async function submitPin(pin: string): Promise<void> {
    const pending = approval.value;
    if (!pending) return;
    const approved = await managerPinGate.approve(await managersOf(posDb(), ctx().storeId), pin);
    if (!approved.ok) {
      approvalProblem.value = approved.code;
      return;
    }
    approval.value = null;
    await pending.run(approved.value);
  }

  function cancelApproval(): void {
    approval.value = null;
  }

  /** Stores the sale (one transaction), and only then prints the kitchen ticket and the receipt. */
  async function checkout(offered: TenderRecord[], managerApproval: Approval | null = null): Promise<boolean> {
    const cart = useCartStore();
    if (!shift.value) {
      problem.value = 'SHIFT_NOT_OPEN';
      return false;
    }
    const totals = cart.totals;
    const needsPin = totals.ok && discountNeedsManager(totals.value.lineDiscountFen + totals.value.orderDiscountFen, useCounterSettingsStore().discount);
    const voucherPin = cart.vouchers.some((v) => v.needsPin);
    if ((needsPin || voucherPin) && !managerApproval) {
      requireManager(needsPin ? 'discount' : 'voucher', async (a) => void (await checkout(offered, a)));
      return false;
    }
    busy.value = true;
    problem.value = null;
    try {
      const db = posDb();
      const sale = await commitSale(db, {
        saleId: uuidv7(),
        receiptNo: await nextReceiptNo(db),
        shiftId: shift.value.shiftId,
        cashierId: useStaffStore().current?.userId ?? shift.value.openedBy,
        memberId: cart.memberId,
        serviceMode: cart.serviceMode,
        tableNo: cart.tableNo.trim() || null,
        note: cart.note.trim() || null,
        lines: cart.lines.map((l) => ({ ...l })),
        orderDiscountFen: cart.orderDiscountFen,
        discountApproval: managerApproval,
        vouchers: [...cart.vouchers],
        offered,
        deviceTime: new Date().toISOString(),
        ...ctx(),
      });
      if (!sale.ok) {
        problem.value = sale.code;
        return false;
      }
      useSyncStore().nudge();
      lastSale.value = sale.value;
      // The member as the sale left it: the receipt prints the new points balance.
      const soldTo = sale.value.memberId ? ((await db.counterMembers.get(sale.value.memberId)) ?? member.value) : null;
      cart.clear();
      clearMember();
      void printSale(sale.value, soldTo);
      return true;
    } finally {
      busy.value = false;
    }
  }

  /** The receipt's print is followed by the print store: the sale screen says what really happened to it. */
  async function printSale(sale: CounterSale, soldTo: CounterMember | null): Promise<void> {
    const prints = useCounterPrintStore();
    const hardware = useHardwareStore();
    if ((sale.serviceMode === 'dine_in' || sale.tableNo) && !hardware.absent && hardware.printerView !== 'none') {
      await hardware.print(kitchenTicketDocument(sale, place()), `kitchen ${sale.receiptNo}`);
    }
    await prints.send(saleReceiptKey(sale.saleId), saleReceiptDocument(sale, place(), soldTo), `sale ${sale.receiptNo}`);
  }

  return {
    view, shift, member, memberLookup, problem, lastSale, busy, approval, approvalProblem,
    refreshShift, addVoucher, findMember, enrol, refreshMember, clearMember, requireManager, submitPin, cancelApproval, checkout, printSale, place,
  };
});
