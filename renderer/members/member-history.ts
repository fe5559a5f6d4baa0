import { pointsSpentOn } from '../counter/member-points';
import type { CounterMember, CounterSale } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';

/** A sale of this member as the member card lists it. */
export interface MemberSaleLine {
  saleId: string;
  receiptNo: string;
  createdAt: string;
  totalFen: number;
  pointsEarned: number;
  pointsSpent: number;
  status: CounterSale['status'];
}

/** The member's most recent sales made at this terminal (under its id or an enrolment merged into it), newest first. */
export async function recentSalesOf(db: PosDb, member: Pick<CounterMember, 'memberId' | 'aliasIds'>, limit = 8): Promise<MemberSaleLine[]> {
  const sales = await db.sales.where('memberId').anyOf([member.memberId, ...member.aliasIds]).toArray();
  return sales
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, limit)
    .map((s) => ({ saleId: s.saleId, receiptNo: s.receiptNo, createdAt: s.createdAt, totalFen: s.totalFen, pointsEarned: s.pointsEarned, pointsSpent: pointsSpentOn(s.payments), status: s.status }));
}
