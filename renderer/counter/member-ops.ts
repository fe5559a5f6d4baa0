import type { ErrorCode } from '../../core/errors';
import { normalizeMemberPhone } from '../../core/member/phone';
import type { MemberEnrolV1 } from '../../core/member/member-intents';
import { fail, ok, type Result } from '../../core/result';
import type { CounterMember } from '../db/counter-tables';
import { appendOutbox, outboxTables } from '../db/outbox';
import type { PosDb } from '../db/pos-db';

/** The level a new member starts at, as the server's members table defaults it. */
export const DEFAULT_MEMBER_LEVEL = '普通';

/** A member QR carries `hexiao-member:<phone>` or just the phone digits. */
export function phoneFromScan(text: string): string {
  return text.replace(/^hexiao-member:/i, '').trim();
}

export async function findMemberByPhone(db: PosDb, input: string): Promise<Result<CounterMember | null, ErrorCode>> {
  const phone = normalizeMemberPhone(phoneFromScan(input));
  if (!phone.ok) return phone;
  return ok((await db.counterMembers.where('phone').equals(phone.value).first()) ?? null);
}

/** Enrols at the counter, offline too: the member exists here at once and the server merges by phone at sync. */
export async function enrolMember(
  db: PosDb,
  o: { memberId: string; phone: string; name: string | null; deviceTime: string },
): Promise<Result<CounterMember, ErrorCode>> {
  const phone = normalizeMemberPhone(o.phone);
  if (!phone.ok) return phone;
  return db.transaction('rw', [db.counterMembers, ...outboxTables(db)], async () => {
    if (await db.counterMembers.where('phone').equals(phone.value).first()) return fail('PHONE_TAKEN', 'this phone is already a member');
    const member: CounterMember = {
      memberId: o.memberId, phone: phone.value, name: o.name, gender: 'unknown', birthday: null, note: null, level: DEFAULT_MEMBER_LEVEL,
      points: 0, visits: 0, vouchersHeld: 0, aliasIds: [], pending: true, version: 0,
    };
    await db.counterMembers.put(member);
    const args: MemberEnrolV1 = { memberId: o.memberId, phone: phone.value, name: o.name };
    await appendOutbox(db, { intent: 'member.enrol@1', args, deviceTime: o.deviceTime, clientId: o.memberId });
    return ok(member);
  });
}
