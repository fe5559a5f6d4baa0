import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedemptionTally } from '../../../core/shift/redemption-tally';
import { BACKENDS } from '../../support/server/backends';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from '../sync/support/sync-world';
import { closeShift, openShift, redemption, sale } from './support/counter-entries';

interface ReportBody {
  kind: 'X' | 'Z';
  shift: { openedBy: string; closedBy: string | null };
  redemptions: RedemptionTally;
}

const iso = (msFromNow: number): string => new Date(Date.now() + msFromNow).toISOString();

describe.each(BACKENDS)('shift report: every redemption of the shift (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('counts redemptions made on 核销 (online and offline) and on bills while the shift was open, by campaign, with reversals', async () => {
    const t = w.a1;
    const before = await w.issue(w.campaigns.bothStores);
    expect((await t.pushOk([t.redeem(before.code, { deviceTime: iso(-20 * 60_000) })])).results[0]?.status).toBe('applied');

    const shift = openShift(20000);
    expect((await t.pushOk([t.entry('shift.open@1', shift, iso(-10 * 60_000))])).results[0]?.status).toBe('applied');
    // Online on 核销: two uses of one voucher.
    const online = await w.issue(w.campaigns.bothStores);
    const onlineId = randomUUID();
    const answer = await t.client.post('/vouchers/redeem', { redemptionId: onlineId, code: online.code, count: 2, deviceTime: iso(-5 * 60_000), cashierId: shift.openedBy });
    expect(answer.status).toBe(200);
    // Offline on 核销, then reversed by a manager.
    const offline = await w.issue(w.campaigns.bothStores);
    const offlineEntry = t.redeem(offline.code, { deviceTime: iso(-4 * 60_000) });
    expect((await t.pushOk([offlineEntry])).results[0]?.status).toBe('applied');
    expect((await t.pushOk([t.reverse(offlineEntry.args.redemptionId, w.manager.id, iso(-3 * 60_000))])).results[0]?.status).toBe('applied');
    // A cash voucher on a bill.
    const cash = await w.issue(w.campaigns.storeAOnly);
    const onBill = redemption(cash.code);
    const bill = sale({ shiftId: shift.shiftId, vouchers: [{ use: 'tender', redemption: onBill }], payments: [{ kind: 'voucher', redemptionId: onBill.redemptionId, amountFen: 5000 }, { kind: 'cash', receivedFen: 1800 }], totalFen: 6800, changeFen: 0 });
    expect((await t.pushOk([t.entry('sale.create@1', bill, iso(-2 * 60_000))])).results[0]?.status).toBe('applied');
    // Another terminal's redemption is not this shift's.
    const elsewhere = await w.issue(w.campaigns.bothStores);
    expect((await w.a2.pushOk([w.a2.redeem(elsewhere.code, { deviceTime: iso(-60_000) })])).results[0]?.status).toBe('applied');

    const x = await w.merchantClient.get<ReportBody>(`/merchant/shifts/${shift.shiftId}/report`);
    expect(x.status).toBe(200);
    expect(x.body.kind).toBe('X');
    const expected: RedemptionTally = {
      redemptions: 3, uses: 4, offline: 2, reversed: 1,
      byCampaign: [
        { campaignKey: w.campaigns.storeAOnly.id, title: '50元代金券', redemptions: 1, uses: 1, offline: 1, reversed: 0 },
        { campaignKey: w.campaigns.bothStores.id, title: '双人套餐', redemptions: 2, uses: 3, offline: 1, reversed: 1 },
      ],
    };
    expect(x.body.redemptions).toEqual(expected);

    const closed = await t.pushOk([t.entry('shift.close@1', closeShift(shift.shiftId, w.manager.id, [{ denominationFen: 10000, count: 2 }]), iso(-30_000))]);
    expect(closed.results[0]?.status).toBe('applied');
    // After the close, a redemption on this terminal belongs to no closed shift.
    const later = await w.issue(w.campaigns.bothStores);
    expect((await t.pushOk([t.redeem(later.code)])).results[0]?.status).toBe('applied');
    const z = await w.merchantClient.get<ReportBody>(`/merchant/shifts/${shift.shiftId}/report`);
    expect(z.body.kind).toBe('Z');
    expect(z.body.redemptions).toEqual(expected);
    expect(z.body.shift).toMatchObject({ openedBy: shift.openedBy, closedBy: 'cashier-1' });
  });
});
