import { first, num, q, str, type Steps } from '../sync/sql/steps';
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

/** Appends to the points ledger and keeps the member's running balance beside it. */
export function* addPoints(e: PointsEntry): Steps<void> {
  if (e.delta === 0) return;
  yield q(
    `INSERT INTO member_points (merchant_id, id, member_id, delta, reason, sale_id, refund_id, store_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [e.merchantId, newId(), e.memberId, e.delta, e.reason, e.saleId, e.refundId, e.storeId, e.at],
  );
  yield q(`UPDATE members SET points = points + ?, version = version + 1, updated_at = ? WHERE merchant_id = ? AND id = ?`, [
    e.delta,
    e.at,
    e.merchantId,
    e.memberId,
  ]);
}

export function* audit(merchantId: string, at: string, actorId: string, action: string, subjectId: string, details: unknown): Steps<void> {
  yield q(
    `INSERT INTO audit_log (merchant_id, id, at, actor_type, actor_id, action, subject_id, details) VALUES (?, ?, ?, 'terminal', ?, ?, ?, ?)`,
    [merchantId, newId(), at, actorId, action, subjectId, JSON.stringify(details)],
  );
}
