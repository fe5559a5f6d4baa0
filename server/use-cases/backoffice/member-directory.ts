import { z } from 'zod';
import { maskPhone } from '../../../core/mask';
import { ok } from '../../../core/result';
import { maskCode } from '../../../core/voucher-code';
import { toPage, type Page } from '../../db/keyset-page';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import {
  handlesOf,
  MEMBER_ORDER,
  memberById,
  memberCounts,
  memberRows,
  tagsOf,
  vouchersOfMember,
} from '../../repositories/backoffice/member-queries';
import { visibleStoreIds } from '../../repositories/backoffice/store-scope';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { PageQuery, startAfter } from './page-query';

export const MemberSearchQuery = z.strictObject({ q: z.string().trim().min(1).max(64).optional(), ...PageQuery });
export const MemberParams = z.object({ id: z.string().trim().min(1).max(64) });
export const MEMBER_NOT_FOUND = 'no member with this id';

/** Only an owner sees whole phone numbers in the back office. */
export function phoneFor(session: MerchantSession, phone: string): string {
  return session.user.role === 'owner' ? phone : maskPhone(phone);
}

export interface MemberListItem {
  id: string;
  phone: string;
  name: string | null;
  level: string;
  points: number;
  visits: number;
  tags: string[];
  homeStoreId: string | null;
  createdAt: string;
}

export async function searchMembers(deps: BackofficeDeps, session: MerchantSession, query: z.infer<typeof MemberSearchQuery>): Promise<Outcome<Page<MemberListItem>>> {
  const after = startAfter(query.cursor, MEMBER_ORDER);
  if (!after.ok) return after;
  const merchantId = session.merchant.id;
  const rows = await memberRows(deps.db, merchantId, query.q, after.value, query.limit);
  const tags = await tagsOf(deps.db, merchantId, rows.slice(0, query.limit).map((r) => r.id));
  return ok(
    toPage(rows, query.limit, (r) => [r.created_at, r.id], (r) => ({
      id: r.id,
      phone: phoneFor(session, r.phone),
      name: r.name,
      level: r.level,
      points: Number(r.points),
      visits: r.visits,
      tags: tags.get(r.id) ?? [],
      homeStoreId: r.home_store_id,
      createdAt: r.created_at,
    })),
  );
}

/** A member's profile: fields, tags, handles, how often they came, and the vouchers they hold. */
export async function memberProfile(deps: BackofficeDeps, session: MerchantSession, memberId: string) {
  const merchantId = session.merchant.id;
  const m = await memberById(deps.db, merchantId, memberId);
  if (!m) return failure('MEMBER_NOT_FOUND', MEMBER_NOT_FOUND);
  const [tags, handles, vouchers, counts] = await Promise.all([
    tagsOf(deps.db, merchantId, [m.id]),
    handlesOf(deps.db, merchantId, m.id),
    vouchersOfMember(deps.db, merchantId, m.id),
    memberCounts(deps.db, merchantId, m.id, await visibleStoreIds(deps.db, session)),
  ]);
  return ok({
    member: {
      id: m.id,
      phone: phoneFor(session, m.phone),
      name: m.name,
      gender: m.gender,
      birthday: m.birthday,
      note: m.note,
      level: m.level,
      points: Number(m.points),
      visits: m.visits,
      homeStoreId: m.home_store_id,
      tags: tags.get(m.id) ?? [],
      handles,
      createdAt: m.created_at,
      updatedAt: m.updated_at,
    },
    counts,
    vouchers: vouchers.map((v) => ({
      voucherId: v.id,
      codeMasked: maskCode(v.code),
      campaignId: v.campaign_id,
      campaignTitle: v.title,
      status: v.status,
      uses: v.uses,
      redeemed: v.redeemed,
      remaining: v.uses - v.redeemed,
      validUntil: v.valid_until,
    })),
  });
}
