import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import {
  auditRows,
  startSignedInBackoffice,
  type BackofficeServer,
  type BackofficeWorld,
} from './support/backoffice-world';
import { campaignBody, type CampaignBody, type FieldErrorBody } from './support/campaign-body';
import { insertOrder, issueForOrder, redeemAt, type OrderRow } from './support/sales-rows';

const HOUR = 3_600_000;

describe.each(BACKENDS)('campaign stats and group-price settlement (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let manager: ApiClient;
  let otherOwner: ApiClient;

  beforeAll(async () => {
    ({ running, world, owner, manager, otherOwner } = await startSignedInBackoffice(kind));
  });
  afterAll(async () => {
    await running?.stop();
  });

  const db = () => running.server.db;
  const publish = async (overrides: Record<string, unknown>) => {
    const created = await owner.post<CampaignBody>('/merchant/campaigns', campaignBody([world.stores.a.id], running.clock.now(), overrides));
    expect(created.status).toBe(200);
    return (await owner.post<CampaignBody>(`/merchant/campaigns/${created.body.id}/publish`, {})).body;
  };
  const voidVoucher = (id: string) => db().kysely.updateTable('vouchers').set({ status: 'void' }).where('id', '=', id).execute();

  it('counts sales and redemptions from the rows, one figure group per query', async () => {
    const campaign = await publish({ totalStock: 20, priceFen: 9900, usesPerVoucher: 2 });
    const m = world.merchant.id;
    const add = (phone: string, o: Omit<OrderRow, 'phone'> = {}) => insertOrder(db(), m, campaign.id, { ...o, phone });
    const o1 = await add('13800000001', { quantity: 3 });
    const o2 = await add('13800000002', { quantity: 2, state: 'partly_refunded', refundedQuantity: 1 });
    const o3 = await add('13800000003', { quantity: 1, state: 'refunded' });
    const o4 = await add('13800000001', { quantity: 1 });
    await add('13800000004', { quantity: 2, state: 'reserved', expiresAt: new Date(running.clock.now().getTime() + HOUR).toISOString() });
    await add('13800000005', { quantity: 4, state: 'expired' });
    const [v1, v2] = await issueForOrder(db(), m, campaign, o1, 3, '13800000001');
    const [, v5] = await issueForOrder(db(), m, campaign, o2, 2, '13800000002');
    const [v6] = await issueForOrder(db(), m, campaign, o3, 1, '13800000003');
    const [v7] = await issueForOrder(db(), m, campaign, o4, 1, '13800000001');
    await redeemAt(db(), m, v1!.id, world.stores.a.id, world.terminal.id, 2);
    await redeemAt(db(), m, v2!.id, world.stores.a.id, world.terminal.id, 1);
    await redeemAt(db(), m, v7!.id, world.stores.b.id, world.terminalB.id, 2);
    await voidVoucher(v5!.id);
    await voidVoucher(v6!.id);

    const res = await manager.get(`/merchant/campaigns/${campaign.id}/stats`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      campaignId: campaign.id,
      status: 'published',
      totalStock: 20,
      soldUnits: 9,
      remainingStock: 11,
      orders: {
        paidOrders: 4,
        paidUnits: 7,
        refundedUnits: 2,
        reservedUnits: 2,
        buyers: 2,
        paidFen: 69_300,
        refundedFen: 19_800,
        netFen: 49_500,
      },
      vouchers: { issued: 7, voided: 2, uses: 10, redeemedUses: 5, redeemedVouchers: 3, fullyRedeemedVouchers: 2 },
      redemptionRate: 0.5,
      voucherRedemptionRate: 0.6,
    });
  });

  it('answers empty figures for a campaign with no sales, and 404 for another merchant', async () => {
    const campaign = await publish({ totalStock: 5 });
    const res = await owner.get<{ orders: Record<string, number>; redemptionRate: number | null; remainingStock: number }>(
      `/merchant/campaigns/${campaign.id}/stats`,
    );
    expect(res.body.orders).toEqual({ paidOrders: 0, paidUnits: 0, refundedUnits: 0, reservedUnits: 0, buyers: 0, paidFen: 0, refundedFen: 0, netFen: 0 });
    expect([res.body.redemptionRate, res.body.remainingStock]).toEqual([null, 5]);
    for (const path of [`/merchant/campaigns/${campaign.id}/stats`, `/merchant/campaigns/${campaign.id}/settlement`]) {
      const foreign = await otherOwner.get(path);
      expect([foreign.status, errorCode(foreign)]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    }
    expect(errorCode(await otherOwner.post(`/merchant/campaigns/${campaign.id}/settle`, {}))).toBe('CAMPAIGN_NOT_FOUND');
  });

  it('settles the group price once the sale is over, owing each paid order the difference', async () => {
    const m = world.merchant.id;
    const saleEndsAt = new Date(running.clock.now().getTime() + HOUR).toISOString();
    const campaign = await publish({
      priceFen: 10_000,
      saleEndsAt,
      groupPriceTiers: [
        { minBuyers: 3, priceFen: 8000 },
        { minBuyers: 5, priceFen: 7000 },
      ],
    });
    const add = (phone: string, o: Omit<OrderRow, 'phone'> = {}) => insertOrder(db(), m, campaign.id, { unitPriceFen: 10_000, ...o, phone });
    const a1 = await add('13900000001', { quantity: 2 });
    const b = await add('13900000002');
    const c = await add('13900000003', { quantity: 3, state: 'partly_refunded', refundedQuantity: 1 });
    await add('13900000004', { state: 'refunded' });
    await add('13900000005', { unitPriceFen: 8000 });
    const a2 = await add('13900000001');
    await add('13900000006', { state: 'reserved', expiresAt: new Date(running.clock.now().getTime() - 60_000).toISOString() });
    const pending = await add('13900000007', { state: 'reserved', expiresAt: new Date(running.clock.now().getTime() + 3 * HOUR).toISOString() });

    const early = await owner.post<FieldErrorBody>(`/merchant/campaigns/${campaign.id}/settle`, {});
    expect([early.status, errorCode(early)]).toEqual([409, 'SETTLEMENT_NOT_READY']);
    running.clock.advance(2 * HOUR);
    const waiting = await owner.post<FieldErrorBody>(`/merchant/campaigns/${campaign.id}/settle`, {});
    expect([errorCode(waiting), waiting.body.error.details]).toEqual(['SETTLEMENT_NOT_READY', { openReservations: 1 }]);
    await db().kysely.updateTable('orders').set({ state: 'expired' }).where('id', '=', pending).execute();

    const ordersBefore = await db().kysely.selectFrom('orders').selectAll().where('campaign_id', '=', campaign.id).orderBy('id').execute();
    const first = await manager.post(`/merchant/campaigns/${campaign.id}/settle`, {});
    expect(first.status).toBe(200);
    const expected = {
      campaignId: campaign.id,
      listPriceFen: 10_000,
      buyerCount: 4,
      tierMinBuyers: 3,
      finalPriceFen: 8000,
      refundPerUnitFen: 2000,
      refundCount: 4,
      totalRefundFen: 12_000,
      settledBy: world.manager.id,
    };
    expect(first.body).toMatchObject({ ...expected, alreadySettled: false });

    // A paid order arriving afterwards changes nothing: the settlement is fixed and re-running is a no-op.
    await add('13900000008');
    const second = await owner.post(`/merchant/campaigns/${campaign.id}/settle`, {});
    expect(second.body).toEqual({ ...(first.body as object), alreadySettled: true });

    const report = await owner.get<{ settlement: unknown; refunds: { orderId: string; buyerPhoneMasked: string; units: number; refundFen: number }[] }>(
      `/merchant/campaigns/${campaign.id}/settlement`,
    );
    const byOrder = Object.fromEntries(report.body.refunds.map((r) => [r.orderId, [r.buyerPhoneMasked, r.units, r.refundFen]]));
    expect(byOrder).toEqual({
      [a1]: ['139****0001', 2, 4000],
      [b]: ['139****0002', 1, 2000],
      [c]: ['139****0003', 2, 4000],
      [a2]: ['139****0001', 1, 2000],
    });
    expect(report.body.settlement).toMatchObject(expected);
    const ordersAfter = await db().kysely.selectFrom('orders').selectAll().where('campaign_id', '=', campaign.id).where('id', 'in', ordersBefore.map((o) => o.id)).orderBy('id').execute();
    expect(ordersAfter).toEqual(ordersBefore);
    const audit = (await auditRows(db(), m)).filter((r) => r.action === 'campaign.settle' && r.subject_id === campaign.id);
    expect(audit.map((r) => r.details)).toEqual([
      { listPriceFen: 10_000, buyerCount: 4, tierMinBuyers: 3, finalPriceFen: 8000, refundCount: 4, totalRefundFen: 12_000 },
    ]);
  });

  it('keeps the list price when no tier is reached, and refuses a campaign without tiers', async () => {
    const tiered = await publish({ priceFen: 5000, groupPriceTiers: [{ minBuyers: 10, priceFen: 4000 }] });
    await insertOrder(db(), world.merchant.id, tiered.id, { phone: '13700000001', unitPriceFen: 5000 });
    const plain = await publish({});
    expect((await owner.post(`/merchant/campaigns/${tiered.id}/end`, {})).status).toBe(200);
    const res = await owner.post(`/merchant/campaigns/${tiered.id}/settle`, {});
    expect(res.body).toMatchObject({ buyerCount: 1, tierMinBuyers: null, finalPriceFen: 5000, refundPerUnitFen: 0, refundCount: 0, totalRefundFen: 0 });
    const none = await owner.post(`/merchant/campaigns/${plain.id}/settle`, {});
    expect([none.status, errorCode(none)]).toEqual([409, 'NO_GROUP_PRICE']);
    expect((await owner.get(`/merchant/campaigns/${plain.id}/settlement`)).body).toEqual({ settlement: null, refunds: [] });
  });
});
