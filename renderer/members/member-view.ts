import type { CounterMember } from '../db/counter-tables';
import type { MemberEdit } from '../db/member-tables';
import type { PosDb } from '../db/pos-db';
import { recentSalesOf, type MemberSaleLine } from './member-history';

/** What the member card shows: the member as stored here, its edits still worth showing, its recent sales. */
export interface MemberView {
  member: CounterMember;
  /** Waiting for the server, or answered with a conflict or a refusal the cashier has not dismissed. */
  edits: MemberEdit[];
  history: MemberSaleLine[];
}

function worthShowing(edit: MemberEdit): boolean {
  return edit.status === 'pending' || (edit.dismissedAt === null && (edit.status === 'conflict' || edit.status === 'rejected'));
}

/**
 * The member with this phone (the terminal's unique key for members; an enrolment merged at the
 * server is replaced by the member it joined, under the same phone), or null.
 */
export async function readMemberView(db: PosDb, phone: string): Promise<MemberView | null> {
  const member = await db.counterMembers.where('phone').equals(phone).first();
  if (!member) return null;
  const edits = await db.memberEdits.where('memberId').anyOf([member.memberId, ...member.aliasIds]).sortBy('patchId');
  return { member, edits: edits.filter(worthShowing), history: await recentSalesOf(db, member) };
}

/** The cashier has read a conflict or refusal: it stays stored but leaves the card. */
export async function dismissMemberEdit(db: PosDb, patchId: string, at: string): Promise<void> {
  await db.memberEdits.update(patchId, { dismissedAt: at });
}
