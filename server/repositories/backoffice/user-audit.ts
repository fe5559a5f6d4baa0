import type { Db } from '../../db/database';
import { newId } from '../../security/ids';

export interface UserAuditEntry {
  merchantId: string;
  /** The back-office user who acted. */
  userId: string;
  action: string;
  subjectId: string | null;
  /** Never a full voucher code, a token or a password. */
  details?: Record<string, unknown>;
  at: string;
  /** The store the action is about, so the audit log can be filtered by store. */
  storeId?: string | null;
}

/** The audit row for something a back-office user did; compile it into the same transaction as the change. */
export function userAuditInsert(db: Db, entry: UserAuditEntry) {
  return db.kysely.insertInto('audit_log').values({
    merchant_id: entry.merchantId,
    id: newId(),
    at: entry.at,
    actor_type: 'user',
    actor_id: entry.userId,
    action: entry.action,
    subject_id: entry.subjectId,
    details: JSON.stringify(entry.details ?? {}),
    store_id: entry.storeId ?? null,
  });
}
