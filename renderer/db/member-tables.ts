import type { MemberField, MemberFields } from '../../core/member/member-patch';

/** A field another writer had changed: the cashier's edit won, `overwritten` is the value it replaced. */
export interface MemberFieldConflict {
  field: MemberField;
  overwritten: unknown;
}

/**
 * pending: written here, waiting for the server; applied: the server took it as sent; conflict:
 * taken, but it overwrote someone else's change (shown until dismissed); rejected: refused.
 */
export type MemberEditStatus = 'pending' | 'applied' | 'conflict' | 'rejected';

/** One `member.patch@1` made at this terminal, kept so its outcome can be shown on the member card. */
export interface MemberEdit {
  patchId: string;
  memberId: string;
  baseVersion: number;
  fields: Partial<MemberFields>;
  /** The values the edit replaced, as this terminal showed them. */
  previous: Partial<MemberFields>;
  deviceTime: string;
  status: MemberEditStatus;
  conflicts: MemberFieldConflict[];
  errorCode: string | null;
  dismissedAt: string | null;
}
