import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan } from '../../../core/money';
import { maskPhone } from '../../../core/mask';

describe('money in fen', () => {
  it('formats with the full-width yuan sign', () => {
    expect(formatFen(1250)).toBe('￥12.50');
    expect(formatFen(5)).toBe('￥0.05');
    expect(formatFen(0)).toBe('￥0.00');
    expect(formatFen(-199)).toBe('-￥1.99');
  });

  it('refuses floats', () => {
    expect(() => formatFen(12.5)).toThrow(RangeError);
  });

  it('parses yuan without float error and round-trips (property)', () => {
    expect(parseYuan('12.5')).toEqual({ ok: true, value: 1250 });
    expect(parseYuan('￥0.07')).toEqual({ ok: true, value: 7 });
    expect(parseYuan('1.005')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(parseYuan('abc')).toMatchObject({ ok: false });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const parsed = parseYuan(formatFen(fen).replace('￥', ''));
        return parsed.ok && parsed.value === fen;
      }),
    );
  });

  it('masks phones', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138 1234 1234')).toBe('138****1234');
    expect(maskPhone('12')).toBe('****');
  });
});
