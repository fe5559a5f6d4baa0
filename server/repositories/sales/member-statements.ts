import { newId } from '../../security/ids';
import { one, stmt, text, type SqlScript } from './sql-script';

/** Finds or creates the member with this phone (unique per merchant) and keeps the handle; returns the member id. */
export function* upsertMember(
  merchantId: string,
  phone: string,
  handleKey: string | null,
  orderId: string,
  nowIso: string,
): SqlScript<string> {
  const row = one(
    yield stmt(
      `INSERT INTO members (merchant_id, id, phone, first_order_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (merchant_id, phone) DO UPDATE SET updated_at = excluded.updated_at
       RETURNING id`,
      [merchantId, newId(), phone, orderId, nowIso, nowIso],
    ),
  );
  const memberId = text(row, 'id');
  if (handleKey) {
    const colon = handleKey.indexOf(':');
    // A handle already linked to another member stays with it: the first order decides.
    yield stmt(
      `INSERT INTO member_handles (merchant_id, channel, handle, member_id, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (merchant_id, channel, handle) DO NOTHING`,
      [merchantId, handleKey.slice(0, colon), handleKey.slice(colon + 1), memberId, nowIso],
    );
  }
  return memberId;
}
