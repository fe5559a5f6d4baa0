import { z } from 'zod';
import type { MerchantRole as MerchantRoleName } from '../../db/schema';

// Loose on purpose: a login only has to be unambiguous, and `owner@demo` (no dot) must pass.
const EMAIL = /^[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*$/;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A login as stored: an e-mail address in lower case, or a mainland mobile number as its 11 digits
 * (spaces, dashes and a +86 / 0086 prefix are dropped). Undefined when it is neither.
 */
export function normalizeLogin(input: string): string | undefined {
  const text = input.trim();
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return EMAIL.test(email) ? email : undefined;
  }
  const digits = text.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return MAINLAND_MOBILE.test(digits) ? digits : undefined;
}

export const LoginName = z
  .string()
  .max(254)
  .transform((value, ctx) => {
    const login = normalizeLogin(value);
    if (login === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected an e-mail address or a mainland mobile number' });
      return z.NEVER;
    }
    return login;
  });

/** Long enough to resist guessing, short enough that hashing it is cheap. */
export const NewPassword = z
  .string()
  .min(10, 'at least 10 characters')
  .max(200, 'at most 200 characters')
  .refine((p) => p.trim().length === p.length, 'no leading or trailing spaces');

export const MerchantRole = z.enum(['owner', 'manager', 'finance', 'support']) satisfies z.ZodType<MerchantRoleName>;

export const UserName = z.string().trim().min(1, 'required').max(60);
