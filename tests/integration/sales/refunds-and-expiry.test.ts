import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';
import type { PaidAnswer, RefundAnswer } from '../../../server/use-cases/sales/channel-event';
import { expireReservations } from '../../../server/use-cases/sales/expire-reservations';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { postJson } from './support/bounded';
import { ChannelClient, paidEvent, refundEvent } from './support/channel-client';
import { buildSalesWorld, salesCounts, type SalesWorld } from './support/sales-world';

describe.each(BACKENDS)('refunds and reservation expiry (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: SalesWorld;
  let channel: ChannelClient;
  let terminal: ApiClient;
  const clock = Date.now();

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', now: () => new Date(clock), sales: { jobs: false } });
    world = await buildSalesWorld(server, { now: new Date(clock) });
    channel = new ChannelClient(server, world.merchant.id, world.secret, 'douyin', () => clock);
    terminal = await world.client();
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  const redeem = (code: string, count: number) =>
    terminal.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code, count, deviceTime: new Date(clock).toISOString() });

  it('voids only what is left of a partly redeemed order and reports it', async () => {
    const campaign = await world.campaign({ usesPerVoucher: 2 });
    const paid = await channel.send<PaidAnswer>(paidEvent({ campaignId: campaign.id, phone: '13800000001', quantity: 3 }));
    const vouchers = await server.db.kysely.selectFrom('vouchers').selectAll().where('order_id', '=', paid.body.orderId).orderBy('id').execute();
    const [used, half, untouched] = vouchers;
    expect((await redeem(used!.code, 2)).status).toBe(200);
    expect((await redeem(half!.code, 1)).status).toBe(200);

    const refund = await channel.send<RefundAnswer>(refundEvent({ externalOrderId: paid.body.externalOrderId }));
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ state: 'partly_refunded', duplicate: false, orderId: paid.body.orderId });
    expect(refund.body.voided.map((v) => [v.voucherId, v.redeemed, v.status])).toEqual([
      [half!.id, 1, 'void'],
      [untouched!.id, 0, 'void'],
    ]);
    expect(refund.body.redeemed.map((v) => [v.voucherId, v.redeemed])).toEqual([
      [used!.id, 2],
      [half!.id, 1],
    ]);
    const again = await redeem(untouched!.code, 1);
    expect([again.status, errorCode(again)]).toEqual([409, 'VOUCHER_NOT_ACTIVE']);
    const order = await server.db.kysely.selectFrom('orders').selectAll().where('id', '=', paid.body.orderId).executeTakeFirstOrThrow();
    expect([order.state, order.refunded_quantity]).toEqual(['partly_refunded', 2]);
    const told = await server.db.kysely.selectFrom('notifications').select('voucher_id').where('template', '=', 'voucher_refunded').where('order_id', '=', order.id).execute();
    expect(told.map((n) => n.voucher_id).sort()).toEqual([half!.id, untouched!.id].sort());

    const before = await salesCounts(server.db);
    const second = await channel.send<RefundAnswer>(refundEvent({ externalOrderId: paid.body.externalOrderId }));
    expect([second.status, second.body.duplicate, second.body.state, second.body.voided.length]).toEqual([200, true, 'partly_refunded', 2]);
    expect({ ...(await salesCounts(server.db)), events: before.events }).toEqual(before);
  });

  it('refunds an unredeemed order whole; refuses unknown and unpaid orders without changing anything', async () => {
    const campaign = await world.campaign();
    const paid = await channel.send<PaidAnswer>(paidEvent({ campaignId: campaign.id, phone: '13800000002', quantity: 2 }));
    const refund = await channel.send<RefundAnswer>(refundEvent({ externalOrderId: paid.body.externalOrderId }));
    expect([refund.body.state, refund.body.voided.length, refund.body.redeemed.length]).toEqual(['refunded', 2, 0]);

    const reserved = await postJson(`${server.url}/api/v1/flash-sales/${campaign.id}/orders`, { phone: '13800000003', quantity: 1 });
    const before = await salesCounts(server.db);
    const unknown = await channel.send(refundEvent({ externalOrderId: 'never-sold' }));
    const unpaid = await channel.send(refundEvent({ externalOrderId: 'x-1', orderId: String(reserved.body['orderId']) }));
    expect([unknown.status, errorCode(unknown), unpaid.status, errorCode(unpaid)]).toEqual([404, 'ORDER_NOT_FOUND', 409, 'ORDER_NOT_PAID']);
    expect(await salesCounts(server.db)).toEqual(before);
  });

  it("puts a refund's voided units back on sale and back within the buyer's limit, once", async () => {
    const campaign = await world.campaign({ stock: 3, perBuyerLimit: 2, usesPerVoucher: 2 });
    const sold = async () => (await server.db.kysely.selectFrom('campaigns').select('sold_count').where('id', '=', campaign.id).executeTakeFirstOrThrow()).sold_count;
    const reserve = (phone: string, quantity: number) => postJson(`${server.url}/api/v1/flash-sales/${campaign.id}/orders`, { phone, quantity });
    const refusal = async (phone: string) => ((await reserve(phone, 1)).body['error'] as { code?: string } | undefined)?.code;
    const first = await channel.send<PaidAnswer>(paidEvent({ campaignId: campaign.id, phone: '13800000011', quantity: 2 }));
    await channel.send<PaidAnswer>(paidEvent({ campaignId: campaign.id, phone: '13800000012', quantity: 1 }));
    expect(await sold()).toBe(3);
    expect(await refusal('13800000013')).toBe('OUT_OF_STOCK');

    // One of the first buyer's two vouchers is partly used: both are voided, only the untouched one goes back on sale.
    const [used] = await server.db.kysely.selectFrom('vouchers').select('code').where('order_id', '=', first.body.orderId).orderBy('id').execute();
    expect((await redeem(used!.code, 1)).status).toBe(200);
    const refund = await channel.send<RefundAnswer>(refundEvent({ externalOrderId: first.body.externalOrderId }));
    expect(refund.body.voided).toHaveLength(2);
    expect(await sold()).toBe(2);
    expect((await channel.send<RefundAnswer>(refundEvent({ externalOrderId: first.body.externalOrderId }))).body.duplicate).toBe(true);
    expect(await sold()).toBe(2);

    // The returned unit sells again, and the first buyer may buy again up to the limit of 2.
    expect((await reserve('13800000011', 1)).status).toBe(201);
    expect(await refusal('13800000013')).toBe('OUT_OF_STOCK');
    expect(await sold()).toBe(3);
  });

  it('gives expired reservations back to stock and buyers once, even when sweeps overlap', async () => {
    const campaign = await world.campaign({ stock: 3, perBuyerLimit: 2, paymentWindowSeconds: 60 });
    const reserve = (phone: string, quantity: number) => postJson(`${server.url}/api/v1/flash-sales/${campaign.id}/orders`, { phone, quantity });
    const first = await reserve('13800000010', 2);
    expect(first.status).toBe(201);
    expect((await reserve('13800000011', 1)).status).toBe(201);
    const soldOut = await reserve('13800000012', 1);
    expect(soldOut.status).toBe(409);

    expect(await expireReservations(server.db, new Date(clock + 59_000))).toEqual({ orders: 0, units: 0 });
    const sweeps = await Promise.all([0, 1, 2].map(() => expireReservations(server.db, new Date(clock + 61_000))));
    expect(sweeps.reduce((sum, s) => sum + s.units, 0)).toBe(3);
    const row = await server.db.kysely.selectFrom('campaigns').select('sold_count').where('id', '=', campaign.id).executeTakeFirstOrThrow();
    expect(row.sold_count).toBe(0);
    const counters = await server.db.kysely.selectFrom('buyer_counters').select('units').where('campaign_id', '=', campaign.id).execute();
    expect(counters.every((c) => c.units === 0)).toBe(true);
    const states = await server.db.kysely.selectFrom('orders').select('state').where('campaign_id', '=', campaign.id).execute();
    expect(states.map((s) => s.state)).toEqual(['expired', 'expired']);

    // A late payment of a lapsed reservation takes its units again, while there are any.
    const late = await channel.send<PaidAnswer>(
      paidEvent({ campaignId: campaign.id, orderId: String(first.body['orderId']), phone: '13800000010', quantity: 2 }),
    );
    expect([late.status, late.body.state, late.body.vouchers.length]).toEqual([200, 'paid', 2]);
    expect((await reserve('13800000013', 1)).status).toBe(201);
    const lateSecond = await channel.send(paidEvent({ campaignId: campaign.id, phone: '13800000011', quantity: 1, orderId: await orderOf(campaign.id, '+8613800000011') }));
    expect([lateSecond.status, errorCode(lateSecond)]).toEqual([409, 'OUT_OF_STOCK']);
  });

  async function orderOf(campaignId: string, phone: string): Promise<string> {
    const row = await server.db.kysely.selectFrom('orders').select('id').where('campaign_id', '=', campaignId).where('buyer_phone', '=', phone).executeTakeFirstOrThrow();
    return row.id;
  }
});
