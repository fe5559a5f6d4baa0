import { describe, expect, it } from 'vitest';
import { dammCheckDigit, dammIsValid } from '../../../core/damm';

function randomDigits(n: number, seed: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out += String(s % 10);
  }
  return out;
}

describe('Damm check digit', () => {
  it('matches the published example 572 → 4', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(dammIsValid('5724')).toBe(true);
    expect(dammIsValid('5723')).toBe(false);
  });

  it('catches every single-digit error and every adjacent transposition over a sample', () => {
    for (let sample = 0; sample < 2000; sample++) {
      const body = randomDigits(11, sample + 1);
      const code = body + String(dammCheckDigit(body));
      expect(dammIsValid(code)).toBe(true);
      for (let pos = 0; pos < code.length; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === code[pos]) continue;
          const typo = code.slice(0, pos) + String(d) + code.slice(pos + 1);
          expect(dammIsValid(typo), `single-digit error at ${pos}`).toBe(false);
        }
        if (pos < code.length - 1 && code[pos] !== code[pos + 1]) {
          const swapped = code.slice(0, pos) + code[pos + 1]! + code[pos]! + code.slice(pos + 2);
          expect(dammIsValid(swapped), `transposition at ${pos}`).toBe(false);
        }
      }
    }
  });

  it('rejects non-digits', () => {
    expect(dammIsValid('')).toBe(false);
    expect(dammIsValid('12a4')).toBe(false);
  });
});
