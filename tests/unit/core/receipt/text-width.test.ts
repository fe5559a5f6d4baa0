import { describe, expect, it } from 'vitest';
import {
  alignToWidth,
  charColumns,
  normalizeReceiptText,
  padEndToWidth,
  textWidth,
  truncateToWidth,
  wrapToWidth,
} from '../../../../core/text-width';

describe('text width on a double-byte receipt printer', () => {
  it('counts ASCII as one column and Hanzi, full-width and GBK symbols as two', () => {
    expect(textWidth('abc 123')).toBe(7);
    expect(textWidth('核销凭证')).toBe(8);
    expect(textWidth('￥12.50')).toBe(7);
    expect(textWidth('（徐汇店）')).toBe(10);
    expect(charColumns('—')).toBe(2);
    expect(charColumns('\u0301')).toBe(0);
    expect(charColumns('ｱ')).toBe(1);
  });

  it('normalises ¥ to ￥, folds accents and drops emoji and astral characters', () => {
    expect(normalizeReceiptText('¥168')).toBe('￥168');
    expect(normalizeReceiptText('Café crème')).toBe('Cafe creme');
    expect(normalizeReceiptText('秒杀🔥券✨ ★好评')).toBe('秒杀券 ★好评');
    expect(normalizeReceiptText('👍🏽 ok\u200d\tgo')).toBe(' ok go');
    expect(normalizeReceiptText('𠮷野家')).toBe('野家');
  });

  it('truncates and pads without splitting a wide character', () => {
    expect(truncateToWidth('核销凭证', 5)).toBe('核销');
    expect(padEndToWidth('核销', 5)).toBe('核销 ');
    expect(alignToWidth('ab', 6, 'right')).toBe('    ab');
    expect(alignToWidth('核', 7, 'center')).toBe('  核   ');
  });

  it('wraps CJK between characters and Latin at word boundaries', () => {
    expect(wrapToWidth('招牌红烧肉配时令蔬菜和手工馒头', 10)).toEqual(['招牌红烧肉', '配时令蔬菜', '和手工馒头']);
    expect(wrapToWidth('Braised pork belly with greens', 12)).toEqual(['Braised pork', 'belly with', 'greens']);
    expect(wrapToWidth('ABCDEFGHIJKLMNOP', 6)).toEqual(['ABCDEF', 'GHIJKL', 'MNOP']);
    expect(wrapToWidth('套餐 Set A 双人', 9)).toEqual(['套餐 Set', 'A 双人']);
    for (const line of wrapToWidth('双人火锅套餐 ￥168 秒杀券 limited offer', 11)) expect(textWidth(line)).toBeLessThanOrEqual(11);
  });
});

describe('line breaking rules', () => {
  it('never starts a line with closing punctuation', () => {
    expect(wrapToWidth('光明食堂（徐汇店）', 16)).toEqual(['光明食堂（徐汇', '店）']);
    expect(wrapToWidth('谢谢惠顾，欢迎光临', 8)).toEqual(['谢谢惠', '顾，欢迎', '光临']);
  });

  it('keeps indentation at the start of a paragraph but not at a wrap point', () => {
    expect(wrapToWidth('  **** **** 9018', 32)).toEqual(['  **** **** 9018']);
    expect(wrapToWidth('  备注: 微辣 不要葱', 12)).toEqual(['  备注: 微辣', '不要葱']);
  });
});
