import { describe, expect, it } from 'vitest';
import { col, columns, leftRight } from '../../../../core/receipt/blocks';
import type { ColumnsBlock } from '../../../../core/receipt/document';
import { columnWidths, layoutColumns, layoutText } from '../../../../core/receipt/layout';
import { textWidth } from '../../../../core/text-width';

const asColumns = (block: ReturnType<typeof columns>): ColumnsBlock => block as ColumnsBlock;

describe('receipt layout', () => {
  it('puts a label left and an amount flush right in exactly the paper width', () => {
    const [line] = layoutColumns(asColumns(leftRight('合计', '￥103.90')), 32);
    expect(line).toBe(`合计${' '.repeat(20)}￥103.90`);
    expect(textWidth(line!)).toBe(32);
  });

  it('wraps a long item name inside its column and keeps qty and amount aligned', () => {
    const block = asColumns(columns([col('招牌红烧肉配时令蔬菜和手工馒头'), col('x1', 'right', { width: 4 }), col('￥68.00', 'right', { width: 10 })]));
    const lines = layoutColumns(block, 32);
    expect(lines).toEqual(['招牌红烧肉配时令' + ' ' + '  x1' + ' ' + '   ￥68.00', '蔬菜和手工馒头']);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(32);
  });

  it('shrinks fixed columns that would leave no room and never exceeds the width', () => {
    const widths = columnWidths([col('label'), col('x', 'right', { width: 40 })], 32);
    expect(widths.reduce((a, b) => a + b, 0) + 1).toBe(32);
    expect(widths[0]).toBeGreaterThanOrEqual(6);
    expect(columnWidths([col('a', 'left', { weight: 2 }), col('b'), col('c')], 48)).toEqual([24, 11, 11]);
  });

  it('magnified text gets half the cells per line and is aligned with spaces', () => {
    const lines = layoutText({ type: 'text', text: '光明食堂（徐汇店）', align: 'center', width: 2, height: 2, bold: true }, 32);
    expect(lines).toEqual([' 光明食堂（徐汇', '      店）']);
    for (const line of lines) expect(textWidth(line) * 2).toBeLessThanOrEqual(32);
  });
});
