import { MemberRow } from '../../core/sync';
import type { CounterMember } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';

/** A pulled member as the counter shows it; it replaces any local enrolment it absorbed. */
export function counterMemberFromChange(data: unknown): CounterMember | null {
  const parsed = MemberRow.safeParse(data);
  if (!parsed.success) return null;
  const m = parsed.data;
  return { memberId: m.memberId, phone: m.phone, name: m.name, level: m.level, points: m.points, visits: m.visits, vouchersHeld: 0, pending: false, version: m.version };
}

/**
 * Before pulled members go in: a local enrolment of the same phone under another id (merged by the
 * server into an existing member) gives way, so the phone stays unique on the terminal.
 */
export async function dropMergedEnrolments(db: PosDb, members: readonly CounterMember[]): Promise<void> {
  if (members.length === 0) return;
  const byPhone = new Map(members.map((m) => [m.phone, m.memberId]));
  const clashes = await db.counterMembers.where('phone').anyOf([...byPhone.keys()]).toArray();
  const stale = clashes.filter((c) => byPhone.get(c.phone) !== c.memberId).map((c) => c.memberId);
  if (stale.length > 0) await db.counterMembers.bulkDelete(stale);
}
