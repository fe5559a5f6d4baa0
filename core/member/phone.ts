import { fail, ok, type Result } from '../result';

/** A mainland mobile number as members are keyed: 11 digits from 1, spaces, dashes and +86 dropped. */
export function normalizeMemberPhone(input: string): Result<string> {
  const digits = input.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (!/^1[3-9]\d{9}$/.test(digits)) return fail('PHONE_INVALID', 'a member phone is an 11-digit mobile number');
  return ok(digits);
}

/**
 * How the server keeps a member's phone: E.164, as online orders give it, so a counter enrolment and
 * an online order of the same person meet on the merchant's unique phone.
 */
export function storedMemberPhone(elevenDigits: string): string {
  return `+86${elevenDigits}`;
}
