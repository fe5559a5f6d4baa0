import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../../core/validity-calendar';
import { issueVouchers } from '../../../server/repositories/merchant-setup';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { auditRows, startSignedInBackoffice, type BackofficeServer, type BackofficeWorld } from './support/backoffice-world';
import { campaignBody, type CampaignBody } from './support/campaign-body';
import { redeemAt } from './support/sales-rows';

describe.each(BACKENDS)('campaign operations: pause, calendar, void (%s)', (kind) => {
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

  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await owner.post<CampaignBody & { pausedAt: string | null }>('/merchant/campaigns', campaignBody([world.stores.a.id], running.clock.now(), overrides));
    expect(res.status).toBe(200);
    return res.body;
  };
  const order = (campaignId: string, phone: string) => owner.withToken(undefined).post(`/flash-sales/${campaignId}/orders`, { phone, quantity: 1 });

  it('pauses a published sale, refusing orders until it resumes', async () => {
    const c = await create();
    expect(errorCode(await manager.post(`/merchant/campaigns/${c.id}/pause`, {}))).toBe('CAMPAIGN_STATUS_CONFLICT');
    await owner.post(`/merchant/campaigns/${c.id}/publish`, {});
    expect((await order(c.id, '13800000001')).status).toBe(201);
    const paused = await manager.post<{ pausedAt: string | null; status: string }>(`/merchant/campaigns/${c.id}/pause`, {});
    expect([paused.status, paused.body.status, typeof paused.body.pausedAt]).toEqual([200, 'published', 'string']);
    const refused = await order(c.id, '13800000002');
    expect([refused.status, errorCode(refused)]).toEqual([409, 'CAMPAIGN_NOT_ON_SALE']);
    expect(errorCode(await owner.post(`/merchant/campaigns/${c.id}/pause`, {}))).toBe('CAMPAIGN_STATUS_CONFLICT');
    expect(errorCode(await otherOwner.post(`/merchant/campaigns/${c.id}/resume`, {}))).toBe('CAMPAIGN_NOT_FOUND');
    const resumed = await owner.post<{ pausedAt: string | null }>(`/merchant/campaigns/${c.id}/resume`, {});
    expect([resumed.status, resumed.body.pausedAt]).toEqual([200, null]);
    expect((await order(c.id, '13800000002')).status).toBe(201);
    expect(errorCode(await owner.post(`/merchant/campaigns/${c.id}/resume`, {}))).toBe('CAMPAIGN_STATUS_CONFLICT');
    const audit = (await auditRows(running.server.db, world.merchant.id)).filter((r) => r.subject_id === c.id).map((r) => [r.action, r.actor_id]);
    expect(audit).toEqual([
      ['campaign.create', world.owner.id],
      ['campaign.publish', world.owner.id],
      ['campaign.pause', world.manager.id],
      ['campaign.resume', world.owner.id],
    ]);
  });

  it('previews a month: weekdays, hour windows and blackout dates in the merchant zone', async () => {
    const c = await create({
      validity: {
        validFrom: '2026-06-03',
        validUntil: '2026-06-28',
        weekdays: [1, 2, 3, 4, 5],
        hourWindows: [{ from: '11:30', to: '14:00' }, { from: '22:00', to: '01:00' }],
        blackoutDates: ['2026-06-15', '2026-06-19'],
      },
      saleEndsAt: '2026-06-20',
      saleStartsAt: '2026-06-01',
    });
    const res = await owner.get<{ month: string; days: CalendarDay[] }>(`/merchant/campaigns/${c.id}/calendar?month=2026-06`);
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(30);
    const day = (d: number) => res.body.days[d - 1]!;
    expect(day(2)).toEqual({ date: '2026-06-02', usable: false, hours: [], reason: 'VOUCHER_NOT_YET_VALID' });
    // Wednesday 3 June, the first valid day: the tail of Tuesday evening's window (00:00–01:00), lunch, the late window.
    expect(day(3)).toEqual({ date: '2026-06-03', usable: true, hours: [0, 11, 12, 13, 22, 23], reason: null });
    // Saturday 6 June: only the after-midnight hour of Friday evening's window.
    expect(day(6)).toEqual({ date: '2026-06-06', usable: true, hours: [0], reason: null });
    expect(day(7)).toEqual({ date: '2026-06-07', usable: false, hours: [], reason: 'NOT_VALID_TODAY' });
    expect(day(15)).toEqual({ date: '2026-06-15', usable: false, hours: [], reason: 'BLACKOUT_DATE' });
    expect(day(16)).toEqual({ date: '2026-06-16', usable: true, hours: [11, 12, 13, 22, 23], reason: null });
    // Friday 19 June is a blackout date: only the tail of Thursday's window is left, and Saturday gets none.
    expect(day(19)).toEqual({ date: '2026-06-19', usable: true, hours: [0], reason: null });
    expect(day(20)).toEqual({ date: '2026-06-20', usable: false, hours: [], reason: 'NOT_VALID_TODAY' });
    expect(day(29)).toEqual({ date: '2026-06-29', usable: false, hours: [], reason: 'VOUCHER_EXPIRED' });
    expect(errorCode(await owner.get(`/merchant/campaigns/${c.id}/calendar?month=2026-13`))).toBe('VALIDATION_FAILED');
    expect(errorCode(await otherOwner.get(`/merchant/campaigns/${c.id}/calendar?month=2026-06`))).toBe('CAMPAIGN_NOT_FOUND');
  });

  it('voids an unused voucher with an audited reason, and refuses a used, voided or foreign one', async () => {
    const c = await create();
    const db = running.server.db;
    const vouchers = await issueVouchers(db, world.merchant.id, { id: c.id, usesPerVoucher: 2, validFrom: new Date(c.validFrom), validUntil: new Date(c.validUntil) }, { count: 2 });
    const [unused, used] = vouchers.map((v) => v.id) as [string, string];
    await redeemAt(db, world.merchant.id, used, world.stores.a.id, world.terminal.id, 1);

    const voided = await manager.post<{ id: string; status: string; campaignId: string }>(`/merchant/vouchers/${unused}/void`, { reason: '顾客重复购买' });
    expect([voided.status, voided.body.status, voided.body.campaignId]).toEqual([200, 'void', c.id]);
    const audit = (await auditRows(db, world.merchant.id)).filter((r) => r.subject_id === unused);
    expect(audit.map((r) => [r.action, r.actor_id, r.details])).toEqual([['voucher.void', world.manager.id, { campaignId: c.id, reason: '顾客重复购买' }]]);

    const before = await db.kysely.selectFrom('vouchers').selectAll().where('campaign_id', '=', c.id).orderBy('id').execute();
    const again = await owner.post(`/merchant/vouchers/${unused}/void`, { reason: 'x' });
    expect([again.status, errorCode(again)]).toEqual([409, 'VOUCHER_NOT_ACTIVE']);
    const usedRes = await owner.post(`/merchant/vouchers/${used}/void`, { reason: 'x' });
    expect([usedRes.status, errorCode(usedRes)]).toEqual([409, 'VOUCHER_ALREADY_USED']);
    const foreign = await otherOwner.post(`/merchant/vouchers/${used}/void`, { reason: 'x' });
    expect([foreign.status, errorCode(foreign)]).toEqual([404, 'VOUCHER_NOT_FOUND']);
    expect(errorCode(await owner.post(`/merchant/vouchers/${used}/void`, { reason: '  ' }))).toBe('VALIDATION_FAILED');
    expect(await db.kysely.selectFrom('vouchers').selectAll().where('campaign_id', '=', c.id).orderBy('id').execute()).toEqual(before);
    expect((await auditRows(db, world.merchant.id)).filter((r) => r.action === 'voucher.void')).toHaveLength(1);
  });

  it('issues vouchers by hand to a phone: a free order, sent like bought ones, audited, once per request id', async () => {
    const c = await create();
    const db = running.server.db;
    const body = { requestId: randomUUID(), phone: '139 0000 1111', count: 2 };
    const draft = await manager.post(`/merchant/campaigns/${c.id}/vouchers`, body);
    expect([draft.status, errorCode(draft)]).toEqual([409, 'CAMPAIGN_STATUS_CONFLICT']);
    await owner.post(`/merchant/campaigns/${c.id}/publish`, {});
    const issued = await manager.post<{ orderId: string; vouchers: { voucherId: string; codeMasked: string; uses: number }[]; duplicate: boolean }>(`/merchant/campaigns/${c.id}/vouchers`, body);
    expect(issued.status).toBe(200);
    expect(issued.body.duplicate).toBe(false);
    expect(issued.body.vouchers.map((v) => v.uses)).toEqual([2, 2]);
    expect(JSON.stringify(issued.body)).not.toMatch(/\d{12}/);
    const order = await db.kysely.selectFrom('orders').selectAll().where('id', '=', issued.body.orderId).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ channel: 'backoffice', buyer_phone: '+8613900001111', quantity: 2, unit_price_fen: 0, state: 'paid', external_order_id: body.requestId });
    const vouchers = await db.kysely.selectFrom('vouchers').select(['id', 'member_id', 'qr_token']).where('order_id', '=', order.id).orderBy('id').execute();
    expect(vouchers.map((v) => v.id)).toEqual(issued.body.vouchers.map((v) => v.voucherId));
    expect(vouchers.every((v) => v.member_id === order.member_id && v.qr_token)).toBe(true);
    const messages = await db.kysely.selectFrom('notifications').select(['recipient', 'template']).where('order_id', '=', order.id).execute();
    expect(messages).toEqual([
      { recipient: '+8613900001111', template: 'voucher_issued' },
      { recipient: '+8613900001111', template: 'voucher_issued' },
    ]);
    const audit = (await auditRows(db, world.merchant.id)).filter((r) => r.action === 'voucher.issue_by_hand');
    expect(audit.map((r) => [r.actor_id, r.subject_id, r.details['count']])).toEqual([[world.manager.id, order.id, 2]]);

    const again = await owner.post<{ orderId: string; duplicate: boolean }>(`/merchant/campaigns/${c.id}/vouchers`, body);
    expect([again.status, again.body.duplicate, again.body.orderId]).toEqual([200, true, order.id]);
    const count = async () => (await db.kysely.selectFrom('vouchers').select('id').where('campaign_id', '=', c.id).execute()).length;
    expect(await count()).toBe(2);
    const badPhone = await owner.post<{ error: { details: { fields: { field: string }[] } } }>(`/merchant/campaigns/${c.id}/vouchers`, { ...body, requestId: randomUUID(), phone: 'abcde' });
    expect([errorCode(badPhone), badPhone.body.error.details.fields.map((f) => f.field)]).toEqual(['VALIDATION_FAILED', ['phone']]);
    expect(errorCode(await owner.post(`/merchant/campaigns/${c.id}/vouchers`, { ...body, requestId: randomUUID(), count: 0 }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await otherOwner.post(`/merchant/campaigns/${c.id}/vouchers`, { ...body, requestId: randomUUID() }))).toBe('CAMPAIGN_NOT_FOUND');
    expect(await count()).toBe(2);
  });
});
