import { describe, expect, it } from 'vitest';
import { applyMemberPatch, type VersionedMember } from '../../../../core/member/member-patch';
import { normalizeMemberPhone } from '../../../../core/member/phone';
import { INTENTS } from '../../../../core/sync/intents';

const base: VersionedMember = {
  fields: { name: '张三', gender: 'unknown', birthday: null, note: null, level: '普通' },
  version: 3,
  fieldVersions: { name: 1, note: 3 },
};

describe('members', () => {
  it('normalises mainland mobile numbers', () => {
    expect(normalizeMemberPhone('+86 138-0013-8000')).toEqual({ ok: true, value: '13800138000' });
    expect(normalizeMemberPhone('12345')).toMatchObject({ ok: false, code: 'PHONE_INVALID' });
  });

  it('applies a patch on the current version without conflicts', () => {
    const out = applyMemberPatch(base, { name: '张三丰' }, 3);
    expect(out.member).toMatchObject({ version: 4, fields: { name: '张三丰', note: null }, fieldVersions: { name: 4 } });
    expect(out.conflicts).toEqual([]);
  });

  it('last writer by server receipt wins a field changed since the base version, reported as a conflict', () => {
    const out = applyMemberPatch(base, { note: '不吃辣', name: '张三' }, 2);
    expect(out.member.fields.note).toBe('不吃辣');
    expect(out.conflicts).toEqual([{ field: 'note', overwritten: null }]);
  });

  it('lists the counter intents beside the voucher ones', () => {
    expect(Object.keys(INTENTS)).toEqual(expect.arrayContaining(['sale.create@1', 'sale.refund@1', 'member.enrol@1', 'member.patch@1', 'shift.open@1', 'shift.close@1', 'cash.move@1']));
    expect(INTENTS['member.patch@1'].safeParse({ patchId: '0193e0a0-0000-7000-8000-000000000001', memberId: '0193e0a0-0000-7000-8000-000000000002', baseVersion: 1, fields: {} }).success).toBe(false);
  });
});
