import { defineStore } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { ref, shallowRef } from 'vue';
import type { CashDirection } from '../../core/shift/cash-move';
import type { CounterCashMove } from '../db/cash-move-table';
import type { Approval, CashCount, CounterRefund, CounterSale, CounterShift } from '../db/counter-tables';
import { posDb } from '../db/instance';
import { pendingOutbox } from '../db/outbox';
import type { OutboxRecord } from '../db/sync-tables';
import { useSessionStore } from '../pairing/session-store';
import { useSyncStore } from '../sync/sync-store';
import { cashMovesOf, moveCash, precheckCashMove } from './cash-moves';
import { useCounterStore } from '../counter/counter-store';
import { saleReceiptDocument, shiftReportDocument } from '../counter/counter-receipts';
import { saleReceiptKey, shiftReportKey, useCounterPrintStore } from '../counter/counter-print-store';
import { refundSale } from './refund-ops';
import type { ShiftFigures } from './shift-figures';
import { shiftCashiers } from './shift-cashiers';
import { closedShifts, pruneHistory } from './shift-history';
import { closeShift, figuresOf, openShift, unsyncedCount } from './shift-ops';
import { useStaffStore } from '../staff/staff-store';

/** Shift screen: open with a float, X report, cash in/out, refunds of this shift's sales, close with a count (Z report). */
export const useShiftStore = defineStore('counterShift', () => {
  const figures = shallowRef<ShiftFigures | null>(null);
  const sales = shallowRef<CounterSale[]>([]);
  const refunds = shallowRef<CounterRefund[]>([]);

  /** How many of a sale line's units refunds not rejected have taken back. */
  function refundedQuantity(saleId: string, lineId: string): number {
    return refunds.value.filter((r) => r.saleId === saleId && r.status !== 'rejected').flatMap((r) => r.lines).filter((l) => l.lineId === lineId).reduce((s, l) => s + l.quantity, 0);
  }
  const moves = shallowRef<CounterCashMove[]>([]);
  const unsynced = ref(0);
  /** The entries still waiting, shown before a close so nothing is closed over silently. */
  const waiting = shallowRef<OutboxRecord[]>([]);
  const closed = shallowRef<{ shift: CounterShift; figures: ShiftFigures } | null>(null);
  const problem = ref<string | null>(null);
  const needsProvisional = ref(false);
  /** Closed shifts kept on the terminal (the last 30 days), newest first. */
  const history = shallowRef<CounterShift[]>([]);
  /** A closed shift shown with its Z report and sales: the one picked, else the newest when none is open. */
  const viewing = shallowRef<{ shift: CounterShift; figures: ShiftFigures; sales: CounterSale[] } | null>(null);
  let picked: string | null = null;

  async function loadHistory(openShiftNow: boolean): Promise<void> {
    const db = posDb();
    await pruneHistory(db, new Date());
    history.value = await closedShifts(db, new Date());
    const shown = history.value.find((h) => h.shiftId === picked) ?? (openShiftNow ? undefined : history.value[0]);
    viewing.value = shown
      ? { shift: shown, figures: await figuresOf(db, shown), sales: (await db.sales.where('shiftId').equals(shown.shiftId).toArray()).reverse() }
      : null;
  }

  /** Shows a past shift (null: back to the current one). */
  async function pick(shiftId: string | null): Promise<void> {
    picked = shiftId;
    await loadHistory(useCounterStore().shift !== null);
  }

  async function refresh(): Promise<void> {
    useSyncStore().nudge();
    const counter = useCounterStore();
    await counter.refreshShift();
    const db = posDb();
    unsynced.value = await unsyncedCount(db);
    waiting.value = unsynced.value > 0 ? await pendingOutbox(db, 20) : [];
    const shift = counter.shift;
    await loadHistory(shift !== null);
    if (!shift) {
      figures.value = null;
      sales.value = [];
      refunds.value = [];
      moves.value = [];
      return;
    }
    figures.value = await figuresOf(db, shift);
    sales.value = (await db.sales.where('shiftId').equals(shift.shiftId).toArray()).reverse();
    refunds.value = await db.refunds.where('shiftId').equals(shift.shiftId).toArray();
    moves.value = await cashMovesOf(db, shift.shiftId);
  }

  /** Moves stored since the screen opened: the form clears when it grows. */
  const movesStored = ref(0);
  /** Why the last pay-in or pay-out was refused, shown beside its form. */
  const cashProblem = ref<string | null>(null);

  /**
   * Pays cash in at once, or out after a manager's PIN; the amount, reason and till are checked
   * before the PIN is asked for, and again when the move is stored.
   */
  async function moveCashNow(direction: CashDirection, amountFen: number, reason: string): Promise<void> {
    const counter = useCounterStore();
    cashProblem.value = null;
    const shiftId = counter.shift?.shiftId ?? '';
    const pre = await precheckCashMove(posDb(), { shiftId, direction, amountFen, reason });
    if (!pre.ok) {
      cashProblem.value = pre.code;
      return;
    }
    const store = async (approval: Approval | null): Promise<void> => {
      const done = await moveCash(posDb(), {
        moveId: uuidv7(), shiftId, direction, amountFen, reason, cashierId: useStaffStore().current?.userId ?? null, approval, deviceTime: new Date().toISOString(),
      });
      if (done.ok) movesStored.value += 1;
      else cashProblem.value = done.code;
      await refresh();
    };
    if (direction === 'in') await store(null);
    else counter.requireManager('cashOut', store);
  }

  function open(floatFen: number): void {
    const counter = useCounterStore();
    problem.value = null;
    counter.requireManager('shiftOpen', async (approval) => {
      const opened = await openShift(posDb(), {
        shiftId: uuidv7(), storeId: useSessionStore().pairing?.storeId ?? '', floatFen, openedBy: approval.managerId, deviceTime: new Date().toISOString(),
      });
      if (!opened.ok) problem.value = opened.code;
      closed.value = null;
      await refresh();
    });
  }

  function refund(saleId: string, lines: { lineId: string; quantity: number }[] | undefined, reason: string): void {
    const counter = useCounterStore();
    problem.value = null;
    counter.requireManager('refund', async (approval) => {
      const done = await refundSale(posDb(), {
        refundId: uuidv7(), saleId, ...(lines ? { lines } : {}), reason, cashierId: counter.shift?.openedBy ?? null, approval, deviceTime: new Date().toISOString(),
      });
      if (!done.ok) problem.value = done.code;
      await refresh();
    });
  }

  function close(counted: CashCount, acceptProvisional: boolean): void {
    const counter = useCounterStore();
    const shift = counter.shift;
    if (!shift) return;
    problem.value = null;
    counter.requireManager('shiftClose', async (approval) => {
      const done = await closeShift(posDb(), { shiftId: shift.shiftId, counted, closedBy: approval.managerId, approval, acceptProvisional, deviceTime: new Date().toISOString() });
      if (!done.ok) {
        needsProvisional.value = done.code === 'UNSYNCED_ENTRIES';
        problem.value = done.code === 'UNSYNCED_ENTRIES' ? null : done.code;
        await refresh();
        return;
      }
      needsProvisional.value = false;
      closed.value = { shift: done.value.shift, figures: done.value.figures };
      picked = null;
      await refresh();
      await print(done.value.shift, done.value.figures);
    });
  }

  /** The shift's X report (open) or Z report (closed), naming the shift's cashiers; a reprint is marked 重印. */
  async function print(shift: CounterShift, shown: ShiftFigures, reprint = false): Promise<void> {
    const db = posDb();
    const place = { ...useCounterStore().place(), cashierName: await shiftCashiers(db, shift) };
    const document = shiftReportDocument(shift, shown, place, new Date().toISOString(), reprint);
    await useCounterPrintStore().send(shiftReportKey(shift.shiftId), document, `${shift.status === 'closed' ? 'Z' : 'X'} report ${shift.shiftId}`, reprint);
  }

  /** Any kept sale's receipt again, marked 重印, with the cashier who made the sale. */
  async function reprintSale(sale: CounterSale): Promise<void> {
    const db = posDb();
    const member = sale.memberId ? ((await db.counterMembers.get(sale.memberId)) ?? null) : null;
    const cashier = sale.cashierId ? ((await db.terminalUsers.get(sale.cashierId))?.name ?? sale.cashierId) : '';
    const document = saleReceiptDocument(sale, { ...useCounterStore().place(), cashierName: cashier }, member, true);
    await useCounterPrintStore().send(saleReceiptKey(sale.saleId), document, `sale ${sale.receiptNo} reprint`, true);
  }

  return { waiting, refundedQuantity, figures, sales, refunds, moves, movesStored, cashProblem, unsynced, closed, problem, needsProvisional, refresh, open, refund, moveCash: moveCashNow, close, print, reprintSale, history, viewing, pick };
});
