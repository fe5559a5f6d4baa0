import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import { checkCashMove, type CashDirection } from '../../core/shift/cash-move';
import type { CashMoveV1 } from '../../core/shift/shift-intents';
import type { CounterCashMove } from '../db/cash-move-table';
import type { Approval } from '../db/counter-tables';
import { appendOutbox, outboxTables } from '../db/outbox';
import type { PosDb } from '../db/pos-db';
import { figuresOf } from './shift-ops';

export interface CashMoveRequest {
  moveId: string;
  shiftId: string;
  direction: CashDirection;
  amountFen: number;
  reason: string;
  cashierId: string | null;
  /** A manager's approval; a pay-out needs one. */
  approval: Approval | null;
  deviceTime: string;
}

/** The till as this terminal has it now, and whether a move of it would pass (before asking a manager). */
export async function precheckCashMove(db: PosDb, r: Omit<CashMoveRequest, 'moveId' | 'approval' | 'deviceTime' | 'cashierId'>): Promise<Result<{ tillFen: number }, ErrorCode>> {
  const shift = await db.shifts.get(r.shiftId);
  if (!shift || shift.status !== 'open') return fail('SHIFT_NOT_OPEN', 'no open shift on this terminal');
  const tillFen = (await figuresOf(db, shift)).cash.expectedFen;
  const checked = checkCashMove({ ...r, approved: true, tillFen });
  return checked.ok ? ok({ tillFen }) : checked;
}

/**
 * Pays cash into or out of the open shift's till (现金存入/取出): the move and its `cash.move@1`
 * outbox entry in one transaction, offline too. The till is checked inside the transaction, so
 * two pay-outs cannot together take more than it holds.
 */
export async function moveCash(db: PosDb, r: CashMoveRequest): Promise<Result<CounterCashMove, ErrorCode>> {
  return db.transaction('rw', [db.shifts, db.sales, db.refunds, db.cashMoves, db.redemptions, ...outboxTables(db)], async () => {
    const shift = await db.shifts.get(r.shiftId);
    if (!shift || shift.status !== 'open') return fail('SHIFT_NOT_OPEN', 'no open shift on this terminal');
    const tillFen = (await figuresOf(db, shift)).cash.expectedFen;
    const checked = checkCashMove({ direction: r.direction, amountFen: r.amountFen, reason: r.reason, approved: r.approval !== null, tillFen });
    if (!checked.ok) return checked;
    const move: CounterCashMove = {
      moveId: r.moveId, shiftId: shift.shiftId, direction: r.direction, amountFen: r.amountFen, reason: checked.value.reason,
      cashierId: r.cashierId, approval: r.approval, createdAt: r.deviceTime, status: 'pending',
    };
    await db.cashMoves.put(move);
    const args: CashMoveV1 = {
      moveId: move.moveId, shiftId: move.shiftId, direction: move.direction, amountFen: move.amountFen, reason: move.reason, approval: move.approval, cashierId: move.cashierId,
    };
    await appendOutbox(db, { intent: 'cash.move@1', args, deviceTime: r.deviceTime, clientId: move.moveId });
    return ok(move);
  });
}

/** The shift's movements, oldest first. */
export async function cashMovesOf(db: PosDb, shiftId: string): Promise<CounterCashMove[]> {
  return (await db.cashMoves.where('shiftId').equals(shiftId).toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
