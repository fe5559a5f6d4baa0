import { MemberEnrolResult, MemberEnrolV1 } from '../../core/member/member-intents';
import { SaleCreateResult, SaleCreateV1, SaleRefundV1 } from '../../core/sale/sale-intents';
import { CashMoveV1, ShiftCloseV1 } from '../../core/shift/shift-intents';
import type { EntryResult } from '../../core/sync';
import type { PosDb } from '../db/pos-db';
import type { OutboxRecord } from '../db/sync-tables';
import { undoRefusedRefund, undoRefusedSale } from './member-points';

/** The tables a push answer for a counter entry touches. */
export function counterResultTables(db: PosDb) {
  return [db.sales, db.refunds, db.shifts, db.counterMembers, db.redemptions, db.cashMoves] as const;
}

function refused(result: EntryResult): boolean {
  return result.status === 'rejected' || result.error !== null;
}

/**
 * Records the server's answer on the counter's own rows: a sale (and the vouchers redeemed on it),
 * a refund, a member enrolment (merged into an existing member: the local row gives way to the
 * pulled one) and a provisional shift close, which is final once the server has it.
 */
export async function applyCounterResult(db: PosDb, entry: OutboxRecord, result: EntryResult, now: number): Promise<void> {
  const status = refused(result) ? 'rejected' : 'accepted';
  if (entry.intent === 'sale.create@1') {
    const args = SaleCreateV1.safeParse(entry.args);
    if (!args.success) return;
    const answer = SaleCreateResult.safeParse(result.result);
    if (status === 'rejected') await undoRefusedSale(db, args.data.saleId);
    await db.sales.update(args.data.saleId, { status, ...(answer.success ? { pointsEarned: answer.data.pointsEarned } : {}) });
    for (const v of args.data.vouchers) {
      await db.redemptions.update(v.redemption.redemptionId, {
        status: result.status === 'conflict' ? 'conflict' : status,
        errorCode: refused(result) ? (result.error?.code ?? 'UNKNOWN') : null,
        serverTime: result.serverTime,
        settledAt: now,
      });
    }
  } else if (entry.intent === 'sale.refund@1') {
    const args = SaleRefundV1.safeParse(entry.args);
    if (!args.success) return;
    if (status === 'rejected') await undoRefusedRefund(db, args.data.refundId);
    await db.refunds.update(args.data.refundId, { status });
  } else if (entry.intent === 'member.enrol@1') {
    const args = MemberEnrolV1.safeParse(entry.args);
    const answer = MemberEnrolResult.safeParse(result.result);
    if (!args.success) return;
    if (answer.success && answer.data.memberId !== args.data.memberId) await db.counterMembers.delete(args.data.memberId);
    else await db.counterMembers.update(args.data.memberId, { pending: false });
  } else if (entry.intent === 'cash.move@1') {
    const args = CashMoveV1.safeParse(entry.args);
    if (args.success) await db.cashMoves.update(args.data.moveId, { status });
  } else if (entry.intent === 'shift.close@1') {
    const args = ShiftCloseV1.safeParse(entry.args);
    if (args.success && !refused(result)) await db.shifts.update(args.data.shiftId, { provisional: false });
  }
}
