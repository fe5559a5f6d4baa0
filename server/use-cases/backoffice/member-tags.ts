import { z } from 'zod';
import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { runScript, type TransactionScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { MEMBER_NOT_FOUND } from './member-directory';

export const MemberTagsRequest = z.strictObject({
  tags: z.array(z.string().trim().min(1, 'a tag cannot be empty').max(20, 'a tag has at most 20 characters')).max(20, 'at most 20 tags'),
});

/** Replaces a member's tags (duplicates dropped), audited with what they were before. */
export async function setMemberTags(deps: BackofficeDeps, session: MerchantSession, memberId: string, input: z.infer<typeof MemberTagsRequest>): Promise<Outcome<{ tags: string[] }>> {
  const tags = [...new Set(input.tags)].sort();
  return runScript(deps.db, () => tagScript(deps.db, session, memberId, tags, deps.now().toISOString()));
}

function* tagScript(db: Db, session: MerchantSession, memberId: string, tags: string[], at: string): TransactionScript<Outcome<{ tags: string[] }>> {
  const merchantId = session.merchant.id;
  const k = db.kysely;
  const found = yield k.selectFrom('members').select('id').where('merchant_id', '=', merchantId).where('id', '=', memberId).compile();
  if (found.rows.length === 0) return failure('MEMBER_NOT_FOUND', MEMBER_NOT_FOUND);
  const before = (yield k.selectFrom('member_tags').select('tag').where('merchant_id', '=', merchantId).where('member_id', '=', memberId).orderBy('tag').compile()).rows.map((r) => String(r['tag']));
  yield k.deleteFrom('member_tags').where('merchant_id', '=', merchantId).where('member_id', '=', memberId).compile();
  if (tags.length > 0) {
    yield k.insertInto('member_tags').values(tags.map((tag) => ({ merchant_id: merchantId, member_id: memberId, tag, created_at: at }))).compile();
  }
  yield userAuditInsert(db, { merchantId, userId: session.user.id, action: 'member.tags', subjectId: memberId, details: { from: before, to: tags }, at }).compile();
  return ok({ tags });
}
