import { z } from 'zod';
import { MemberFields } from './member-patch';

/**
 * `member.enrol@1`: a member enrolled at the counter, offline too. `memberId` is made by the
 * terminal; when the phone already belongs to a member the server maps this id onto that member
 * (both histories kept) and answers with the surviving id.
 */
export const MemberEnrolV1 = z.object({
  memberId: z.uuid(),
  phone: z.string().min(1).max(20),
  name: z.string().max(50).nullable(),
});
export type MemberEnrolV1 = z.infer<typeof MemberEnrolV1>;

/** `member.patch@1`: changed fields only, with the member version the cashier saw. */
export const MemberPatchV1 = z.object({
  patchId: z.uuid(),
  memberId: z.uuid(),
  baseVersion: z.number().int().min(0),
  fields: MemberFields.partial().refine((f) => Object.keys(f).length > 0, { message: 'nothing to change' }),
});
export type MemberPatchV1 = z.infer<typeof MemberPatchV1>;

export const MemberEnrolResult = z.object({
  memberId: z.string(),
  /** True when the phone was already a member: this enrolment joined that member. */
  merged: z.boolean(),
});
export type MemberEnrolResult = z.infer<typeof MemberEnrolResult>;

export const MemberPatchResult = z.object({
  memberId: z.string(),
  version: z.number().int(),
  conflicts: z.array(z.object({ field: z.string(), overwritten: z.unknown() })),
});
export type MemberPatchResult = z.infer<typeof MemberPatchResult>;
