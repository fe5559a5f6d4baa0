import { describe, expect, it } from 'vitest';
import type { CounterMember } from '../../../../renderer/db/counter-tables';
import { changedFields, draftOf } from '../../../../renderer/members/member-draft';

const member: CounterMember = {
  memberId: 'm-1', phone: '13800001111', name: '王小明', gender: 'unknown', birthday: null, note: '靠窗', level: '普通',
  points: 120, visits: 3, vouchersHeld: 1, aliasIds: [], pending: false, version: 7,
};

describe('a member edit as a field patch', () => {
  it('carries only the fields the cashier changed, trimmed, an emptied box as null', () => {
    const draft = { ...draftOf(member), name: '  王大明 ', note: '   ', birthday: '1990-02-28' };
    expect(changedFields(member, draft)).toEqual({ ok: true, value: { name: '王大明', birthday: '1990-02-28', note: null } });
    expect(changedFields(member, { ...draftOf(member), gender: 'female', level: '金卡' })).toEqual({ ok: true, value: { gender: 'female', level: '金卡' } });
  });

  it('refuses an edit that changes nothing, or values the server would refuse, with stable codes', () => {
    expect(changedFields(member, { ...draftOf(member), name: ' 王小明 ' })).toMatchObject({ ok: false, code: 'MEMBER_UNCHANGED' });
    for (const bad of [{ birthday: '1990-02-30' }, { birthday: '90-1-1' }, { level: '  ' }, { name: '名'.repeat(51) }, { note: 'x'.repeat(501) }]) {
      expect(changedFields(member, { ...draftOf(member), ...bad }), JSON.stringify(bad)).toMatchObject({ ok: false, code: 'MEMBER_FIELD_INVALID' });
    }
  });
});
