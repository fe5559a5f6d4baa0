import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatVoucherCode,
  generateVoucherCode,
  maskCode,
  parseVoucherCode,
} from '../../../core/voucher-code';

const secure = (n: number) => new Uint8Array(randomBytes(n));

describe('voucher codes', () => {
  it('generates unique, well-formed codes that parse back', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const code = generateVoucherCode(secure);
      expect(code).toMatch(/^\d{12}$/);
      expect(parseVoucherCode(code)).toEqual({ ok: true, value: code });
      seen.add(code);
    }
    expect(seen.size).toBe(20_000);
  });

  it('is well-formed for any byte source (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        let calls = 0;
        const source = (n: number) => {
          calls++;
          // Repeat the arbitrary bytes, then fall back to digits, so rejection sampling ends.
          return calls === 1 ? bytes : new Uint8Array(n).map((_, i) => i);
        };
        const code = generateVoucherCode(source);
        return /^\d{12}$/.test(code) && parseVoucherCode(code).ok;
      }),
    );
  });

  it('does not produce sequential codes from a secure source', () => {
    const a = Number(generateVoucherCode(secure).slice(0, 11));
    const b = Number(generateVoucherCode(secure).slice(0, 11));
    expect(Math.abs(a - b)).toBeGreaterThan(1);
  });

  it('accepts spaces and dashes as typed', () => {
    const code = generateVoucherCode(secure);
    const spaced = formatVoucherCode(code);
    expect(spaced).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(parseVoucherCode(spaced)).toEqual({ ok: true, value: code });
    expect(parseVoucherCode(spaced.replaceAll(' ', '-'))).toEqual({ ok: true, value: code });
  });

  it('reports malformed input and typos with distinct codes', () => {
    expect(parseVoucherCode('1234')).toMatchObject({ ok: false, code: 'CODE_MALFORMED' });
    expect(parseVoucherCode('12345678901a')).toMatchObject({ ok: false, code: 'CODE_MALFORMED' });
    const code = generateVoucherCode(secure);
    const typo = code.slice(0, 11) + String((Number(code[11]) + 1) % 10);
    expect(parseVoucherCode(typo)).toMatchObject({ ok: false, code: 'CODE_CHECK_DIGIT' });
  });

  it('masks all but the last four digits', () => {
    expect(maskCode('123456789012')).toBe('**** **** 9012');
    expect(maskCode('1234 5678 9012')).toBe('**** **** 9012');
  });
});
