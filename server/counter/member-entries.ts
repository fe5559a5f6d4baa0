import { applyMemberPatch, MemberFields, type MemberField, type VersionedMember } from '../../core/member/member-patch';
import type { MemberEnrolResult, MemberEnrolV1, MemberPatchResult, MemberPatchV1 } from '../../core/member/member-intents';
import { normalizeMemberPhone, storedMemberPhone } from '../../core/member/phone';
import { applied, conflicted, rejected, type EntryContext, type EntryOutcome } from '../sync/push/entry-outcome';
import { first, num, q, str, type Steps } from '../sync/sql/steps';
import { audit, resolveMember } from './member-statements';

/**
 * `member.enrol@1`: the phone is unique per merchant. A phone enrolled at two stores while offline
 * becomes one member: the later enrolment's id is kept as an alias of the first, so its sales and
 * points land on the same member and both histories stay.
 */
export function* memberEnrolEntry(ctx: EntryContext, args: MemberEnrolV1): Steps<EntryOutcome> {
  const merchantId = ctx.session.merchant.id;
  const phone = normalizeMemberPhone(args.phone);
  if (!phone.ok) return rejected(ctx, phone.code, phone.message);
  const alias = args.memberId.toLowerCase();
  const known = yield* resolveMember(merchantId, alias);
  if (known) return applied(ctx, { memberId: known.id, merged: known.id !== alias } satisfies MemberEnrolResult);
  // The counter types 11 digits; members are kept in E.164 (rows enrolled before migration 008 may still hold the digits).
  const stored = storedMemberPhone(phone.value);
  const existing = yield* first(`SELECT id FROM members WHERE merchant_id = ? AND phone IN (?, ?)`, [merchantId, stored, phone.value]);
  let memberId = alias;
  if (existing) {
    memberId = str(existing, 'id');
    if (args.name) {
      yield q(`UPDATE members SET name = coalesce(name, ?), version = version + 1, updated_at = ? WHERE merchant_id = ? AND id = ?`, [
        args.name, ctx.serverTime, merchantId, memberId,
      ]);
    }
  } else {
    yield q(
      `INSERT INTO members (merchant_id, id, phone, first_order_id, created_at, updated_at, name, home_store_id, field_versions)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      [merchantId, memberId, stored, ctx.serverTime, ctx.serverTime, args.name, ctx.session.store.id, JSON.stringify(args.name ? { name: 1 } : {})],
    );
  }
  yield q(`INSERT INTO member_aliases (merchant_id, alias_id, member_id, store_id, terminal_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`, [
    merchantId, alias, memberId, ctx.session.store.id, ctx.session.terminal.id, ctx.serverTime,
  ]);
  yield* audit(merchantId, ctx.serverTime, ctx.session.terminal.id, 'member.enrol', memberId, { alias, merged: existing !== undefined });
  return applied(ctx, { memberId, merged: existing !== undefined } satisfies MemberEnrolResult);
}

const FIELD_COLUMNS: Record<MemberField, string> = { name: 'name', gender: 'gender', birthday: 'birthday', note: 'note', level: 'level' };

/** `member.patch@1`: last writer by server receipt per field; overwritten concurrent edits come back as conflicts. */
export function* memberPatchEntry(ctx: EntryContext, args: MemberPatchV1): Steps<EntryOutcome> {
  const merchantId = ctx.session.merchant.id;
  const found = yield* resolveMember(merchantId, args.memberId.toLowerCase());
  if (!found) return rejected(ctx, 'MEMBER_NOT_FOUND', 'no such member');
  const row = yield* first(`SELECT * FROM members WHERE merchant_id = ? AND id = ?`, [merchantId, found.id]);
  const fields = MemberFields.parse({
    name: row?.['name'] ?? null, gender: row?.['gender'] ?? 'unknown', birthday: row?.['birthday'] ?? null, note: row?.['note'] ?? null, level: row?.['level'] ?? '普通',
  });
  const current: VersionedMember = { fields, version: num(row, 'version'), fieldVersions: JSON.parse(str(row, 'field_versions')) as VersionedMember['fieldVersions'] };
  const out = applyMemberPatch(current, args.fields, args.baseVersion);
  const sets = Object.keys(args.fields).map((k) => `${FIELD_COLUMNS[k as MemberField]} = ?`);
  yield q(
    `UPDATE members SET ${sets.join(', ')}, version = ?, field_versions = ?, updated_at = ? WHERE merchant_id = ? AND id = ?`,
    [...Object.keys(args.fields).map((k) => out.member.fields[k as MemberField]), out.member.version, JSON.stringify(out.member.fieldVersions), ctx.serverTime, merchantId, found.id],
  );
  yield* audit(merchantId, ctx.serverTime, ctx.session.terminal.id, 'member.patch', found.id, { fields: Object.keys(args.fields), conflicts: out.conflicts.map((c) => c.field) });
  const result: MemberPatchResult = { memberId: found.id, version: out.member.version, conflicts: out.conflicts };
  return out.conflicts.length > 0 ? conflicted(ctx, result) : applied(ctx, result);
}
