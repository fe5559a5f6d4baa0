import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/database';
import { createCampaign, issueVouchers } from '../../../server/repositories/merchant-setup';
import { newId } from '../../../server/security/ids';
import { startServer, type RunningServer } from '../../../server/server';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { auditRows, buildBackofficeWorld, PASSWORDS, signIn, type BackofficeWorld } from './support/backoffice-world';
import { addCounterUser, insertRedemption } from './support/ledger-fixtures';
import { insertOrder } from './support/sales-rows';

const PHONE = '+8613812345678';
const DAY = 86_400_000;

interface Event {
  type: string;
  at: string;
  [key: string]: unknown;
}

async function insertMessage(db: Db, merchantId: string, voucherId: string, recipient: string, state: 'queued' | 'failed', at: string) {
  const id = newId();
  await db.kysely
    .insertInto('notifications')
    .values({
      merchant_id: merchantId, id, event_key: `voucher-issued:${voucherId}`, voucher_id: voucherId, order_id: null, channel: 'sms', recipient,
      template: 'voucher_issued', params: '{}', state, attempts: state === 'failed' ? 3 : 0, next_attempt_at: at, lease_owner: null, lease_until: null,
      provider: 'console', provider_message_id: null, last_error: state === 'failed' ? 'RECIPIENT_INVALID: not an E.164 phone number' : null,
      created_at: at, updated_at: at, sent_at: null, delivered_at: null,
    })
    .execute();
  return id;
}

describe.each(BACKENDS)('support: phone look-up, voucher history, resend and delivery state (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: BackofficeWorld;
  let owner: ApiClient;
  let manager: ApiClient;
  let otherOwner: ApiClient;
  let orderId: string;
  let vouchers: { id: string; code: string }[];
  let loose: { id: string; code: string };
  let redemptionId: string;
  let badMessageId: string;

  beforeAll(async () => {
    backend = createBackend(kind);
    // Jobs off: the test runs the dispatcher itself, so a message's state moves only when it says so.
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false, providerDeps: { out: { write: () => true } } } });
    const db = server.db;
    world = await buildBackofficeWorld(db);
    const m = world.merchant.id;
    owner = await signIn(server, world.owner.login, PASSWORDS.owner);
    manager = await signIn(server, world.manager.login, PASSWORDS.manager);
    otherOwner = await signIn(server, world.other.owner.login, PASSWORDS.other);
    const campaign = await createCampaign(db, m, {
      kind: 'product', title: '火锅双人餐', priceFen: 9900, faceValueFen: 16800, usesPerVoucher: 2,
      validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), storeIds: [world.stores.a.id],
    });
    orderId = await insertOrder(db, m, campaign.id, { phone: PHONE, quantity: 2, state: 'partly_refunded', refundedQuantity: 1, externalOrderId: 'MT-778899' });
    vouchers = await issueVouchers(db, m, campaign, { count: 2, buyerPhones: [PHONE] });
    for (const v of vouchers) await db.kysely.updateTable('vouchers').set({ order_id: orderId }).where('id', '=', v.id).execute();
    await db.kysely.updateTable('orders').set({ refunded_at: new Date(Date.now() + 30_000).toISOString() }).where('id', '=', orderId).execute();
    // A voucher issued at the counter long ago to the 11 typed digits, outside any order.
    [loose] = (await issueVouchers(db, m, campaign, { count: 1, buyerPhones: ['13812345678'] })) as [{ id: string; code: string }];
    const cashier = await addCounterUser(db, m, world.stores.a.id, '小王');
    const manager1 = await addCounterUser(db, m, world.stores.a.id, '张经理', 'manager');
    const later = new Date(Date.now() + 60_000).toISOString();
    redemptionId = await insertRedemption(db, { merchantId: m, voucherId: vouchers[0]!.id, storeId: world.stores.a.id, terminalId: world.terminal.id, serverTime: later, cashierId: cashier });
    const reversedAt = new Date(Date.now() + 120_000).toISOString();
    await db.kysely
      .insertInto('redemption_reversals')
      .values({
        merchant_id: m, reversal_id: newId(), redemption_id: redemptionId, voucher_id: vouchers[0]!.id, uses_freed: 1, store_id: world.stores.a.id,
        terminal_id: world.terminal.id, manager_id: manager1, approved_at: reversedAt, reason: '顾客取消', device_time: reversedAt, server_time: reversedAt, remaining_after: 2,
      })
      .execute();
    await insertMessage(db, m, vouchers[0]!.id, PHONE, 'queued', new Date(Date.now() + 1_000).toISOString());
    badMessageId = await insertMessage(db, m, loose.id, 'not-a-phone', 'failed', new Date().toISOString());
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('finds a buyer’s orders and other vouchers by the whole phone, in either stored form, masked and audited', async () => {
    for (const phone of ['138 1234 5678', '+86 138-1234-5678']) {
      const res = await manager.post<{ orders: { orderId: string; vouchers: unknown[] }[]; vouchers: { voucherId: string }[] }>('/merchant/support/phone-lookup', { phone });
      expect(res.status).toBe(200);
      expect(res.body.orders.map((o) => [o.orderId, o.vouchers.length])).toEqual([[orderId, 2]]);
      expect(res.body.vouchers.map((v) => v.voucherId)).toEqual([loose.id]);
      expect(JSON.stringify(res.body)).not.toContain('12345678');
    }
    expect((await otherOwner.post<{ orders: unknown[]; vouchers: unknown[] }>('/merchant/support/phone-lookup', { phone: PHONE })).body).toEqual({ orders: [], vouchers: [] });
    const bad = await owner.post('/merchant/support/phone-lookup', { phone: '12345' });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'PHONE_INVALID']);
    const audit = (await auditRows(server.db, world.merchant.id)).filter((a) => a.action === 'support.lookup_phone');
    expect(audit[0]).toMatchObject({ actor_id: world.manager.id, details: { phoneLast4: '5678', orders: 1, vouchers: 1 } });
  });

  it('tells a voucher’s story: issued, redeemed (store, terminal, cashier), reversed, refunded, messages', async () => {
    const res = await owner.get<{ voucher: { voucherId: string }; events: Event[] }>(`/merchant/support/vouchers/${vouchers[0]!.id}/history`);
    expect(res.status).toBe(200);
    expect(res.body.voucher.voucherId).toBe(vouchers[0]!.id);
    const types = res.body.events.map((e) => e.type);
    expect(types).toEqual(['issued', 'notification', 'refund', 'redemption', 'reversal']);
    const byType = Object.fromEntries(res.body.events.map((e) => [e.type, e]));
    expect(byType['issued']).toMatchObject({ orderId, channel: 'test' });
    expect(byType['refund']).toMatchObject({ orderId, refundedQuantity: 1, state: 'partly_refunded' });
    expect(byType['redemption']).toMatchObject({ redemptionId, store: { name: 'A 店' }, terminal: { name: 'A1' }, cashier: { name: '小王' } });
    expect(byType['reversal']).toMatchObject({ redemptionId, usesFreed: 1, reason: '顾客取消', manager: { name: '张经理' } });
    expect(byType['notification']).toMatchObject({ channel: 'sms', state: 'queued', recipientMasked: '138****5678' });
    expect(JSON.stringify(res.body)).not.toContain(vouchers[0]!.code);
    expect(errorCode(await otherOwner.get(`/merchant/support/vouchers/${vouchers[0]!.id}/history`))).toBe('VOUCHER_NOT_FOUND');
  });

  it('resends the code through the outbox, audited, and answers the message’s delivery state as it moves', async () => {
    const resent = await manager.post<{ notificationId: string; channel: string; recipientMasked: string; state: string }>(`/merchant/support/vouchers/${vouchers[1]!.id}/resend`, {});
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ channel: 'sms', recipientMasked: '138****5678', state: 'queued' });
    const state = () => owner.get<{ state: string; attempts: number; lastError: string | null; sentAt: string | null }>(`/merchant/support/notifications/${resent.body.notificationId}`);
    expect((await state()).body).toMatchObject({ state: 'queued', attempts: 0, sentAt: null });
    await server.sales.dispatcher.drain();
    expect((await state()).body).toMatchObject({ state: 'sent', lastError: null, sentAt: expect.any(String) });
    const audit = (await auditRows(server.db, world.merchant.id)).filter((a) => a.action === 'support.resend');
    expect(audit).toMatchObject([{ actor_id: world.manager.id, subject_id: vouchers[1]!.id, details: { notificationId: resent.body.notificationId } }]);
  });

  it('resends by DM to the order’s platform handle when asked, and refuses a DM without one', async () => {
    const noHandle = await owner.post<{ error: { details: { fields: { field: string }[] } } }>(`/merchant/support/vouchers/${vouchers[1]!.id}/resend`, { channel: 'dm' });
    expect(errorCode(noHandle)).toBe('VALIDATION_FAILED');
    expect(noHandle.body.error.details.fields.map((f) => f.field)).toEqual(['channel']);
    await server.db.kysely.updateTable('orders').set({ buyer_handle: 'douyin:hotpot_fan' }).where('id', '=', orderId).execute();
    const dm = await owner.post<{ notificationId: string; channel: string; recipientMasked: string }>(`/merchant/support/vouchers/${vouchers[1]!.id}/resend`, { channel: 'dm' });
    expect(dm.body).toMatchObject({ channel: 'dm', recipientMasked: 'douyin:hotpot_fan', state: 'queued' });
    await server.sales.dispatcher.drain();
    expect((await owner.get(`/merchant/support/notifications/${dm.body.notificationId}`)).body).toMatchObject({ channel: 'dm', state: 'sent' });
  });

  it('answers a failed message with its reason, and nothing of another merchant', async () => {
    expect((await owner.get(`/merchant/support/notifications/${badMessageId}`)).body).toMatchObject({
      state: 'failed', attempts: 3, lastError: 'RECIPIENT_INVALID: not an E.164 phone number', recipientMasked: '****hone',
    });
    expect(errorCode(await otherOwner.get(`/merchant/support/notifications/${badMessageId}`))).toBe('NOTIFICATION_NOT_FOUND');
    const before = await server.db.kysely.selectFrom('notifications').select('id').orderBy('id').execute();
    expect(errorCode(await otherOwner.post(`/merchant/support/vouchers/${vouchers[1]!.id}/resend`, {}))).toBe('VOUCHER_NOT_FOUND');
    expect(errorCode(await owner.post(`/merchant/support/vouchers/${vouchers[1]!.id}/resend`, { channel: 'fax' }))).toBe('VALIDATION_FAILED');
    expect(await server.db.kysely.selectFrom('notifications').select('id').orderBy('id').execute()).toEqual(before);
  });
});
