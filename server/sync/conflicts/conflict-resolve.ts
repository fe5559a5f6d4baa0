import { z } from 'zod';
import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import type { ConflictDecision } from '../../db/schema';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { visibleStoreIds } from '../../repositories/backoffice/store-scope';
import { runScript, type TransactionScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, type Outcome } from '../../use-cases/outcome';

export const ResolveConflictRequest = z.strictObject({
  decision: z.enum(['accept_loss', 'recovered_from_customer', 'staff_error'], 'accept_loss, recovered_from_customer or staff_error'),
  note: z.string().trim().min(1, 'say what was decided').max(500),
});
export type ResolveConflictRequest = z.infer<typeof ResolveConflictRequest>;

export interface ResolvedConflict {
  redemptionId: string;
  status: 'resolved';
  decision: ConflictDecision;
  resolvedAt: string;
}

const NOT_FOUND = 'no conflict with this redemption id';

/**
 * Closes a conflict with the reviewer's decision and note, audited in the same transaction. The
 * ledger keeps both redemptions as they were: only the review row changes.
 */
export async function resolveConflict(
  db: Db,
  session: MerchantSession,
  redemptionId: string,
  input: ResolveConflictRequest,
  now: Date,
): Promise<Outcome<ResolvedConflict>> {
  const id = redemptionId.toLowerCase();
  const storeIds = await visibleStoreIds(db, session);
  return runScript(db, () => resolveScript(db, session, id, input, now.toISOString(), storeIds));
}

function* resolveScript(
  db: Db,
  session: MerchantSession,
  id: string,
  input: ResolveConflictRequest,
  at: string,
  storeIds: readonly string[] | null,
): TransactionScript<Outcome<ResolvedConflict>> {
  const merchantId = session.merchant.id;
  const found = (yield db.kysely
    .selectFrom('redemption_conflicts')
    .select(['status', 'store_id'])
    .where('merchant_id', '=', merchantId)
    .where('redemption_id', '=', id)
    .compile()).rows[0];
  // A manager's other stores answer like a missing id.
  if (!found || (storeIds !== null && !storeIds.includes(String(found['store_id'])))) return failure('REDEMPTION_NOT_FOUND', NOT_FOUND);
  const updated = yield db.kysely
    .updateTable('redemption_conflicts')
    .set({ status: 'resolved', resolved_at: at, resolved_by: `user:${session.user.id}`, note: input.note, decision: input.decision })
    .where('merchant_id', '=', merchantId)
    .where('redemption_id', '=', id)
    .where('status', '=', 'open')
    .compile();
  if (updated.affected === 0) return failure('CONFLICT_ALREADY_RESOLVED', 'this conflict was already resolved');
  yield userAuditInsert(db, {
    merchantId,
    userId: session.user.id,
    action: 'conflict.resolve',
    subjectId: id,
    details: { decision: input.decision, note: input.note },
    at,
  }).compile();
  return ok({ redemptionId: id, status: 'resolved', decision: input.decision, resolvedAt: at });
}
