import { describe, expect, it } from 'vitest';
import type { RedemptionRecord } from '../../../../core/redemption-api';
import type { LocalRedemption } from '../../../../renderer/db/pos-db';
import { redemptionOfLabel, slipDocument, slipFactsFromHistory, slipFactsFromRecord, slipLabel } from '../../../../renderer/hardware/slip-data';
import { previewRows, previewText } from '../../../../renderer/hardware/receipt/preview-rows';

const record: RedemptionRecord = {
  redemptionId: '0192f0c4-7a3e-7b21-9c55-3d2e8f6a1b40',
  voucherId: 'v-1',
  codeMasked: '**** **** 9018',
  campaignTitle: '微美食 双人套餐 闪购券',
  count: 2,
  remaining: 0,
  storeId: 's-1',
  terminalId: 't-1',
  cashierId: null,
  deviceTime: '2026-11-25T04:05:00Z',
  serverTime: '2026-11-25T04:05:06Z',
  mode: 'online',
  outcome: 'accepted',
};

const entry = (patch: Partial<LocalRedemption>): LocalRedemption => ({
  redemptionId: record.redemptionId,
  codeMasked: record.codeMasked,
  campaignTitle: record.campaignTitle,
  count: 1,
  status: 'accepted',
  remaining: 1,
  errorCode: null,
  deviceTime: '2026-11-25T04:05:00Z',
  serverTime: '2026-11-25T04:05:06Z',
  mode: 'online',
  voucherId: null,
  basis: null,
  valueFen: 0,
  settledAt: 0,
  reversal: null,
  ...patch,
});

const place = { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', storeName: '国贸店', terminalName: '国贸店 收银台 1' };
const lines = (facts: Parameters<typeof slipDocument>[0], reprint = false) =>
  previewText(previewRows(slipDocument(facts, place, reprint), { columns: 48, qrModuleSize: 6 })).map((l) => l.trim());

describe('the 核销凭证 of a redemption', () => {
  it('says what the server recorded: count, uses left, store and the server time in the merchant zone', () => {
    const printed = lines(slipFactsFromRecord(record, '小王'));
    expect(printed).toContain('核销凭证');
    expect(printed).toContainEqual(expect.stringMatching(/^收银员 +小王$/));
    expect(printed).toContainEqual(expect.stringMatching(/^核销次数 +2$/));
    expect(printed).toContainEqual(expect.stringMatching(/^剩余次数 +0$/));
    expect(printed).toContainEqual(expect.stringMatching(/^门店 +国贸店$/));
    expect(printed).toContainEqual(expect.stringMatching(/^时间 +2026-11-25 12:05:06$/));
    expect(printed).toContainEqual(expect.stringMatching(/^券码 +\*\*\*\* \*\*\*\* 9018$/));
    expect(printed).not.toContain('离线核销，待同步确认');
  });

  it('marks an offline redemption as waiting for the server, at the device time', () => {
    const printed = lines(slipFactsFromHistory(entry({ mode: 'offline', status: 'pending', serverTime: null }))!);
    expect(printed).toContain('离线核销，待同步确认');
    expect(printed).toContainEqual(expect.stringMatching(/^时间 +2026-11-25 12:05:00$/));
  });

  it('marks a reprint', () => {
    expect(lines(slipFactsFromRecord(record, '小王'), true)).toContain('** 重印 **');
  });

  it('names the shared counter user as such, and a redemption from before cashiers were named as unknown', () => {
    expect(lines(slipFactsFromRecord(record, null))).toContainEqual(expect.stringMatching(/^收银员 +共用账号$/));
    expect(lines(slipFactsFromHistory(entry({ cashierName: '李店长' }))!)).toContainEqual(expect.stringMatching(/^收银员 +李店长$/));
    expect(lines(slipFactsFromHistory(entry({}))!)).toContainEqual(expect.stringMatching(/^收银员 +-$/));
  });

  it('prints no slip for a conflict: it took no use', () => {
    expect(slipFactsFromHistory(entry({ mode: 'offline', status: 'conflict' }))).toBeNull();
  });

  it('prints nothing for a redemption that may not have happened or was refused', () => {
    expect(slipFactsFromHistory(entry({ status: 'pending', serverTime: null, remaining: null }))).toBeNull();
    expect(slipFactsFromHistory(entry({ status: 'rejected', errorCode: 'VOUCHER_EXHAUSTED' }))).toBeNull();
    // A conflict took no use: no 核销凭证 for it.
    expect(slipFactsFromHistory(entry({ status: 'conflict' }))).toBeNull();
  });

  it('labels its print job with the redemption, so the recent list finds the job again', () => {
    expect(redemptionOfLabel(slipLabel(record.redemptionId))).toBe(record.redemptionId);
    expect(redemptionOfLabel('test-page')).toBeNull();
  });
});
