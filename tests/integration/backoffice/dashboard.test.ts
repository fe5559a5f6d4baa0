import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, issueVouchers } from '../../../server/repositories/merchant-setup';
import type { DashboardAnswer } from '../../../server/use-cases/backoffice/dashboard';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { startSignedInBackoffice, type BackofficeServer, type BackofficeWorld } from './support/backoffice-world';
import { insertRedemption, insertSale, insertSaleRefund } from './support/ledger-rows';

const DAY = '2026-03-10';
/** Shanghai is UTC+8: the business day 2026-03-10 runs from 2026-03-09T16:00Z to 2026-03-10T16:00Z. */
const at = (utc: string) => `${utc}.000Z`;

describe.each(BACKENDS)('dashboard figures (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let manager: ApiClient;
  let otherOwner: ApiClient;
  const ids = { duck: '', cash: '' };

  beforeAll(async () => {
    ({ running, world, owner, manager, otherOwner } = await startSignedInBackoffice(kind));
    const db = running.server.db;
    const m = world.merchant.id;
    const campaign = async (title: string, faceValueFen: number) =>
      createCampaign(db, m, { kind: 'product', title, priceFen: 100, faceValueFen, usesPerVoucher: 5, validFrom: new Date('2026-01-01'), validUntil: new Date('2027-01-01'), storeIds: [world.stores.a.id, world.stores.b.id] });
    const duck = await campaign('烤鸭套餐', 12_800);
    const cash = await campaign('50 元代金券', 5_000);
    ids.duck = duck.id;
    ids.cash = cash.id;
    const voucher = async (c: { id: string }) =>
      (await issueVouchers(db, m, { id: c.id, usesPerVoucher: 5, validFrom: new Date('2026-01-01'), validUntil: new Date('2027-01-01') }, { count: 1 }))[0]!.id;
    const v1 = await voucher(duck);
    const v2 = await voucher(cash);
    const a = { merchantId: m, storeId: world.stores.a.id, terminalId: world.terminal.id };
    const b = { merchantId: m, storeId: world.stores.b.id, terminalId: world.terminalB.id };
    // In the day: 00:00 local (16:00Z the day before), 09:30 local, 23:59 local.
    await insertRedemption(db, { ...a, voucherId: v1, at: at('2026-03-09T16:00:00'), count: 2 });
    await insertRedemption(db, { ...a, voucherId: v2, at: at('2026-03-10T01:30:00') });
    await insertRedemption(db, { ...b, voucherId: v1, at: at('2026-03-10T15:59:59') });
    // Outside the day, or not accepted: not counted.
    await insertRedemption(db, { ...a, voucherId: v1, at: at('2026-03-09T15:59:59') });
    await insertRedemption(db, { ...a, voucherId: v1, at: at('2026-03-10T16:00:00') });
    await insertRedemption(db, { ...a, voucherId: v2, at: at('2026-03-10T02:00:00'), outcome: 'conflict' });
    const s1 = await insertSale(db, { ...a, at: at('2026-03-10T02:00:00'), grossFen: 10_000, totalFen: 9_000, tenders: [{ kind: 'cash', amountFen: 4_000 }, { kind: 'wechat', amountFen: 5_000 }] });
    await insertSale(db, { ...b, at: at('2026-03-10T03:00:00'), grossFen: 3_000, totalFen: 3_000, tenders: [{ kind: 'wechat', amountFen: 3_000 }] });
    await insertSale(db, { ...b, at: at('2026-03-10T03:00:00'), grossFen: 7_000, totalFen: 7_000, tenders: [{ kind: 'card', amountFen: 7_000 }], outcome: 'conflict' });
    await insertSale(db, { ...a, at: at('2026-03-11T03:00:00'), grossFen: 1_000, totalFen: 1_000, tenders: [{ kind: 'cash', amountFen: 1_000 }] });
    await insertSaleRefund(db, { ...a, saleId: s1, at: at('2026-03-10T05:00:00'), amountFen: 2_000 });
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('sums the business day in the merchant zone: counter sales by tender, redemptions by store, campaign and hour', async () => {
    const res = await owner.get<DashboardAnswer>(`/merchant/dashboard?date=${DAY}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect([d.date, d.timeZone, d.from, d.until]).toEqual([DAY, 'Asia/Shanghai', '2026-03-09T16:00:00.000Z', '2026-03-10T16:00:00.000Z']);
    expect(d.counter).toMatchObject({ sales: 2, grossFen: 13_000, totalFen: 12_000, refunds: 1, refundedFen: 2_000, netFen: 10_000 });
    expect(d.counter.byTender).toEqual([
      { kind: 'cash', count: 1, amountFen: 4_000 },
      { kind: 'wechat', count: 2, amountFen: 8_000 },
    ]);
    expect(d.redemptions).toMatchObject({ count: 3, uses: 4, faceValueFen: 3 * 12_800 + 5_000, reversals: { count: 0, uses: 0 } });
    expect(d.redemptions.byStore).toEqual([
      { storeId: world.stores.a.id, name: 'A 店', count: 2, uses: 3, faceValueFen: 2 * 12_800 + 5_000 },
      { storeId: world.stores.b.id, name: 'B 店', count: 1, uses: 1, faceValueFen: 12_800 },
    ]);
    expect(d.redemptions.byCampaign).toEqual([
      { campaignId: ids.duck, title: '烤鸭套餐', count: 2, uses: 3, faceValueFen: 3 * 12_800 },
      { campaignId: ids.cash, title: '50 元代金券', count: 1, uses: 1, faceValueFen: 5_000 },
    ]);
    expect(d.redemptions.byHour).toHaveLength(24);
    const busy = d.redemptions.byHour.filter((h) => h.count > 0).map((h) => [h.hour, h.uses]);
    expect(busy).toEqual([
      [0, 2],
      [9, 1],
      [23, 1],
    ]);
  });

  it('narrows to one store, and treats another merchant’s store as missing', async () => {
    const res = await manager.get<DashboardAnswer>(`/merchant/dashboard?date=${DAY}&storeId=${world.stores.b.id}`);
    expect(res.status).toBe(200);
    expect(res.body.storeIds).toEqual([world.stores.b.id]);
    expect(res.body.counter).toMatchObject({ sales: 1, totalFen: 3_000, refunds: 0, netFen: 3_000 });
    expect(res.body.redemptions).toMatchObject({ count: 1, uses: 1, faceValueFen: 12_800 });
    const foreign = await otherOwner.get(`/merchant/dashboard?date=${DAY}&storeId=${world.stores.a.id}`);
    expect([foreign.status, errorCode(foreign)]).toEqual([404, 'NOT_FOUND']);
    const theirs = await otherOwner.get<DashboardAnswer>(`/merchant/dashboard?date=${DAY}`);
    expect([theirs.body.counter.sales, theirs.body.redemptions.count]).toEqual([0, 0]);
  });

  it('refuses a bad date or store id with the field named, and answers today by default', async () => {
    for (const query of ['date=2026-02-30', 'date=yesterday', 'storeId=abc', 'extra=1']) {
      const res = await owner.get<{ error: { details: { fields: { field: string }[] } } }>(`/merchant/dashboard?${query}`);
      expect([res.status, errorCode(res)], query).toEqual([400, 'VALIDATION_FAILED']);
    }
    const today = await owner.get<DashboardAnswer>('/merchant/dashboard');
    expect(today.status).toBe(200);
    expect(today.body.redemptions.count).toBe(0);
    expect(errorCode(await owner.withToken(undefined).get('/merchant/dashboard'))).toBe('UNAUTHORIZED');
  });
});
