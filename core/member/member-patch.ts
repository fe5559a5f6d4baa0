import { z } from 'zod';

/** `YYYY-MM-DD` naming a day that exists (no 02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}

/** The member fields a counter may edit; each is patched on its own. */
export const MemberFields = z.object({
  name: z.string().max(50).nullable(),
  gender: z.enum(['female', 'male', 'unknown']),
  birthday: z.string().refine(isCalendarDate, { message: 'not a calendar date (YYYY-MM-DD)' }).nullable(),
  note: z.string().max(500).nullable(),
  level: z.string().min(1).max(30),
});
export type MemberFields = z.infer<typeof MemberFields>;
export type MemberField = keyof MemberFields;

export interface VersionedMember {
  fields: MemberFields;
  version: number;
  /** The member version at which each field was last written. */
  fieldVersions: Partial<Record<MemberField, number>>;
}

export interface PatchOutcome {
  member: VersionedMember;
  /** Fields someone else changed after `baseVersion`: the patch still wins, the terminal shows them. */
  conflicts: { field: MemberField; overwritten: unknown }[];
}

/**
 * Field patches with a base version, resolved by "last writer by server receipt": every patched
 * field takes the patch's value; a field changed by another writer since the base version is
 * reported as a conflict with the value it replaced. Untouched fields keep the other writer's value.
 */
export function applyMemberPatch(current: VersionedMember, patch: Partial<MemberFields>, baseVersion: number): PatchOutcome {
  const version = current.version + 1;
  const fields = { ...current.fields };
  const fieldVersions = { ...current.fieldVersions };
  const conflicts: PatchOutcome['conflicts'] = [];
  for (const key of Object.keys(patch) as MemberField[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if ((current.fieldVersions[key] ?? 0) > baseVersion && current.fields[key] !== value) {
      conflicts.push({ field: key, overwritten: current.fields[key] });
    }
    (fields as Record<MemberField, unknown>)[key] = value;
    fieldVersions[key] = version;
  }
  return { member: { fields, version, fieldVersions }, conflicts };
}
