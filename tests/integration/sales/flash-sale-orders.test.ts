import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { postJson, runBounded } from './support/bounded';
import { buildSalesWorld, salesCounts, type SalesWorld } from './support/sales-world';

const HOUR = 3_600_000;

describe.each(BACKENDS)('flash-sale orders (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: SalesWorld;
  const order = (campaignId: string, body: unknown) => postJson(`${server.url}/api/v1/flash-sales/${campaignId}/orders`, body);

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false } });
    world = await buildSalesWorld(server);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('sells exactly 500 units to 2,000 concurrent attempts with no buyer above 2, by phone or by handle', async () => {
    const campaign = await world.campaign({ stock: 500, perBuyerLimit: 2 });
    // 300 phones and 260 handles interleave, so both limits bite before the stock runs out.
    const attempts = Array.from({ length: 2_000 }, (_, i) => ({
      phone: `1390000${String(i % 300).padStart(4, '0')}`,
      handle: `fan_${(i * 7) % 260}`,
      quantity: i % 5 === 0 ? 2 : 1,
      channel: 'douyin',
    }));
    const responses = await runBounded(attempts.length, 64, (i) => order(campaign.id, attempts[i]));

    const granted = responses.filter((r) => r.status === 201);
    const refusedCodes = new Set(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${(r.body['error'] as { code: string }).code}`));
    expect([...refusedCodes].sort()).toEqual(['409 BUYER_LIMIT_REACHED', '409 OUT_OF_STOCK']);
    const unitsGranted = granted.reduce((sum, r) => sum + Number(r.body['quantity']), 0);
    expect(unitsGranted).toBe(500);

    const db = server.db.kysely;
    const row = await db.selectFrom('campaigns').select(['sold_count', 'total_stock']).where('id', '=', campaign.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ sold_count: 500, total_stock: 500 });
    const orders = await db.selectFrom('orders').selectAll().where('campaign_id', '=', campaign.id).execute();
    expect(orders.reduce((sum, o) => sum + o.quantity, 0)).toBe(500);
    expect(orders.every((o) => o.state === 'reserved' && o.expires_at !== null)).toBe(true);
    const perBuyer = new Map<string, number>();
    for (const o of orders) {
      for (const key of [o.buyer_phone, o.buyer_handle ?? '']) perBuyer.set(key, (perBuyer.get(key) ?? 0) + o.quantity);
    }
    expect(Math.max(...perBuyer.values())).toBeLessThanOrEqual(2);
    const counters = await db.selectFrom('buyer_counters').selectAll().where('campaign_id', '=', campaign.id).execute();
    for (const counter of counters) expect(counter.units).toBe(perBuyer.get(counter.buyer_key) ?? 0);
  });

  // Several nodes share one PostgreSQL: the campaign row lock, not the process, keeps the count.
  if (kind === 'postgres') {
    it('sells exactly the stock when two server nodes take orders for the same campaign', async () => {
      const second = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false } });
      try {
        const campaign = await world.campaign({ stock: 300, perBuyerLimit: 1 });
        const nodes = [server.url, second.url];
        const responses = await runBounded(900, 64, (i) =>
          postJson(`${nodes[i % 2]}/api/v1/flash-sales/${campaign.id}/orders`, { phone: `1370000${String(i % 450).padStart(4, '0')}`, quantity: 1 }),
        );
        expect(responses.filter((r) => r.status === 201)).toHaveLength(300);
        const row = await server.db.kysely.selectFrom('campaigns').select('sold_count').where('id', '=', campaign.id).executeTakeFirstOrThrow();
        expect(row.sold_count).toBe(300);
        const perPhone = await server.db.kysely
          .selectFrom('orders')
          .select(['buyer_phone', (eb) => eb.fn.countAll<number>().as('n')])
          .where('campaign_id', '=', campaign.id)
          .groupBy('buyer_phone')
          .execute();
        expect(Math.max(...perPhone.map((p) => Number(p.n)))).toBe(1);
      } finally {
        await second.stop();
      }
    });
  }

  it('answers with the order awaiting payment, priced and with its deadline', async () => {
    const campaign = await world.campaign({ stock: 10, paymentWindowSeconds: 600 });
    const before = Date.now();
    const res = await order(campaign.id, { phone: '13812345678', quantity: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ campaignId: campaign.id, state: 'reserved', quantity: 3, unitPriceFen: 4900, totalFen: 14_700 });
    const expiresAt = Date.parse(String(res.body['expiresAt']));
    expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    const stored = await server.db.kysely.selectFrom('orders').selectAll().where('id', '=', String(res.body['orderId'])).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ buyer_phone: '+8613812345678', channel: 'flash_sale', external_order_id: null, state: 'reserved' });
  });

  it('refuses outside the sale window, for drafts, unknown campaigns and bad input, changing nothing', async () => {
    const now = Date.now();
    const notYet = await world.campaign({ saleStartsAt: new Date(now + HOUR), saleEndsAt: new Date(now + 2 * HOUR) });
    const over = await world.campaign({ saleStartsAt: new Date(now - 2 * HOUR), saleEndsAt: new Date(now - HOUR) });
    const draft = await world.campaign({ status: 'draft' });
    const open = await world.campaign();
    const before = await salesCounts(server.db);
    const buyer = { phone: '13811112222', quantity: 1 };
    const answers = [
      await order(notYet.id, buyer),
      await order(over.id, buyer),
      await order(draft.id, buyer),
      await order('0190aaaa-0000-7000-8000-000000000000', buyer),
      await order(open.id, { phone: '12345', quantity: 1 }),
      await order(open.id, { phone: '13811112222', quantity: 0 }),
      await order(open.id, { phone: '13811112222', quantity: 1, channel: 'Bad Channel' }),
    ];
    expect(answers.map((a) => [a.status, (a.body['error'] as { code: string }).code])).toEqual([
      [409, 'SALE_NOT_STARTED'],
      [409, 'SALE_ENDED'],
      [409, 'CAMPAIGN_NOT_ON_SALE'],
      [404, 'CAMPAIGN_NOT_FOUND'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
    ]);
    expect(await salesCounts(server.db)).toEqual(before);
  });
});
