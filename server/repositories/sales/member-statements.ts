import type { DbKind } from '../../db/db-kind';
import { newId } from '../../security/ids';
import { instantParam, jsonRows, stmt, text, type SqlScript } from './sql-script';

export interface MemberBuyer {
  /** E.164. */
  phone: string;
  /** `platform:handle`, or null. */
  handleKey: string | null;
  orderId: string;
}

/** Finds or creates the member with this phone (unique per merchant) and keeps the handle; returns the member id. */
export function* upsertMember(kind: DbKind, merchantId: string, buyer: MemberBuyer, nowIso: string): SqlScript<string> {
  const members = yield* upsertMembers(kind, merchantId, [buyer], nowIso);
  return members.get(buyer.phone)!;
}

/**
 * Finds or creates the members with these phones (unique per merchant) and keeps their handles,
 * in two statements however many buyers; answers member ids by phone. A buyer seen twice counts
 * once, with its first order; a handle already linked to another member stays with it: the first
 * order decides.
 */
export function* upsertMembers(kind: DbKind, merchantId: string, buyers: readonly MemberBuyer[], nowIso: string): SqlScript<Map<string, string>> {
  const byPhone = new Map<string, MemberBuyer>();
  for (const buyer of buyers) if (!byPhone.has(buyer.phone)) byPhone.set(buyer.phone, buyer);
  const rows = jsonRows(kind, { id: 'text', phone: 'text', order_id: 'text' });
  const at = instantParam(kind);
  const upserted = yield stmt(
    `INSERT INTO members (merchant_id, id, phone, first_order_id, created_at, updated_at)
     SELECT CAST(? AS text), ${rows.col('id')}, ${rows.col('phone')}, ${rows.col('order_id')}, ${at}, ${at}
       FROM ${rows.from} WHERE true
     ON CONFLICT (merchant_id, phone) DO UPDATE SET updated_at = excluded.updated_at
     RETURNING id, phone`,
    [merchantId, nowIso, nowIso, JSON.stringify([...byPhone.values()].map((b) => ({ id: newId(), phone: b.phone, order_id: b.orderId })))],
  );
  const members = new Map(upserted.rows.map((row) => [text(row, 'phone'), text(row, 'id')]));

  const byHandle = new Map<string, { channel: string; handle: string; member_id: string }>();
  for (const { handleKey, phone } of buyers) {
    if (!handleKey || byHandle.has(handleKey)) continue;
    const colon = handleKey.indexOf(':');
    byHandle.set(handleKey, { channel: handleKey.slice(0, colon), handle: handleKey.slice(colon + 1), member_id: members.get(phone)! });
  }
  if (byHandle.size > 0) {
    const handles = jsonRows(kind, { channel: 'text', handle: 'text', member_id: 'text' });
    yield stmt(
      `INSERT INTO member_handles (merchant_id, channel, handle, member_id, created_at)
       SELECT CAST(? AS text), ${handles.col('channel')}, ${handles.col('handle')}, ${handles.col('member_id')}, ${at}
         FROM ${handles.from} WHERE true
       ON CONFLICT (merchant_id, channel, handle) DO NOTHING`,
      [merchantId, nowIso, JSON.stringify([...byHandle.values()])],
    );
  }
  return members;
}
