import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database';
import type { PaidAnswer } from '../../server/use-cases/sales/channel-event';
import { postJson, runBounded } from '../integration/sales/support/bounded';
import { ChannelClient, paidEvent } from '../integration/sales/support/channel-client';
import { BACKENDS } from '../support/server/backends';
import { killableServer } from './support/killable-server';
import { openFlashSale } from '../support/server/flash-sale';

const ORDERS = 2_000;
const SECRET = randomBytes(24).toString('base64url');

/**
 * The server as a real process, killed with SIGKILL while a channel pays a flash sale's reserved
 * orders (paid in batches), then started again on the same data: every payment it answered is
 * there, every order is paid whole or not at all, and delivering every event again pays the rest
 * once and answers the others as replays of their first answer.
 */
describe.each(BACKENDS)('server killed while paying a flash sale (%s)', (kind) => {
  const server = killableServer(kind, { CHANNEL_SECRETS: `douyin:${SECRET}` });
  afterAll(() => server.cleanup());

  it('keeps what it answered, pays each order whole or not at all, and pays the rest once when sent again', async () => {
    const db = await server.openDb();
    const { merchant, campaign } = await openFlashSale(db, { name: 'fault flash sale', stock: ORDERS * 2 });

    const url = await server.start();
    const buyers = Array.from({ length: ORDERS }, (_, i) => ({ phone: `1390000${String(i).padStart(4, '0')}`, quantity: 1 + (i % 2) }));
    const reserved = await runBounded(ORDERS, 64, (i) => postJson(`${url}/api/v1/flash-sales/${campaign.id}/orders`, buyers[i]));
    expect(reserved.every((r) => r.status === 201)).toBe(true);
    const orders = reserved.map((r, i) => ({ orderId: String(r.body['orderId']), ...buyers[i]! }));
    const events = orders.map((o) => paidEvent({ campaignId: campaign.id, orderId: o.orderId, phone: o.phone, quantity: o.quantity }));

    // Pay everything at once and kill the server as soon as some payments are durable.
    const channel = new ChannelClient({ url }, merchant.id, SECRET);
    const answered = new Map<string, PaidAnswer>();
    const paying = runBounded(ORDERS, 128, async (i) => {
      const res = await channel.send<PaidAnswer>(events[i]).catch(() => undefined);
      if (res?.status === 200) answered.set(res.body.orderId, res.body);
    });
    const paidCount = async () =>
      Number((await db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'paid').executeTakeFirstOrThrow()).n);
    while ((await paidCount()) === 0) await new Promise((done) => setTimeout(done, 2));
    await server.kill();
    await paying;
    expect(answered.size).toBeLessThan(ORDERS);

    // Whole or nothing: a paid order has its member, vouchers, messages and event record; a reserved one none.
    const state = await paymentState(db, campaign.id);
    for (const order of orders) {
      const paid = state.paid.has(order.orderId);
      const expected = paid ? order.quantity : 0;
      expect([state.vouchers.get(order.orderId) ?? 0, state.messages.get(order.orderId) ?? 0, state.events.has(order.orderId), state.members.has(`+86${order.phone}`)]).toEqual([
        expected,
        expected,
        paid,
        paid,
      ]);
    }
    for (const orderId of answered.keys()) expect(state.paid.has(orderId)).toBe(true);
    const durable = state.paid.size;
    expect(durable).toBeLessThan(ORDERS);

    // Started again on the same data, the channel delivers every event once more.
    const again = new ChannelClient({ url: await server.start() }, merchant.id, SECRET);
    const second = await runBounded(ORDERS, 64, (i) => again.send<PaidAnswer & { error?: { code: string; details: { result: PaidAnswer } } }>(events[i]));
    for (const [i, res] of second.entries()) {
      const orderId = orders[i]!.orderId;
      if (state.paid.has(orderId)) {
        expect([res.status, res.body.error?.code]).toEqual([409, 'EVENT_REPLAYED']);
        if (answered.has(orderId)) expect(res.body.error?.details.result).toEqual(answered.get(orderId));
      } else {
        expect([res.status, res.body.state, res.body.duplicate]).toEqual([200, 'paid', false]);
      }
    }
    const final = await paymentState(db, campaign.id);
    expect(final.paid.size).toBe(ORDERS);
    expect([...final.vouchers.values()].reduce((a, b) => a + b, 0)).toBe(orders.reduce((sum, o) => sum + o.quantity, 0));
    expect(final.events.size).toBe(ORDERS);
    expect(second.filter((r) => r.status === 200)).toHaveLength(ORDERS - durable);
  }, 180_000);
});

async function paymentState(db: Db, campaignId: string) {
  const k = db.kysely;
  const paid = await k.selectFrom('orders').select('id').where('campaign_id', '=', campaignId).where('state', '=', 'paid').execute();
  const vouchers = await k.selectFrom('vouchers').select(['order_id', (eb) => eb.fn.countAll().as('n')]).where('campaign_id', '=', campaignId).groupBy('order_id').execute();
  const messages = await k.selectFrom('notifications').select(['order_id', (eb) => eb.fn.countAll().as('n')]).where('template', '=', 'voucher_issued').groupBy('order_id').execute();
  const events = await k.selectFrom('channel_events').select('order_id').execute();
  const members = await k.selectFrom('members').select('phone').execute();
  return {
    paid: new Set(paid.map((o) => o.id)),
    vouchers: new Map(vouchers.map((v) => [v.order_id ?? '', Number(v.n)])),
    messages: new Map(messages.map((m) => [m.order_id, Number(m.n)])),
    events: new Set(events.map((e) => e.order_id)),
    members: new Set(members.map((m) => m.phone)),
  };
}
