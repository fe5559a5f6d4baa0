import type { CounterShift } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';

/** How long closed shifts and their sales stay on the terminal for reprints. */
export const HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;

const cutoffOf = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Shifts closed in the last `days` days, newest first (pruning keeps the table that small). */
export async function closedShifts(db: PosDb, now: Date, days = HISTORY_DAYS): Promise<CounterShift[]> {
  const cutoff = cutoffOf(now, days);
  const rows = await db.shifts.where('status').equals('closed').filter((s) => s.closedAt !== null && s.closedAt >= cutoff).toArray();
  return rows.sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1));
}

/**
 * Drops closed shifts older than `days` with their sales, refunds and cash moves, in one
 * transaction each. A shift with anything not yet answered by the server stays, and so does the
 * newest closed shift, whose last receipt number the next sale continues from.
 */
export async function pruneHistory(db: PosDb, now: Date, days = HISTORY_DAYS): Promise<number> {
  const cutoff = cutoffOf(now, days);
  const old = (await db.shifts.where('openedAt').below(cutoff).toArray()).filter((s) => s.status === 'closed' && s.closedAt !== null && s.closedAt < cutoff);
  const newest = (await db.shifts.orderBy('openedAt').reverse().filter((s) => s.status === 'closed').first())?.shiftId;
  let pruned = 0;
  for (const shift of old) {
    if (shift.shiftId === newest) continue;
    const gone = await db.transaction('rw', [db.shifts, db.sales, db.refunds, db.cashMoves], async () => {
      const [sales, refunds, moves] = await Promise.all([
        db.sales.where('shiftId').equals(shift.shiftId).toArray(),
        db.refunds.where('shiftId').equals(shift.shiftId).toArray(),
        db.cashMoves.where('shiftId').equals(shift.shiftId).toArray(),
      ]);
      if ([...sales, ...refunds, ...moves].some((r) => r.status === 'pending') || shift.provisional) return false;
      await db.sales.bulkDelete(sales.map((s) => s.saleId));
      await db.refunds.bulkDelete(refunds.map((r) => r.refundId));
      await db.cashMoves.bulkDelete(moves.map((m) => m.moveId));
      await db.shifts.delete(shift.shiftId);
      return true;
    });
    if (gone) pruned += 1;
  }
  return pruned;
}

/** The next receipt number: one more than the newest sale's, so pruning old sales never reuses one. */
export async function nextReceiptNo(db: PosDb): Promise<string> {
  const last = await db.sales.orderBy('createdAt').last();
  const n = Math.max(Number(last?.receiptNo ?? 0) || 0, await db.sales.count());
  return String(n + 1).padStart(6, '0');
}
