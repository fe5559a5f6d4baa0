import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import {
  auditRows,
  backofficeSnapshot,
  startSignedInBackoffice,
  type BackofficeServer,
  type BackofficeWorld,
} from './support/backoffice-world';
import { campaignBody, type CampaignBody, type FieldErrorBody } from './support/campaign-body';

const DAY = 86_400_000;

describe.each(BACKENDS)('campaigns (%s)', (kind) => {
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

  const body = (overrides: Record<string, unknown> = {}) => campaignBody([world.stores.a.id, world.stores.b.id], new Date(), overrides);

  it('creates a draft, reads it back, lists it, and audits it', async () => {
    const res = await manager.post<CampaignBody>('/merchant/campaigns', body({ kind: 'cash', minSpendFen: 10000, faceValueFen: 5000, priceFen: 3990 }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      kind: 'cash',
      priceFen: 3990,
      faceValueFen: 5000,
      minSpendFen: 10000,
      totalStock: 100,
      soldCount: 0,
      remainingStock: 100,
      perBuyerLimit: 2,
      groupPriceTiers: null,
      validity: { weekdays: [1, 2, 3, 4, 5] },
    });
    expect([...res.body.storeIds].sort()).toEqual([world.stores.a.id, world.stores.b.id].sort());
    const got = await owner.get<CampaignBody>(`/merchant/campaigns/${res.body.id}`);
    expect(got.body).toEqual(res.body);
    const list = await owner.get<{ campaigns: CampaignBody[] }>('/merchant/campaigns?status=draft');
    expect(list.body.campaigns.map((c) => c.id)).toContain(res.body.id);
    const audit = (await auditRows(running.server.db, world.merchant.id)).filter((r) => r.subject_id === res.body.id);
    expect(audit).toMatchObject([{ action: 'campaign.create', actor_type: 'user', actor_id: world.manager.id }]);
  });

  it('reads local dates in the merchant zone and defaults a cash minimum spend to 0', async () => {
    const res = await owner.post<CampaignBody>(
      '/merchant/campaigns',
      body({
        kind: 'cash',
        faceValueFen: 5000,
        priceFen: 4500,
        saleStartsAt: '2026-11-01',
        saleEndsAt: '2026-12-31',
        validity: { validFrom: '2026-11-01', validUntil: '2027-01-31' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      minSpendFen: 0,
      saleStartsAt: '2026-10-31T16:00:00.000Z',
      saleEndsAt: '2026-12-31T16:00:00.000Z',
      validFrom: '2026-10-31T16:00:00.000Z',
      validUntil: '2027-01-31T16:00:00.000Z',
      validity: { validFrom: '2026-11-01', validUntil: '2027-01-31' },
    });
  });

  it('answers every invalid campaign with 400 VALIDATION_FAILED naming the field, and writes nothing', async () => {
    const otherStore = world.other.store.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'gift' }, 'kind'],
      [{ title: '   ' }, 'title'],
      [{ priceFen: 99.5 }, 'priceFen'],
      [{ priceFen: -1 }, 'priceFen'],
      [{ priceFen: '9900' }, 'priceFen'],
      [{ faceValueFen: 0 }, 'faceValueFen'],
      [{ usesPerVoucher: 0 }, 'usesPerVoucher'],
      [{ usesPerVoucher: 100 }, 'usesPerVoucher'],
      [{ totalStock: 0 }, 'totalStock'],
      [{ totalStock: undefined }, 'totalStock'],
      [{ perBuyerLimit: 0 }, 'perBuyerLimit'],
      [{ minSpendFen: 100 }, 'minSpendFen'],
      [{ kind: 'cash', minSpendFen: -1 }, 'minSpendFen'],
      [{ saleStartsAt: 'tomorrow' }, 'saleStartsAt'],
      [{ saleEndsAt: new Date(Date.now() - 2 * 3_600_000).toISOString() }, 'saleEndsAt'],
      [{ saleEndsAt: new Date(Date.now() + 100 * DAY).toISOString() }, 'saleEndsAt'],
      [{ validity: { validFrom: '2026-01-01' } }, 'validity'],
      [{ validity: { validFrom: '2026-12-01', validUntil: '2026-11-01' } }, 'validity.validUntil'],
      [{ validity: { validFrom: '2026-01-01', validUntil: '2027-12-31', weekdays: [8] } }, 'validity.weekdays.0'],
      [{ validity: { validFrom: '2026-01-01', validUntil: '2027-12-31', hourWindows: [{ from: '25:00', to: '02:00' }] } }, 'validity.hourWindows.0.from'],
      [{ storeIds: [] }, 'storeIds'],
      [{ storeIds: [world.stores.a.id, world.stores.a.id] }, 'storeIds'],
      [{ storeIds: ['store-a'] }, 'storeIds.0'],
      [{ storeIds: [world.stores.a.id, otherStore] }, 'storeIds.1'],
      [{ storeIds: [crypto.randomUUID()] }, 'storeIds.0'],
      [{ groupPriceTiers: [{ minBuyers: 10, priceFen: 9900 }] }, 'groupPriceTiers.0.priceFen'],
      [{ groupPriceTiers: [{ minBuyers: 10, priceFen: 8900 }, { minBuyers: 20, priceFen: 8900 }] }, 'groupPriceTiers.1.priceFen'],
      [{ groupPriceTiers: [{ minBuyers: 10, priceFen: 8900 }, { minBuyers: 5, priceFen: 7900 }] }, 'groupPriceTiers.1.minBuyers'],
      [{ groupPriceTiers: [{ minBuyers: 1, priceFen: 8900 }] }, 'groupPriceTiers.0.minBuyers'],
      [{ merchantId: world.other.merchant.id }, '(body)'],
    ];
    const before = await backofficeSnapshot(running.server.db);
    for (const [overrides, field] of cases) {
      const res = await owner.post<FieldErrorBody>('/merchant/campaigns', body(overrides));
      expect([res.status, errorCode(res)], JSON.stringify(overrides)).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.error.details?.fields?.map((f) => f.field), JSON.stringify(overrides)).toContain(field);
    }
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
  });

  it('answers 404 for a campaign of another merchant, whatever is asked', async () => {
    const mine = await owner.post<CampaignBody>('/merchant/campaigns', body());
    const before = await backofficeSnapshot(running.server.db);
    for (const res of [
      await otherOwner.get(`/merchant/campaigns/${mine.body.id}`),
      await otherOwner.post(`/merchant/campaigns/${mine.body.id}`, { title: 'hijacked' }),
      await otherOwner.post(`/merchant/campaigns/${mine.body.id}/publish`, {}),
      await otherOwner.post(`/merchant/campaigns/${mine.body.id}/end`, {}),
    ]) {
      expect([res.status, errorCode(res)]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    }
    expect(await backofficeSnapshot(running.server.db)).toEqual(before);
    const list = await otherOwner.get<{ campaigns: CampaignBody[] }>('/merchant/campaigns');
    expect(list.body.campaigns).toEqual([]);
    expect(errorCode(await owner.get('/merchant/campaigns/not-an-id'))).toBe('VALIDATION_FAILED');
  });

  it('publishes a draft once, ends it once, and refuses changes after the end', async () => {
    const draft = await owner.post<CampaignBody>('/merchant/campaigns', body());
    const id = draft.body.id;
    expect((await manager.post<CampaignBody>(`/merchant/campaigns/${id}/publish`, {})).body.status).toBe('published');
    const again = await owner.post<FieldErrorBody>(`/merchant/campaigns/${id}/publish`, {});
    expect([again.status, errorCode(again), again.body.error.details]).toEqual([409, 'CAMPAIGN_STATUS_CONFLICT', { status: 'published' }]);
    expect((await owner.post<CampaignBody>(`/merchant/campaigns/${id}/end`, {})).body.status).toBe('ended');
    expect(errorCode(await owner.post(`/merchant/campaigns/${id}/end`, {}))).toBe('CAMPAIGN_STATUS_CONFLICT');
    expect(errorCode(await owner.post(`/merchant/campaigns/${id}`, { title: 'too late' }))).toBe('CAMPAIGN_STATUS_CONFLICT');
    const actions = (await auditRows(running.server.db, world.merchant.id)).filter((r) => r.subject_id === id).map((r) => r.action);
    expect(actions).toEqual(['campaign.create', 'campaign.publish', 'campaign.end']);
  });

  it('will not publish a campaign whose sale is already over', async () => {
    const past = new Date(Date.now() - 30 * DAY);
    const draft = await owner.post<CampaignBody>('/merchant/campaigns', campaignBody([world.stores.a.id], past));
    const res = await owner.post(`/merchant/campaigns/${draft.body.id}/publish`, {});
    expect([res.status, errorCode(res)]).toEqual([409, 'SALE_ENDED']);
    expect((await owner.get<CampaignBody>(`/merchant/campaigns/${draft.body.id}`)).body.status).toBe('draft');
  });

  it('changes anything before the first sale, and validates the result as a whole', async () => {
    const created = await owner.post<CampaignBody>('/merchant/campaigns', body());
    const id = created.body.id;
    await owner.post(`/merchant/campaigns/${id}/publish`, {});
    const res = await manager.post<CampaignBody>(`/merchant/campaigns/${id}`, {
      kind: 'cash',
      priceFen: 4500,
      faceValueFen: 5000,
      usesPerVoucher: 1,
      storeIds: [world.stores.b.id],
      groupPriceTiers: [{ minBuyers: 50, priceFen: 3900 }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'cash', minSpendFen: 0, priceFen: 4500, usesPerVoucher: 1, storeIds: [world.stores.b.id] });
    // The stored tiers are checked against a changed price too.
    const cheaper = await manager.post<FieldErrorBody>(`/merchant/campaigns/${id}`, { priceFen: 3000 });
    expect([cheaper.status, cheaper.body.error.details?.fields?.[0]?.field]).toEqual([400, 'groupPriceTiers.0.priceFen']);
    const empty = await manager.post<FieldErrorBody>(`/merchant/campaigns/${id}`, {});
    expect([empty.status, errorCode(empty)]).toEqual([400, 'VALIDATION_FAILED']);
    const audit = (await auditRows(running.server.db, world.merchant.id)).find((r) => r.subject_id === id && r.action === 'campaign.update');
    expect(audit?.details).toEqual({ fields: ['kind', 'priceFen', 'faceValueFen', 'minSpendFen', 'usesPerVoucher', 'storeIds', 'groupPriceTiers'] });
  });
});
