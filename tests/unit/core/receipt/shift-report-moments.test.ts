import { describe, expect, it } from 'vitest';
import type { ReceiptBlock } from '../../../../core/receipt/document';
import { redemptionSlip } from '../../../../core/receipt/templates/redemption-slip';
import { shiftReport, type ShiftReportData } from '../../../../core/receipt/templates/shift-report';
import { tallyRedemptions } from '../../../../core/shift/redemption-tally';
import { sampleRedemptionSlip, sampleShiftReport } from '../../../support/escpos/sample-receipts';

const lines = (blocks: ReceiptBlock[]): string[] =>
  blocks.flatMap((b) => (b.type === 'text' ? [b.text] : b.type === 'columns' ? [b.columns.map((c) => c.text).join(' | ')] : []));

/** The sample Z report, read as an X report printed mid-shift (no close, no count). */
function midShift(locale: 'zh-CN' | 'en'): ShiftReportData {
  const { closedAt: _closed, cashCountedFen: _counted, ...rest } = sampleShiftReport(locale) as ShiftReportData & { closedAt: string; cashCountedFen: number };
  return { ...rest, kind: 'X', printedAt: '2026-11-25T06:30:00Z' };
}

describe('X and Z shift reports say what they are', () => {
  it('an X report is titled mid-shift, prints when it was printed, and no count or difference', () => {
    const zh = lines(shiftReport(midShift('zh-CN')).blocks);
    expect(zh[0]).toBe('X 报表（班中）');
    expect(zh).toContain('班次进行中，未清点现金');
    expect(zh).toContain('打印时间 | 2026-11-25 14:30:00');
    expect(zh.join('\n')).not.toMatch(/交班报表|日结|交班 \||实点现金|差额/);
    expect(zh).toContain('应有现金 | ￥1710.00');
    const en = lines(shiftReport(midShift('en')).blocks);
    expect(en[0]).toBe('X REPORT (MID-SHIFT)');
    expect(en).toContain('Printed | 2026-11-25 14:30:00');
    expect(en.join('\n')).not.toMatch(/SHIFT REPORT|Closed|Cash counted|Difference/);
  });

  it('a Z report prints the close time, the real count and difference, and the cashier', () => {
    const zh = lines(shiftReport({ ...sampleShiftReport('zh-CN'), cashierName: '王小明 / 李店长' }).blocks);
    expect(zh[0]).toBe('Z 报表（交班）');
    expect(zh).toContain('收银员 | 王小明 / 李店长');
    expect(zh).toContain('交班 | 2026-11-25 22:00:00');
    expect(zh).toContain('实点现金 | ￥1709.00');
    expect(zh).toContain('差额 | -￥1.00');
    expect(zh.join('\n')).not.toContain('打印时间');
  });

  it('counts redemptions with offline ones, reversals and each campaign', () => {
    const zh = lines(shiftReport(sampleShiftReport('zh-CN')).blocks);
    expect(zh).toEqual(expect.arrayContaining(['核销笔数 | 57', '  其中离线 | 9', '  其中已撤销 | 1', '核销（按活动）', '  双人火锅套餐 | 40 (已撤销 1)', '  50元代金券 | 17']));
  });
});

describe('redemption tally', () => {
  it('groups by campaign, ordered by title, with uses, offline and reversed counts', () => {
    const tally = tallyRedemptions([
      { campaignKey: 'c2', title: '火锅', count: 2, offline: false, reversed: false },
      { campaignKey: 'c1', title: '代金券', count: 1, offline: true, reversed: true },
      { campaignKey: 'c2', title: '火锅', count: 1, offline: true, reversed: false },
    ]);
    expect(tally).toEqual({
      redemptions: 3, uses: 4, offline: 2, reversed: 1,
      byCampaign: [
        { campaignKey: 'c1', title: '代金券', redemptions: 1, uses: 1, offline: 1, reversed: 1 },
        { campaignKey: 'c2', title: '火锅', redemptions: 2, uses: 3, offline: 1, reversed: 0 },
      ],
    });
  });
});

describe('a reversed redemption’s slip', () => {
  it('says 已撤销 / VOID in double-size type, and no longer claims the uses left', () => {
    for (const [locale, mark] of [['zh-CN', '*** 已撤销 ***'], ['en', '*** VOID ***']] as const) {
      const doc = redemptionSlip({ ...sampleRedemptionSlip(locale), reprint: true, voided: true });
      const marks = doc.blocks.filter((b) => b.type === 'text' && b.text === mark);
      expect(marks.length).toBe(2);
      for (const m of marks) expect(m).toMatchObject({ width: 2, height: 2, bold: true });
      expect(lines(doc.blocks).some((l) => /剩余次数|Remaining/.test(l))).toBe(false);
    }
    const normal = lines(redemptionSlip(sampleRedemptionSlip('zh-CN')).blocks);
    expect(normal.join('\n')).not.toContain('已撤销');
    expect(normal).toContain('剩余次数 | 2');
  });
});
