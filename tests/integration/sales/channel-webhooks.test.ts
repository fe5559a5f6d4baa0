import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyVoucherQr, type QrPublicKey } from '../../../core/voucher-qr';
import { startServer, type RunningServer } from '../../../server/server';
import type { PaidAnswer } from '../../../server/use-cases/sales/channel-event';
import { errorCode } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { ChannelClient, paidEvent } from './support/channel-client';
import { buildSalesWorld, salesCounts, type SalesWorld } from './support/sales-world';

describe.each(BACKENDS)('channel webhooks (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: SalesWorld;
  let channel: ChannelClient;

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false } });
    world = await buildSalesWorld(server);
    channel = new ChannelClient(server, world.merchant.id, world.secret);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('refuses bad signatures, stale timestamps, replays, unknown campaigns and malformed bodies, changing nothing', async () => {
    const campaign = await world.campaign({ stock: 10 });
    const first = paidEvent({ campaignId: campaign.id, phone: '13800138000', quantity: 1 });
    expect((await channel.send(first)).status).toBe(200);
    const before = await salesCounts(server.db);

    const refusals = [
      [await channel.send(paidEvent({ campaignId: campaign.id, phone: '13800138001', quantity: 1 }), { secret: 'not-the-secret-at-all' }), 401, 'WEBHOOK_SIGNATURE_INVALID'],
      [await channel.send(paidEvent({ campaignId: campaign.id, phone: '13800138001', quantity: 1 }), { signature: 'v1=00' }), 401, 'WEBHOOK_SIGNATURE_INVALID'],
      [await channel.send(paidEvent({ campaignId: campaign.id, phone: '13800138001', quantity: 1 }), { merchantId: null }), 401, 'WEBHOOK_SIGNATURE_INVALID'],
      [
        await channel.send(paidEvent({ campaignId: campaign.id, phone: '13800138001', quantity: 1 }), { timestamp: Math.floor(Date.now() / 1000) - 301 }),
        401,
        'WEBHOOK_TIMESTAMP_STALE',
      ],
      [await channel.send(first), 409, 'EVENT_REPLAYED'],
      [await channel.send(paidEvent({ campaignId: '0190aaaa-0000-7000-8000-000000000000', phone: '13800138001', quantity: 1 })), 404, 'CAMPAIGN_NOT_FOUND'],
      [await channel.sendRaw('{"eventId": "x", "type": '), 400, 'MALFORMED_JSON'],
      [await channel.send({ eventId: 'e-bad', type: 'order.paid', order: { campaignId: campaign.id, quantity: 0 } }), 400, 'VALIDATION_FAILED'],
      [await channel.send({ ...paidEvent({ campaignId: campaign.id, phone: 'not a phone', quantity: 1 }) }), 400, 'VALIDATION_FAILED'],
    ] as const;
    expect(refusals.map(([res, status, code]) => [res.status, errorCode(res), status, code])).toEqual(
      refusals.map(([, status, code]) => [status, code, status, code]),
    );
    expect(await salesCounts(server.db)).toEqual(before);
  });

  it('answers a replay with the first result and says whether the payload was the same', async () => {
    const campaign = await world.campaign();
    const event = paidEvent({ campaignId: campaign.id, phone: '13900139000', quantity: 2 });
    const applied = await channel.send<PaidAnswer>(event);
    const replay = await channel.send<{ error: { details: { result: PaidAnswer; samePayload: boolean } } }>(event);
    expect(replay.status).toBe(409);
    expect(replay.body.error.details.samePayload).toBe(true);
    expect(replay.body.error.details.result).toEqual(applied.body);
  });

  it('issues one set of vouchers and one message per voucher when the paid event comes 5 times', async () => {
    const campaign = await world.campaign({ stock: 50 });
    const base = paidEvent({ campaignId: campaign.id, phone: '13700137000', quantity: 3, handle: 'duck_fan' });
    const sameId = await Promise.all(Array.from({ length: 5 }, () => channel.send<PaidAnswer>(base)));
    expect(sameId.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const newIds = await Promise.all(
      Array.from({ length: 5 }, (_, i) => channel.send<PaidAnswer>({ ...base, eventId: `${base.eventId}-again-${i}` })),
    );
    expect(newIds.map((r) => [r.status, r.body.duplicate])).toEqual(Array(5).fill([200, true]));

    const order = await server.db.kysely.selectFrom('orders').selectAll().where('external_order_id', '=', base.order.externalOrderId).execute();
    expect(order).toHaveLength(1);
    const vouchers = await server.db.kysely.selectFrom('vouchers').selectAll().where('order_id', '=', order[0]!.id).execute();
    expect(vouchers).toHaveLength(3);
    const messages = await server.db.kysely.selectFrom('notifications').selectAll().where('order_id', '=', order[0]!.id).execute();
    expect(messages.map((m) => m.voucher_id).sort()).toEqual(vouchers.map((v) => v.id).sort());
    expect(messages.every((m) => m.channel === 'sms' && m.recipient === '+8613700137000' && m.state === 'queued')).toBe(true);
    // The code is rendered at send time from the voucher, never stored in the outbox.
    expect(messages.some((m) => vouchers.some((v) => m.params.includes(v.code)))).toBe(false);
    const campaignRow = await server.db.kysely.selectFrom('campaigns').select('sold_count').where('id', '=', campaign.id).executeTakeFirstOrThrow();
    expect(campaignRow.sold_count).toBe(3);
    const member = await server.db.kysely.selectFrom('members').selectAll().where('phone', '=', '+8613700137000').execute();
    expect(member).toHaveLength(1);
    expect(vouchers.every((v) => v.member_id === member[0]!.id)).toBe(true);
    const handles = await server.db.kysely.selectFrom('member_handles').selectAll().where('member_id', '=', member[0]!.id).execute();
    expect(handles.map((h) => `${h.channel}:${h.handle}`)).toEqual(['douyin:duck_fan']);
  });

  it('holds a sale made outside our API to stock and per-buyer limits, by phone and by handle', async () => {
    const campaign = await world.campaign({ stock: 4, perBuyerLimit: 2 });
    const send = (phone: string, quantity: number, handle?: string) =>
      channel.send(paidEvent({ campaignId: campaign.id, phone, quantity, ...(handle ? { handle } : {}) }));
    expect((await send('13600136000', 2, 'shared')).status).toBe(200);
    const samePhone = await send('13600136000', 1);
    const sameHandle = await send('13600136001', 1, 'douyin:shared');
    expect([samePhone.status, errorCode(samePhone), sameHandle.status, errorCode(sameHandle)]).toEqual([
      409,
      'BUYER_LIMIT_REACHED',
      409,
      'BUYER_LIMIT_REACHED',
    ]);
    expect((await send('13600136002', 1)).status).toBe(200);
    const tooMany = await send('13600136003', 2);
    expect([tooMany.status, errorCode(tooMany)]).toEqual([409, 'OUT_OF_STOCK']);
    expect((await send('13600136003', 1)).status).toBe(200);
    const soldOut = await send('13600136004', 1);
    expect([soldOut.status, errorCode(soldOut)]).toEqual([409, 'OUT_OF_STOCK']);
    const row = await server.db.kysely.selectFrom('campaigns').select(['sold_count', 'total_stock']).where('id', '=', campaign.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ sold_count: 4, total_stock: 4 });
  });

  it('pays our own reserved order and signs each voucher QR with a key terminals can fetch', async () => {
    const campaign = await world.campaign({ stock: 5, usesPerVoucher: 2 });
    const reserve = await fetch(`${server.url}/api/v1/flash-sales/${campaign.id}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '+86 135-0013-5000', quantity: 2 }),
    });
    const order = (await reserve.json()) as { orderId: string; state: string; totalFen: number };
    expect([reserve.status, order.state, order.totalFen]).toEqual([201, 'reserved', 9800]);

    const paid = await channel.send<PaidAnswer>(
      paidEvent({ campaignId: campaign.id, orderId: order.orderId, phone: '13500135000', quantity: 2 }),
    );
    expect([paid.status, paid.body.orderId, paid.body.state, paid.body.vouchers.length]).toEqual([200, order.orderId, 'paid', 2]);
    expect(paid.body.vouchers.every((v) => /^\*{4} \*{4} \d{4}$/.test(v.codeMasked))).toBe(true);

    const terminal = await world.client();
    const keys = await terminal.get<{ keys: QrPublicKey[] }>('/merchant-keys');
    expect(keys.status).toBe(200);
    const vouchers = await server.db.kysely.selectFrom('vouchers').selectAll().where('order_id', '=', order.orderId).execute();
    for (const voucher of vouchers) {
      const verified = verifyVoucherQr(voucher.qr_token ?? '', keys.body.keys, Math.floor(Date.now() / 1000));
      expect(verified).toMatchObject({ ok: true, value: { voucherId: voucher.id, code: voucher.code, uses: 2, merchantId: world.merchant.id } });
    }
    const unauthenticated = await fetch(`${server.url}/api/v1/merchant-keys`);
    expect(unauthenticated.status).toBe(401);
  });

  it('refuses to pay an order under another campaign or quantity, or an external id already used', async () => {
    const campaign = await world.campaign();
    const event = paidEvent({ campaignId: campaign.id, phone: '13400134000', quantity: 1 });
    expect((await channel.send(event)).status).toBe(200);
    const before = await salesCounts(server.db);
    const other = await channel.send({ ...event, eventId: `${event.eventId}-x`, order: { ...event.order, quantity: 2 } });
    expect([other.status, errorCode(other)]).toEqual([409, 'ORDER_MISMATCH']);
    const unknownOrder = await channel.send(paidEvent({ campaignId: campaign.id, phone: '13400134000', quantity: 1, orderId: 'no-such-order' }));
    expect([unknownOrder.status, errorCode(unknownOrder)]).toEqual([404, 'ORDER_NOT_FOUND']);
    expect(await salesCounts(server.db)).toEqual(before);
  });
});
