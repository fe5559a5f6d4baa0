import { countedCashFen } from '../../core/shift/cash-count';
import { checkCashMove } from '../../core/shift/cash-move';
import type { CashMoveV1, ShiftCloseResult, ShiftCloseV1, ShiftOpenV1 } from '../../core/shift/shift-intents';
import { applied, rejected, type EntryContext, type EntryOutcome } from '../sync/push/entry-outcome';
import { isStoreManager } from '../sync/policy/policy-statements';
import { first, q, type Steps } from '../sync/sql/steps';
import { audit } from './member-statements';
import { shiftReport } from './shift-report-sql';

/** `shift.open@1`: one open shift per terminal. */
export function* shiftOpenEntry(ctx: EntryContext, args: ShiftOpenV1): Steps<EntryOutcome> {
  const { merchant, store, terminal } = ctx.session;
  const shiftId = args.shiftId.toLowerCase();
  if (yield* first(`SELECT 1 AS one FROM shifts WHERE merchant_id = ? AND id = ?`, [merchant.id, shiftId])) {
    return rejected(ctx, 'VALIDATION_FAILED', 'this shift id was already used');
  }
  if (yield* first(`SELECT 1 AS one FROM shifts WHERE merchant_id = ? AND terminal_id = ? AND closed_at IS NULL`, [merchant.id, terminal.id])) {
    return rejected(ctx, 'SHIFT_ALREADY_OPEN', 'this terminal already has an open shift');
  }
  yield q(
    `INSERT INTO shifts (merchant_id, id, store_id, terminal_id, opened_by, opening_float_fen, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [merchant.id, shiftId, store.id, terminal.id, args.openedBy, args.openingFloatFen, new Date(ctx.entry.deviceTime).toISOString()],
  );
  return applied(ctx, { shiftId });
}

function* managerApproves(ctx: EntryContext, managerId: string): Steps<boolean> {
  return yield* isStoreManager(ctx.session.merchant.id, ctx.session.store.id, managerId);
}

/**
 * `cash.move@1`: paid in or out of an open shift's till. The till check is the terminal's (it holds
 * the cash, offline too): a pay-out it allowed has left the drawer, so the server records it even
 * where its own rows would say the till held less; a close shows any difference.
 */
export function* cashMoveEntry(ctx: EntryContext, args: CashMoveV1): Steps<EntryOutcome> {
  const merchantId = ctx.session.merchant.id;
  const moveId = args.moveId.toLowerCase();
  const shiftId = args.shiftId.toLowerCase();
  const shift = yield* first(`SELECT closed_at FROM shifts WHERE merchant_id = ? AND id = ? AND store_id = ?`, [merchantId, shiftId, ctx.session.store.id]);
  if (!shift) return rejected(ctx, 'SHIFT_NOT_FOUND', 'no such shift at this store');
  if (shift['closed_at'] !== null && shift['closed_at'] !== undefined) return rejected(ctx, 'SHIFT_NOT_OPEN', 'this shift is already closed');
  const checked = checkCashMove({ direction: args.direction, amountFen: args.amountFen, reason: args.reason, approved: args.approval !== null, tillFen: null });
  if (!checked.ok) return rejected(ctx, checked.code, checked.message);
  if (args.approval && !(yield* managerApproves(ctx, args.approval.managerId))) return rejected(ctx, 'MANAGER_PIN_INVALID', 'the approving manager is not a manager of this store');
  if (yield* first(`SELECT 1 AS one FROM cash_moves WHERE merchant_id = ? AND id = ?`, [merchantId, moveId])) {
    return rejected(ctx, 'VALIDATION_FAILED', 'this cash move id was already used');
  }
  yield q(`INSERT INTO cash_moves (merchant_id, id, shift_id, direction, amount_fen, reason, approved_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
    merchantId, moveId, shiftId, args.direction, args.amountFen, checked.value.reason, args.approval?.managerId ?? null,
    new Date(ctx.entry.deviceTime).toISOString(),
  ]);
  yield* audit(merchantId, ctx.serverTime, ctx.session.terminal.id, 'cash.move', moveId, {
    managerId: args.approval?.managerId ?? null, cashierId: args.cashierId ?? null, shiftId, direction: args.direction, amountFen: args.amountFen, reason: checked.value.reason,
  });
  return applied(ctx, { moveId });
}

/** `shift.close@1`: counted against what the server's rows expect; a manager approves the close. */
export function* shiftCloseEntry(ctx: EntryContext, args: ShiftCloseV1): Steps<EntryOutcome> {
  const merchantId = ctx.session.merchant.id;
  const shiftId = args.shiftId.toLowerCase();
  const shift = yield* first(`SELECT closed_at FROM shifts WHERE merchant_id = ? AND id = ? AND store_id = ?`, [merchantId, shiftId, ctx.session.store.id]);
  if (!shift) return rejected(ctx, 'SHIFT_NOT_FOUND', 'no such shift at this store');
  if (shift['closed_at'] !== null && shift['closed_at'] !== undefined) return rejected(ctx, 'SHIFT_NOT_OPEN', 'this shift is already closed');
  const counted = countedCashFen(args.counts);
  if (!counted.ok) return rejected(ctx, counted.code, counted.message);
  if (!(yield* managerApproves(ctx, args.approval.managerId))) return rejected(ctx, 'MANAGER_PIN_INVALID', 'the approving manager is not a manager of this store');
  const report = yield* shiftReport(merchantId, shiftId);
  const expected = report?.report.expectedCashFen ?? 0;
  yield q(
    `UPDATE shifts SET closed_by = ?, closed_at = ?, close_approved_by = ?, counts = ?, counted_fen = ?, expected_fen = ?, provisional = ?
      WHERE merchant_id = ? AND id = ?`,
    [args.closedBy, new Date(ctx.entry.deviceTime).toISOString(), args.approval.managerId, JSON.stringify(args.counts), counted.value, expected,
      args.provisional ? 1 : 0, merchantId, shiftId],
  );
  yield* audit(merchantId, ctx.serverTime, ctx.session.terminal.id, 'shift.close', shiftId, { managerId: args.approval.managerId, counted: counted.value, expected });
  const result: ShiftCloseResult = { shiftId, countedFen: counted.value, expectedFen: expected, differenceFen: counted.value - expected };
  return applied(ctx, result);
}
