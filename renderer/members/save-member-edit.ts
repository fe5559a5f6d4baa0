import type { MemberPatchV1 } from '../../core/member/member-intents';
import type { MemberField, MemberFields } from '../../core/member/member-patch';
import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import type { CounterMember } from '../db/counter-tables';
import type { MemberEdit } from '../db/member-tables';
import { appendOutbox, outboxTables } from '../db/outbox';
import type { PosDb } from '../db/pos-db';
import { fieldsOf } from './member-draft';

export interface MemberEditInput {
  patchId: string;
  /** The member as the cashier saw it: its version is the patch's base. */
  seen: CounterMember;
  fields: Partial<MemberFields>;
  deviceTime: string;
}

/**
 * Edits a member at once, offline too: the local row takes the new values, the edit is kept
 * pending for the member card, and a `member.patch@1` with only the changed fields and the base
 * version the cashier saw goes into the outbox — all in one transaction.
 */
export async function saveMemberEdit(db: PosDb, input: MemberEditInput): Promise<Result<CounterMember, ErrorCode>> {
  return db.transaction('rw', [db.counterMembers, db.memberEdits, ...outboxTables(db)], async () => {
    const current = await db.counterMembers.get(input.seen.memberId);
    if (!current) return fail('MEMBER_NOT_FOUND', 'this member is not on this terminal');
    const shown = fieldsOf(current);
    const previous = Object.fromEntries(Object.keys(input.fields).map((f) => [f, shown[f as MemberField]])) as Partial<MemberFields>;
    const edit: MemberEdit = {
      patchId: input.patchId, memberId: current.memberId, baseVersion: input.seen.version, fields: input.fields, previous,
      deviceTime: input.deviceTime, status: 'pending', conflicts: [], errorCode: null, dismissedAt: null,
    };
    const args: MemberPatchV1 = { patchId: input.patchId, memberId: current.memberId, baseVersion: input.seen.version, fields: input.fields };
    const updated: CounterMember = { ...current, ...input.fields };
    await db.counterMembers.put(updated);
    await db.memberEdits.add(edit);
    await appendOutbox(db, { intent: 'member.patch@1', args, deviceTime: input.deviceTime, clientId: input.patchId });
    return ok(updated);
  });
}
