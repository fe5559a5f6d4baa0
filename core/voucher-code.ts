import { dammCheckDigit, dammIsValid } from './damm';
import { fail, ok, type Result } from './result';

/** Twelve digits, the last a Damm check digit. Branded so unchecked strings cannot pass for one. */
export type VoucherCode = string & { readonly __brand: 'VoucherCode' };

export const VOUCHER_CODE_LENGTH = 12;

/** A source of cryptographically secure random bytes (Web Crypto or node:crypto), injected. */
export type RandomBytes = (length: number) => Uint8Array;

/**
 * Eleven uniformly random digits plus the check digit. Bytes ≥ 250 are rejected so that
 * `byte % 10` carries no bias.
 */
export function generateVoucherCode(randomBytes: RandomBytes): VoucherCode {
  let body = '';
  while (body.length < VOUCHER_CODE_LENGTH - 1) {
    for (const byte of randomBytes(16)) {
      if (byte < 250 && body.length < VOUCHER_CODE_LENGTH - 1) body += String(byte % 10);
    }
  }
  return (body + String(dammCheckDigit(body))) as VoucherCode;
}

/** Accepts what a person types or a scanner sends: spaces and dashes are ignored. */
export function parseVoucherCode(
  input: string,
): Result<VoucherCode, 'CODE_MALFORMED' | 'CODE_CHECK_DIGIT'> {
  const digits = input.replace(/[\s\-\u3000]/g, '');
  if (!/^\d+$/.test(digits) || digits.length !== VOUCHER_CODE_LENGTH) {
    return fail('CODE_MALFORMED', 'a voucher code is 12 digits');
  }
  if (!dammIsValid(digits)) {
    return fail('CODE_CHECK_DIGIT', 'the code has a typo: its check digit does not match');
  }
  return ok(digits as VoucherCode);
}

/** `123456789012` → `1234 5678 9012`. */
export function formatVoucherCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Never show or log a full code: `**** **** 9012`. */
export function maskCode(code: string): string {
  const digits = code.replace(/\D/g, '');
  return `**** **** ${digits.slice(-4).padStart(4, '*')}`;
}
