import type { CounterMember, CounterRefund, CounterSale, TenderRecord } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';

export interface MemberDelta {
  points: number;
  visits: number;
}

/** Points a tender spent; rows stored before points had their own field counted one point per fen. */
export function tenderPoints(t: TenderRecord): number {
  return t.method === 'points' ? (t.points ?? t.amountFen) : 0;
}

export function pointsSpentOn(payments: readonly TenderRecord[]): number {
  return payments.reduce((sum, t) => sum + tenderPoints(t), 0);
}

/** What a sale did to its member here: points earned less points spent, and one visit (as the server counts them). */
export function saleMemberDelta(sale: Pick<CounterSale, 'payments' | 'pointsEarned'>): MemberDelta {
  return { points: sale.pointsEarned - pointsSpentOn(sale.payments), visits: 1 };
}

/** What a refund did to the member: spent points come back, earned points go. */
export function refundMemberDelta(refund: Pick<CounterRefund, 'pointsRestored' | 'pointsReversed'>): MemberDelta {
  return { points: (refund.pointsRestored ?? 0) - (refund.pointsReversed ?? 0), visits: 0 };
}

/** Applies (or, with `sign` -1, takes back) a delta on the member's local row; a member not on this terminal is left alone. */
export async function applyMemberDelta(db: PosDb, memberId: string | null, delta: MemberDelta, sign: 1 | -1 = 1): Promise<void> {
  if (!memberId || (delta.points === 0 && delta.visits === 0)) return;
  const member = await db.counterMembers.get(memberId);
  if (!member) return;
  await db.counterMembers.update(memberId, { points: member.points + sign * delta.points, visits: member.visits + sign * delta.visits });
}

/** The tables `withPendingPoints` reads, for the pull's transaction. */
export function pendingPointsTables(db: PosDb) {
  return [db.sales, db.refunds] as const;
}

/**
 * Pulled members as the counter must show them: the server's balance plus what this terminal's
 * sales and refunds not yet answered by the server did to it, so points spent offline are never
 * offered again when a pull lands before the push that carries them.
 */
export async function withPendingPoints(db: PosDb, members: readonly CounterMember[]): Promise<CounterMember[]> {
  if (members.length === 0) return [];
  const deltas = new Map<string, MemberDelta>();
  const add = (memberId: string | null, d: MemberDelta) => {
    if (!memberId) return;
    const before = deltas.get(memberId) ?? { points: 0, visits: 0 };
    deltas.set(memberId, { points: before.points + d.points, visits: before.visits + d.visits });
  };
  const sales = await db.sales.where('status').equals('pending').toArray();
  for (const sale of sales) add(sale.memberId, saleMemberDelta(sale));
  const refunds = await db.refunds.where('status').equals('pending').toArray();
  const refunded = await db.sales.bulkGet(refunds.map((r) => r.saleId));
  refunds.forEach((r, i) => add(refunded[i]?.memberId ?? null, refundMemberDelta(r)));
  return members.map((m) => {
    // Sales made under an enrolment id the server merged into this member are this member's.
    const own = [m.memberId, ...m.aliasIds].flatMap((id) => deltas.get(id) ?? []);
    if (own.length === 0) return m;
    return { ...m, points: own.reduce((p, d) => p + d.points, m.points), visits: own.reduce((v, d) => v + d.visits, m.visits) };
  });
}

/** A sale the server refused: what it did to the member here is taken back, once (while it was still pending). */
export async function undoRefusedSale(db: PosDb, saleId: string): Promise<void> {
  const sale = await db.sales.get(saleId);
  if (sale?.status === 'pending') await applyMemberDelta(db, sale.memberId, saleMemberDelta(sale), -1);
}

/** A refund the server refused: the points it gave back or took are undone here, once. */
export async function undoRefusedRefund(db: PosDb, refundId: string): Promise<void> {
  const refund = await db.refunds.get(refundId);
  if (refund?.status !== 'pending') return;
  const sale = await db.sales.get(refund.saleId);
  await applyMemberDelta(db, sale?.memberId ?? null, refundMemberDelta(refund), -1);
}
