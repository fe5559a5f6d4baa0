const E164 = /^\+[1-9]\d{6,14}$/;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const HANDLE = /^[a-z][a-z0-9_-]{1,31}:[^\s]{1,96}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** A platform handle for DMs: `platform:account`, e.g. `douyin:buyer_42`. */
export function isPlatformHandle(value: string): boolean {
  return HANDLE.test(value);
}

/**
 * Normalises what a buyer or a channel gave as a phone: `138 1234 1234`, `+86 138-1234-1234` and
 * `008613812341234` all become `+8613812341234`. Null when it cannot be a phone number.
 */
export function normalizePhone(input: string): string | null {
  let digits = input.replace(/[\s\-()]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (MAINLAND_MOBILE.test(digits)) return `+86${digits}`;
  return isE164(digits) ? digits : null;
}

/** Mainland numbers without the country code (what most Chinese SMS APIs want), others as digits. */
export function nationalOrInternational(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.slice(1);
}
