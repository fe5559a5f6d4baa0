import { describe, expect, it } from 'vitest';
import { parseYuan } from '../../../core/money';
import { toAsciiTyped } from '../../../core/typed-text';

// What a Chinese IME puts in a field: full-width digits, letters, signs and the ideographic space.
describe('typed text from a Chinese IME', () => {
  it('turns full-width digits, letters, signs and spaces into ASCII', () => {
    expect(toAsciiTyped('０１２３ ４５６７　８９')).toBe('0123 4567 89');
    expect(toAsciiTyped('ＡＢｃ－＋')).toBe('ABc-+');
    expect(toAsciiTyped('１２。５')).toBe('12.5');
    expect(toAsciiTyped('宫保鸡丁 gbjd 42')).toBe('宫保鸡丁 gbjd 42');
  });

  it('reads full-width amounts as yuan', () => {
    expect(parseYuan('１２．５')).toEqual({ ok: true, value: 1250 });
    expect(parseYuan('１２。５０')).toEqual({ ok: true, value: 1250 });
    expect(parseYuan('￥２００')).toEqual({ ok: true, value: 20000 });
    expect(parseYuan('１２ａ').ok).toBe(false);
  });

});
