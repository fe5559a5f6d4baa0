import { MemberPatchResult, MemberPatchV1 } from '../../core/member/member-intents';
import type { MemberField, MemberFields } from '../../core/member/member-patch';
import type { EntryResult } from '../../core/sync';
import type { MemberEdit, MemberFieldConflict } from '../db/member-tables';
import type { PosDb } from '../db/pos-db';
import type { OutboxRecord } from '../db/sync-tables';

/** The tables a push answer for a member edit touches. */
export function memberEditTables(db: PosDb) {
  return [db.memberEdits, db.counterMembers] as const;
}

/**
 * The conflicts worth showing: the server reports every field someone else changed after the
 * base version, but a value the cashier saw on the card when editing (their own earlier edit,
 * the name given at enrolment) was replaced knowingly.
 */
export function surprisingConflicts(edit: Pick<MemberEdit, 'previous'>, reported: readonly MemberFieldConflict[]): MemberFieldConflict[] {
  return reported.filter((c) => (edit.previous[c.field] ?? null) !== (c.overwritten ?? null));
}

/** A refused edit gives the fields it changed back, unless a later edit here changed them again. */
async function undo(db: PosDb, edit: MemberEdit): Promise<void> {
  const member = await db.counterMembers.get(edit.memberId);
  if (!member) return;
  const later = (await db.memberEdits.where('memberId').equals(edit.memberId).toArray()).filter((e) => e.patchId > edit.patchId && e.status !== 'rejected');
  const restore = Object.fromEntries(Object.entries(edit.previous).filter(([field]) => !later.some((e) => field in e.fields))) as Partial<MemberFields>;
  if (Object.keys(restore).length > 0) await db.counterMembers.put({ ...member, ...restore });
}

/** Records the server's answer to a `member.patch@1` on the edit this terminal keeps for the member card. */
export async function applyMemberEditResult(db: PosDb, entry: OutboxRecord, result: EntryResult): Promise<void> {
  if (entry.intent !== 'member.patch@1') return;
  const args = MemberPatchV1.safeParse(entry.args);
  const edit = args.success ? await db.memberEdits.get(args.data.patchId) : undefined;
  if (!edit) return;
  if (result.status === 'rejected' || result.error !== null) {
    await db.memberEdits.update(edit.patchId, { status: 'rejected', errorCode: result.error?.code ?? 'UNKNOWN' });
    await undo(db, edit);
    return;
  }
  const answer = MemberPatchResult.safeParse(result.result);
  const reported = answer.success ? answer.data.conflicts.map((c) => ({ field: c.field as MemberField, overwritten: c.overwritten })) : [];
  const conflicts = surprisingConflicts(edit, reported);
  await db.memberEdits.update(edit.patchId, {
    status: conflicts.length > 0 ? 'conflict' : 'applied',
    conflicts,
    // An edit of a member enrolled here names the enrolment id; the server answers the member it is now.
    memberId: answer.success ? answer.data.memberId : edit.memberId,
  });
}
