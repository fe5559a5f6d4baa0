import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import {
  auditRows,
  backofficeSnapshot,
  buildBackofficeWorld,
  PASSWORDS,
  signIn,
  startBackofficeServer,
  type BackofficeServer,
  type BackofficeWorld,
} from './support/backoffice-world';
import { campaignBody, type CampaignBody, type FieldErrorBody } from './support/campaign-body';
import { insertOrder, issueForOrder, redeemAt } from './support/sales-rows';

describe.each(BACKENDS)('campaign changes after the first sale (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;

  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    world = await buildBackofficeWorld(running.server.db);
    owner = await signIn(running.server, world.owner.login, PASSWORDS.owner);
  });
  afterAll(async () => {
    await running?.stop();
  });

  /** A published campaign at stores A and B with one paid order of 3 units and its vouchers. */
  const soldCampaign = async () => {
    const created = await owner.post<CampaignBody>('/merchant/campaigns', campaignBody([world.stores.a.id, world.stores.b.id]));
    const campaign = (await owner.post<CampaignBody>(`/merchant/campaigns/${created.body.id}/publish`, {})).body;
    const orderId = await insertOrder(running.server.db, world.merchant.id, campaign.id, { phone: '13800001111', quantity: 3 });
    const vouchers = await issueForOrder(running.server.db, world.merchant.id, campaign, orderId, 3, '13800001111');
    return { campaign, vouchers };
  };

  it('refuses to change what buyers paid for, naming every locked field, and writes nothing', async () => {
    const { campaign } = await soldCampaign();
    const before = await backofficeSnapshot(running.server.db);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ priceFen: 8900 }, ['priceFen']],
      [{ usesPerVoucher: 3 }, ['usesPerVoucher']],
      [{ kind: 'cash' }, ['kind', 'minSpendFen']],
      [{ faceValueFen: 20000 }, ['faceValueFen']],
      [{ validity: { ...campaign.validity, weekdays: [6, 7] } }, ['validity']],
      [{ groupPriceTiers: [{ minBuyers: 10, priceFen: 8900 }] }, ['groupPriceTiers']],
      [{ priceFen: 8900, usesPerVoucher: 1, title: 'also a new title' }, ['priceFen', 'usesPerVoucher']],
    ];
    for (const [change, fields] of cases) {
      const res = await owner.post<FieldErrorBody>(`/merchant/campaigns/${campaign.id}`, change);
      expect([res.status, errorCode(res)], JSON.stringify(change)).toEqual([409, 'CAMPAIGN_FIELD_LOCKED']);
      expect(res.body.error.details?.['fields'], JSON.stringify(change)).toEqual(fields);
    }
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
  });

  it('still lets the title, stock, limit, sale end and unchanged values through', async () => {
    const { campaign } = await soldCampaign();
    const saleEndsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await owner.post<CampaignBody>(`/merchant/campaigns/${campaign.id}`, {
      title: '双人套餐 返场',
      totalStock: 3,
      perBuyerLimit: 5,
      saleEndsAt,
      priceFen: campaign.priceFen,
      validity: { weekdays: [1, 2, 3, 4, 5], validUntil: campaign.validity['validUntil'], validFrom: campaign.validity['validFrom'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: '双人套餐 返场', totalStock: 3, soldCount: 3, remainingStock: 0, perBuyerLimit: 5, saleEndsAt });
    const audit = (await auditRows(running.server.db, world.merchant.id)).filter((r) => r.subject_id === campaign.id && r.action === 'campaign.update');
    expect(audit.map((r) => r.details)).toEqual([{ fields: ['title', 'totalStock', 'perBuyerLimit', 'saleEndsAt'] }]);
  });

  it('never lowers the stock below what is sold', async () => {
    const { campaign } = await soldCampaign();
    const before = await backofficeSnapshot(running.server.db);
    const res = await owner.post<FieldErrorBody>(`/merchant/campaigns/${campaign.id}`, { totalStock: 2 });
    expect([res.status, errorCode(res), res.body.error.details]).toEqual([409, 'STOCK_BELOW_SOLD', { soldCount: 3 }]);
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
  });

  it('keeps a store where vouchers were redeemed, and lets one without redemptions go', async () => {
    const { campaign, vouchers } = await soldCampaign();
    await redeemAt(running.server.db, world.merchant.id, vouchers[0]!.id, world.stores.b.id, world.terminalB.id);
    const before = await backofficeSnapshot(running.server.db);
    for (const storeIds of [[world.stores.a.id], [world.other.store.id]]) {
      const res = await owner.post<FieldErrorBody>(`/merchant/campaigns/${campaign.id}`, { storeIds });
      if (storeIds[0] === world.other.store.id) {
        expect([res.status, res.body.error.details?.fields?.[0]?.field]).toEqual([400, 'storeIds.0']);
      } else {
        expect([res.status, errorCode(res), res.body.error.details]).toEqual([409, 'STORE_HAS_REDEMPTIONS', { storeIds: [world.stores.b.id] }]);
      }
    }
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
    const res = await owner.post<CampaignBody>(`/merchant/campaigns/${campaign.id}`, { storeIds: [world.stores.b.id] });
    expect([res.status, res.body.storeIds]).toEqual([200, [world.stores.b.id]]);
  });

  it('does not count an order that only expired as a sale', async () => {
    const created = await owner.post<CampaignBody>('/merchant/campaigns', campaignBody([world.stores.a.id]));
    await owner.post(`/merchant/campaigns/${created.body.id}/publish`, {});
    await insertOrder(running.server.db, world.merchant.id, created.body.id, { phone: '13800002222', state: 'expired' });
    const res = await owner.post<CampaignBody>(`/merchant/campaigns/${created.body.id}`, { priceFen: 8800 });
    expect([res.status, res.body.priceFen]).toEqual([200, 8800]);
    await insertOrder(running.server.db, world.merchant.id, created.body.id, { phone: '13800002222', state: 'reserved' });
    expect(errorCode(await owner.post(`/merchant/campaigns/${created.body.id}`, { priceFen: 8700 }))).toBe('CAMPAIGN_FIELD_LOCKED');
  });
});
