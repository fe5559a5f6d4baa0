import { normalizeMemberPhone } from '../../core/member/phone';
import { MemberRow } from '../../core/sync';
import type { CounterMember } from '../db/counter-tables';
import type { PosDb } from '../db/pos-db';

/**
 * A pulled member as the counter shows it; it replaces any local enrolment it absorbed. Members
 * from online orders carry E.164 phones: they are kept as the 11 digits a cashier types.
 */
export function counterMemberFromChange(data: unknown): CounterMember | null {
  const parsed = MemberRow.safeParse(data);
  if (!parsed.success) return null;
  const m = parsed.data;
  const phone = normalizeMemberPhone(m.phone);
  return {
    memberId: m.memberId, phone: phone.ok ? phone.value : m.phone, name: m.name, gender: m.gender, birthday: m.birthday, note: m.note, level: m.level,
    points: m.points, visits: m.visits, vouchersHeld: m.vouchersHeld, aliasIds: m.aliasIds, pending: false, version: m.version,
  };
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

/**
 * One member per phone in a pulled page (the terminal's phone index is unique): a buyer's E.164
 * phone and a counter's 11 digits can name two server members; the later change is kept.
 */
export function onePerPhone(members: readonly CounterMember[]): CounterMember[] {
  return [...new Map(members.map((m) => [m.phone, m])).values()];
}
