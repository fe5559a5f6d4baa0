import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVoucherCode } from '../../../core/voucher-code';
import { issueVouchers } from '../../../server/repositories/merchant-setup';
import { newId } from '../../../server/security/ids';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import {
  auditRows,
  buildBackofficeWorld,
  PASSWORDS,
  signIn,
  startBackofficeServer,
  type BackofficeServer,
  type BackofficeWorld,
} from './support/backoffice-world';
import { campaignBody, type CampaignBody } from './support/campaign-body';
import { insertOrder, issueForOrder } from './support/sales-rows';

interface SupportVoucher {
  voucherId: string;
  codeMasked: string;
  orderId: string | null;
  buyerPhoneMasked: string | null;
  remaining: number;
  lastMessage: { channel: string; state: string; attempts: number } | null;
}
interface SupportOrder {
  orderId: string;
  externalOrderId: string | null;
  buyerPhoneMasked: string;
  vouchers: SupportVoucher[];
}

const PHONE = '13812345678';
const unknownCode = () => generateVoucherCode((n) => new Uint8Array(randomBytes(n)));

describe.each(BACKENDS)('support look-ups (%s)', (kind) => {
  let running: BackofficeServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let manager: ApiClient;
  let campaign: CampaignBody;
  let orderId: string;
  let codes: { order: string[]; loose: string; other: string };
  let voucherIds: string[];

  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    const db = running.server.db;
    world = await buildBackofficeWorld(db);
    owner = await signIn(running.server, world.owner.login, PASSWORDS.owner);
    manager = await signIn(running.server, world.manager.login, PASSWORDS.manager);
    campaign = (await owner.post<CampaignBody>('/merchant/campaigns', campaignBody([world.stores.a.id]))).body;
    orderId = await insertOrder(db, world.merchant.id, campaign.id, { phone: PHONE, quantity: 2, externalOrderId: 'DY-20261125-0001' });
    const vouchers = await issueForOrder(db, world.merchant.id, campaign, orderId, 2, PHONE);
    voucherIds = vouchers.map((v) => v.id);
    const campaignDates = { id: campaign.id, usesPerVoucher: 2, validFrom: new Date(campaign.validFrom), validUntil: new Date(campaign.validUntil) };
    const [loose] = await issueVouchers(db, world.merchant.id, campaignDates, { count: 1, buyerPhones: ['13900005678'] });
    const otherCampaign = (await (await signIn(running.server, world.other.owner.login, PASSWORDS.other)).post<CampaignBody>(
      '/merchant/campaigns',
      campaignBody([world.other.store.id]),
    )).body;
    const [other] = await issueVouchers(db, world.other.merchant.id, { ...campaignDates, id: otherCampaign.id }, { count: 1, buyerPhones: [PHONE] });
    codes = { order: vouchers.map((v) => v.code), loose: loose!.code, other: other!.code };
    const at = new Date().toISOString();
    await db.kysely
      .insertInto('notifications')
      .values({
        merchant_id: world.merchant.id,
        id: newId(),
        event_key: `voucher-issued:${vouchers[0]!.id}`,
        voucher_id: vouchers[0]!.id,
        order_id: orderId,
        channel: 'sms',
        recipient: PHONE,
        template: 'voucher_issued',
        params: '{}',
        state: 'failed',
        attempts: 3,
        next_attempt_at: at,
        lease_owner: null,
        lease_until: null,
        provider: 'console',
        provider_message_id: null,
        last_error: 'rejected',
        created_at: at,
        updated_at: at,
        sent_at: null,
        delivered_at: null,
      })
      .execute();
  });
  afterAll(async () => {
    await running?.stop();
  });

  const neverFull = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const code of [...codes.order, codes.loose]) expect(text).not.toContain(code);
    expect(text).not.toContain(PHONE);
  };

  it('finds an order by our id or the channel id, masked, with its vouchers and their last message', async () => {
    for (const ref of [orderId, 'DY-20261125-0001']) {
      const res = await manager.get<{ orders: SupportOrder[] }>(`/merchant/support/orders/${ref}`);
      expect(res.status, ref).toBe(200);
      expect(res.body.orders).toHaveLength(1);
      const [order] = res.body.orders;
      expect(order).toMatchObject({ orderId, externalOrderId: 'DY-20261125-0001', buyerPhoneMasked: '138****5678' });
      expect(order!.vouchers.map((v) => v.codeMasked).sort()).toEqual(codes.order.map((c) => `**** **** ${c.slice(-4)}`).sort());
      const messaged = order!.vouchers.find((v) => v.voucherId === voucherIds[0]);
      expect(messaged?.lastMessage).toMatchObject({ channel: 'sms', state: 'failed', attempts: 3 });
      neverFull(res.body);
    }
    const missing = await owner.get('/merchant/support/orders/DY-nothing');
    expect([missing.status, errorCode(missing)]).toEqual([404, 'ORDER_NOT_FOUND']);
  });

  it('finds a voucher by code with a masked answer; another merchant’s code is simply not found', async () => {
    const res = await manager.post<{ voucher: SupportVoucher }>('/merchant/support/voucher-lookup', { code: codes.order[1] });
    expect(res.status).toBe(200);
    expect(res.body.voucher).toMatchObject({ orderId, remaining: 2, buyerPhoneMasked: '138****5678', lastMessage: null });
    neverFull(res.body);
    for (const code of [codes.other, unknownCode()]) {
      const miss = await manager.post('/merchant/support/voucher-lookup', { code });
      expect([miss.status, errorCode(miss)]).toEqual([404, 'VOUCHER_NOT_FOUND']);
    }
    const typo = codes.loose.slice(0, 11) + String((Number(codes.loose[11]) + 1) % 10);
    expect(errorCode(await manager.post('/merchant/support/voucher-lookup', { code: typo }))).toBe('CODE_CHECK_DIGIT');
    expect(errorCode(await manager.post('/merchant/support/voucher-lookup', { code: '1234' }))).toBe('CODE_MALFORMED');
  });

  it('searches a campaign by the last 4 digits of a phone', async () => {
    const res = await manager.get<{ orders: SupportOrder[]; vouchers: SupportVoucher[] }>(
      `/merchant/support/search?campaignId=${campaign.id}&phoneLast4=5678`,
    );
    expect(res.status).toBe(200);
    expect(res.body.orders.map((o) => o.orderId)).toEqual([orderId]);
    expect(res.body.vouchers.map((v) => [v.codeMasked, v.buyerPhoneMasked])).toEqual([[`**** **** ${codes.loose.slice(-4)}`, '139****5678']]);
    neverFull(res.body);
    const none = await manager.get<{ orders: unknown[] }>(`/merchant/support/search?campaignId=${campaign.id}&phoneLast4=0000`);
    expect(none.body).toEqual({ orders: [], vouchers: [] });
    for (const [query, code] of [
      [`campaignId=${campaign.id}&phoneLast4=56a8`, 'VALIDATION_FAILED'],
      [`campaignId=${campaign.id}&phoneLast4=%25`, 'VALIDATION_FAILED'],
      [`phoneLast4=5678`, 'VALIDATION_FAILED'],
      [`campaignId=${newId()}&phoneLast4=5678`, 'CAMPAIGN_NOT_FOUND'],
    ] as const) {
      expect(errorCode(await manager.get(`/merchant/support/search?${query}`)), query).toBe(code);
    }
  });

  it('shows a full code only to an owner who asks for a resend target, with a reason', async () => {
    const path = `/merchant/support/vouchers/${voucherIds[0]}/resend-target`;
    expect(errorCode(await manager.post(path, { reason: 'buyer lost the SMS' }))).toBe('FORBIDDEN');
    expect(errorCode(await owner.post(path, {}))).toBe('VALIDATION_FAILED');
    const res = await owner.post<{ code: string; codeFormatted: string; buyerPhone: string }>(path, { reason: 'buyer lost the SMS' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ voucherId: voucherIds[0], code: codes.order[0], buyerPhone: PHONE });
    expect(res.body.codeFormatted.replace(/ /g, '')).toBe(codes.order[0]);
    const foreign = await owner.post(`/merchant/support/vouchers/${newId()}/resend-target`, { reason: 'buyer lost the SMS' });
    expect(errorCode(foreign)).toBe('VOUCHER_NOT_FOUND');
  });

  it('records every look-up in the audit log, never with a full code', async () => {
    const rows = await auditRows(running.server.db, world.merchant.id);
    const support = rows.filter((r) => r.action.startsWith('support.'));
    expect(support.map((r) => r.action)).toEqual([
      'support.lookup_order',
      'support.lookup_order',
      'support.lookup_order',
      'support.lookup_code',
      // The two codes that found nothing share one row (auditLookup).
      'support.lookup_code',
      'support.search_phone',
      'support.search_phone',
      'support.reveal_code',
    ]);
    expect(support.filter((r) => r.action === 'support.lookup_code').map((r) => r.details['misses'])).toEqual([undefined, 2]);
    expect(support.every((r) => r.actor_type === 'user')).toBe(true);
    expect(support.find((r) => r.action === 'support.reveal_code')).toMatchObject({
      actor_id: world.owner.id,
      subject_id: voucherIds[0],
      details: { code: `**** **** ${codes.order[0]!.slice(-4)}`, reason: 'buyer lost the SMS' },
    });
    expect(support.find((r) => r.action === 'support.search_phone')?.details).toEqual({ phoneLast4: '5678', orders: 1, vouchers: 1 });
    const text = JSON.stringify(rows);
    for (const code of [...codes.order, codes.loose, codes.other]) expect(text).not.toContain(code);
  });

  it('locks a user out of code look-ups after 20 unknown codes', async () => {
    const fresh = await buildBackofficeWorld(running.server.db);
    const client = await signIn(running.server, fresh.manager.login, PASSWORDS.manager);
    for (let i = 0; i < 20; i++) expect(errorCode(await client.post('/merchant/support/voucher-lookup', { code: unknownCode() }))).toBe('VOUCHER_NOT_FOUND');
    const locked = await client.post('/merchant/support/voucher-lookup', { code: codes.order[0] });
    expect([locked.status, errorCode(locked)]).toEqual([429, 'RATE_LIMITED']);
    // Other users are not affected.
    expect((await manager.post('/merchant/support/voucher-lookup', { code: codes.order[0] })).status).toBe(200);
  });
  it('coalesces look-ups that found nothing into one audit row per user, kind and hour, with a count', async () => {
    const fresh = await buildBackofficeWorld(running.server.db);
    const client = await signIn(running.server, fresh.owner.login, PASSWORDS.owner);
    const misses = async () => (await auditRows(running.server.db, fresh.merchant.id)).filter((r) => r.action.startsWith('support.'));
    for (let i = 0; i < 6; i++) expect(errorCode(await client.post('/merchant/support/voucher-lookup', { code: unknownCode() }))).toBe('VOUCHER_NOT_FOUND');
    for (let i = 0; i < 4; i++) expect(errorCode(await client.get(`/merchant/support/orders/junk-${i}`))).toBe('ORDER_NOT_FOUND');
    for (let i = 0; i < 3; i++) expect((await client.post('/merchant/support/phone-lookup', { phone: `1390000${1000 + i}` })).status).toBe(200);
    const rows = await misses();
    expect(rows.map((r) => [r.action, r.details['misses']])).toEqual([
      ['support.lookup_code', 6],
      ['support.lookup_order', 4],
      ['support.lookup_phone', 3],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/\d{12}/);
    // A look-up that finds something still gets its own row; an hour later misses start a new row.
    running.clock.advance(61 * 60_000);
    expect(errorCode(await client.post('/merchant/support/voucher-lookup', { code: unknownCode() }))).toBe('VOUCHER_NOT_FOUND');
    const after = await misses();
    expect(after.map((r) => [r.action, r.details['misses']])).toEqual([...rows.map((r) => [r.action, r.details['misses']]), ['support.lookup_code', 1]]);
  });
});
