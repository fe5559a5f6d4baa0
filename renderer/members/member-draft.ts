import { MemberFields, type MemberField } from '../../core/member/member-patch';
import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import type { CounterMember } from '../db/counter-tables';

/** The member form as a cashier fills it: text boxes hold strings, an empty box means "not given". */
export interface MemberDraft {
  name: string;
  gender: MemberFields['gender'];
  birthday: string;
  note: string;
  level: string;
}

export const EDITABLE_FIELDS: readonly MemberField[] = ['name', 'gender', 'birthday', 'note', 'level'];

export function draftOf(member: CounterMember): MemberDraft {
  return { name: member.name ?? '', gender: member.gender, birthday: member.birthday ?? '', note: member.note ?? '', level: member.level };
}

export function fieldsOf(member: CounterMember): MemberFields {
  return { name: member.name, gender: member.gender, birthday: member.birthday, note: member.note, level: member.level };
}

/**
 * The fields the cashier changed, as a `member.patch@1` carries them: only those, trimmed, an
 * empty optional box as null. Nothing changed or a value the server would refuse is an error.
 */
export function changedFields(member: CounterMember, draft: MemberDraft): Result<Partial<MemberFields>, ErrorCode> {
  const wanted = {
    name: draft.name.trim() || null,
    gender: draft.gender,
    birthday: draft.birthday.trim() || null,
    note: draft.note.trim() || null,
    level: draft.level.trim(),
  };
  const valid = MemberFields.safeParse(wanted);
  if (!valid.success) return fail('MEMBER_FIELD_INVALID', valid.error.issues.map((i) => i.path.join('.')).join(', '));
  const current = fieldsOf(member);
  const changed: Partial<Record<MemberField, unknown>> = {};
  for (const field of EDITABLE_FIELDS) if (valid.data[field] !== current[field]) changed[field] = valid.data[field];
  if (Object.keys(changed).length === 0) return fail('MEMBER_UNCHANGED', 'nothing was changed');
  return ok(changed as Partial<MemberFields>);
}
