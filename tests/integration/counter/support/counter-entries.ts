import { randomUUID } from 'node:crypto';
import type { MemberEnrolV1, MemberPatchV1 } from '../../../../core/member/member-intents';
import type { SaleCreateV1, SaleLineArgs, SaleRefundV1 } from '../../../../core/sale/sale-intents';
import type { ShiftCloseV1, ShiftOpenV1 } from '../../../../core/shift/shift-intents';
import type { OutboxEntry, VoucherRedeemV1 } from '../../../../core/sync';
import type { Db } from '../../../../server/db/database';
import type { SyncTerminal } from '../../sync/support/sync-terminal';

export const line = (over: Partial<SaleLineArgs> = {}): SaleLineArgs => ({
  lineId: over.lineId ?? 'l1', itemId: 'item-hsr', name: '招牌红烧肉', qty: 1, unitPriceFen: 6800, discountFen: 0, voucherRedemptionId: null, note: null, ...over,
});

export const redemption = (code: string): VoucherRedeemV1 => ({
  redemptionId: randomUUID(), code, count: 1, cashierId: 'cashier-1', basis: 'provisional', leaseId: null, approval: null,
});

export function sale(over: Partial<SaleCreateV1> = {}): SaleCreateV1 {
  return {
    saleId: randomUUID(), shiftId: null, cashierId: 'cashier-1', memberId: null, orderType: 'dine_in', tableNo: 'A3', note: null,
    lines: [line()], orderDiscountFen: 0, discountApproval: null, vouchers: [], payments: [{ kind: 'cash', receivedFen: 10000 }],
    totalFen: 6800, changeFen: 3200, ...over,
  };
}

export const approval = (managerId: string) => ({ managerId, approvedAt: new Date().toISOString() });

export function refund(saleId: string, managerId: string, over: Partial<SaleRefundV1> = {}): SaleRefundV1 {
  return { refundId: randomUUID(), saleId, whole: false, lines: [], reason: '菜品问题', cashierId: 'cashier-1', approval: approval(managerId), ...over };
}

export const enrol = (phone: string, name: string | null = null): MemberEnrolV1 => ({ memberId: randomUUID(), phone, name });
export const patch = (memberId: string, baseVersion: number, fields: MemberPatchV1['fields']): MemberPatchV1 => ({ patchId: randomUUID(), memberId, baseVersion, fields });
export const openShift = (openingFloatFen: number): ShiftOpenV1 => ({ shiftId: randomUUID(), openingFloatFen, openedBy: 'cashier-1', approval: null });
export const closeShift = (shiftId: string, managerId: string, counts: ShiftCloseV1['counts']): ShiftCloseV1 => ({
  shiftId, counts, closedBy: 'cashier-1', approval: approval(managerId), provisional: false,
});

/** Pushes one entry of `intent` and returns its result. */
export async function send(t: SyncTerminal, intent: string, args: unknown): Promise<{ entry: OutboxEntry; status: string; result: unknown; error: { code: string } | null }> {
  const entry = t.entry(intent, args);
  const answer = await t.pushOk([entry]);
  const r = answer.results[0];
  if (!r) throw new Error(`no result for ${intent}`);
  return { entry, status: r.status, result: r.result, error: r.error };
}

export async function count(db: Db, table: string, where: string, params: unknown[]): Promise<number> {
  if (db.kind === 'sqlite') return Number((db.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n);
  let i = 0;
  const res = await db.pool.query(`SELECT count(*) AS n FROM ${table} WHERE ${where.replace(/\?/g, () => `$${++i}`)}`, params);
  return Number(res.rows[0].n);
}

export async function query(db: Db, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  if (db.kind === 'sqlite') return db.sqlite.prepare(text).all(...params) as Record<string, unknown>[];
  let i = 0;
  return (await db.pool.query(text.replace(/\?/g, () => `$${++i}`), params)).rows as Record<string, unknown>[];
}
