import { Dexie } from 'dexie';
import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import type { ShiftCloseV1, ShiftOpenV1 } from '../../core/shift/shift-intents';
import type { Approval, CashCount, CounterShift } from '../db/counter-tables';
import { appendOutbox, outboxTables } from '../db/outbox';
import type { PosDb } from '../db/pos-db';
import { countedFen, shiftFigures, type ShiftFigures } from './shift-figures';
import { redemptionFact, shiftRedemptions } from './shift-redemptions';

export async function currentShift(db: PosDb): Promise<CounterShift | undefined> {
  return db.shifts.where('status').equals('open').first();
}

/** Opens the till with its float; one shift at a time per terminal. */
export async function openShift(
  db: PosDb,
  o: { shiftId: string; storeId: string; floatFen: number; openedBy: string; deviceTime: string },
): Promise<Result<CounterShift, ErrorCode>> {
  if (!Number.isSafeInteger(o.floatFen) || o.floatFen < 0) return fail('CASH_COUNT_INVALID', 'the float is a whole amount of fen, not negative');
  return db.transaction('rw', [db.shifts, ...outboxTables(db)], async () => {
    if (await currentShift(db)) return fail('SHIFT_ALREADY_OPEN', 'a shift is already open on this terminal');
    const shift: CounterShift = {
      shiftId: o.shiftId, storeId: o.storeId, openedAt: o.deviceTime, openedBy: o.openedBy, floatFen: o.floatFen,
      status: 'open', closedAt: null, closedBy: null, counted: null, countedFen: null, expectedFen: null, provisional: false,
    };
    await db.shifts.put(shift);
    const args: ShiftOpenV1 = { shiftId: o.shiftId, openingFloatFen: o.floatFen, openedBy: o.openedBy, approval: null };
    await appendOutbox(db, { intent: 'shift.open@1', args, deviceTime: o.deviceTime, clientId: o.shiftId });
    return ok(shift);
  });
}

/** The shift's own figures as this terminal has them (X report mid-shift, Z report at close). */
export async function figuresOf(db: PosDb, shift: CounterShift): Promise<ShiftFigures> {
  const [sales, refunds, moves, redemptions] = await Promise.all([
    db.sales.where('shiftId').equals(shift.shiftId).toArray(),
    db.refunds.where('shiftId').equals(shift.shiftId).toArray(),
    db.cashMoves.where('shiftId').equals(shift.shiftId).toArray(),
    shiftRedemptions(db, shift),
  ]);
  const counted = <T extends { status: string }>(rows: T[]) => rows.filter((r) => r.status !== 'rejected');
  return shiftFigures(shift, counted(sales), counted(refunds), counted(moves), redemptions.map(redemptionFact));
}

/** Outbox entries still waiting for the server: a close while any wait is provisional. */
export async function unsyncedCount(db: PosDb): Promise<number> {
  return db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).count();
}

export interface ClosedShift {
  shift: CounterShift;
  figures: ShiftFigures;
  unsynced: number;
}

/**
 * Closes with the counted cash: expected vs counted is kept on the shift. With entries still
 * unsynced the close is provisional unless `acceptProvisional` says the manager saw them.
 */
export async function closeShift(
  db: PosDb,
  o: { shiftId: string; counted: CashCount; closedBy: string; approval: Approval; acceptProvisional: boolean; deviceTime: string },
): Promise<Result<ClosedShift, ErrorCode | 'UNSYNCED_ENTRIES'>> {
  const counted = countedFen(o.counted);
  if (counted === null) return fail('CASH_COUNT_INVALID', 'count whole notes and coins of known denominations');
  return db.transaction('rw', [db.shifts, db.sales, db.refunds, db.cashMoves, db.redemptions, ...outboxTables(db)], async () => {
    const shift = await db.shifts.get(o.shiftId);
    if (!shift || shift.status !== 'open') return fail('SHIFT_NOT_OPEN', 'this shift is not open');
    const unsynced = await unsyncedCount(db);
    if (unsynced > 0 && !o.acceptProvisional) return fail('UNSYNCED_ENTRIES', `${unsynced} entries have not synced yet`);
    const figures = await figuresOf(db, shift);
    const closed: CounterShift = {
      ...shift, status: 'closed', closedAt: o.deviceTime, closedBy: o.closedBy, counted: o.counted,
      countedFen: counted, expectedFen: figures.cash.expectedFen, provisional: unsynced > 0,
    };
    await db.shifts.put(closed);
    const args: ShiftCloseV1 = {
      shiftId: shift.shiftId,
      counts: Object.entries(o.counted).filter(([, n]) => n > 0).map(([d, n]) => ({ denominationFen: Number(d), count: n })),
      closedBy: o.closedBy,
      approval: o.approval,
      provisional: unsynced > 0,
    };
    await appendOutbox(db, { intent: 'shift.close@1', args, deviceTime: o.deviceTime });
    return ok({ shift: closed, figures, unsynced });
  });
}
