import { first, num, q, run, str, type Steps } from '../sync/sql/steps';
import { newId } from '../security/ids';

export interface MemberState {
  id: string;
  points: number;
}

/** The member an id names now: its own id, or the member its enrolment was merged into. */
export function* resolveMember(merchantId: string, id: string): Steps<MemberState | undefined> {
  const row = yield* first(
    `SELECT m.id, m.points FROM members AS m
      WHERE m.merchant_id = ? AND m.id = coalesce((SELECT a.member_id FROM member_aliases AS a WHERE a.merchant_id = ? AND a.alias_id = ?), ?)`,
    [merchantId, merchantId, id, id],
  );
  return row ? { id: str(row, 'id'), points: num(row, 'points') } : undefined;
}

export interface PointsEntry {
  merchantId: string;
  memberId: string;
  delta: number;
  reason: 'earn' | 'spend' | 'refund_reverse' | 'refund_restore';
  saleId: string;
  refundId: string | null;
  storeId: string;
  at: string;
}

/**
 * Appends to the points ledger and keeps the member's running balance beside it. A spend applies
 * only while the balance covers it (one conditional update: a second terminal spending the same
 * points at once sees the lower balance); answers whether the entry was applied.
 */
export function* addPoints(e: PointsEntry): Steps<boolean> {
  if (e.delta === 0) return true;
  const guard = e.reason === 'spend' ? ' AND points >= ?' : '';
  const changed = yield* run(`UPDATE members SET points = points + ?, version = version + 1, updated_at = ? WHERE merchant_id = ? AND id = ?${guard}`, [
    e.delta,
    e.at,
    e.merchantId,
    e.memberId,
    ...(guard ? [-e.delta] : []),
  ]);
  if (changed === 0) return false;
  yield q(
    `INSERT INTO member_points (merchant_id, id, member_id, delta, reason, sale_id, refund_id, store_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [e.merchantId, newId(), e.memberId, e.delta, e.reason, e.saleId, e.refundId, e.storeId, e.at],
  );
  return true;
}

export function* audit(merchantId: string, at: string, actorId: string, action: string, subjectId: string, details: unknown): Steps<void> {
  yield q(
    `INSERT INTO audit_log (merchant_id, id, at, actor_type, actor_id, action, subject_id, details) VALUES (?, ?, ?, 'terminal', ?, ?, ?, ?)`,
    [merchantId, newId(), at, actorId, action, subjectId, JSON.stringify(details)],
  );
}
