import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyVoucherQr, type QrPublicKey } from '../../../core/voucher-qr';
import { startServer, type RunningServer } from '../../../server/server';
import type { PaidAnswer } from '../../../server/use-cases/sales/channel-event';
import { errorCode } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { postJson, runBounded } from './support/bounded';
import { ChannelClient, paidEvent } from './support/channel-client';
import { buildSalesWorld, salesCounts, type SalesWorld } from './support/sales-world';

interface Reserved {
  orderId: string;
  phone: string;
  quantity: number;
  handle?: string;
}

/** Payments of reserved orders that arrive together are applied in batches: each must come out as if paid alone. */
describe.each(BACKENDS)('batched payments of reserved orders (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: SalesWorld;
  let channel: ChannelClient;
  const warnings: string[] = [];
  /** A batch that fails as a whole is told in the log; its payments then go one by one. */
  const batchFailures = () => warnings.splice(0).filter((line) => line.includes('a payment batch failed')).length;

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({
      ...backend.options,
      port: 0,
      demo: false,
      logLevel: 'warn',
      logDestination: { write: (line: string) => void warnings.push(line) },
      sales: { jobs: false },
    });
    world = await buildSalesWorld(server);
    channel = new ChannelClient(server, world.merchant.id, world.secret);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  const reserve = async (campaignId: string, buyers: Omit<Reserved, 'orderId'>[]): Promise<Reserved[]> => {
    const answers = await runBounded(buyers.length, 64, (i) => postJson(`${server.url}/api/v1/flash-sales/${campaignId}/orders`, buyers[i]));
    expect(answers.map((a) => a.status)).toEqual(buyers.map(() => 201));
    return answers.map((a, i) => ({ ...buyers[i]!, orderId: String(a.body['orderId']) }));
  };
  const pay = (campaignId: string, order: Reserved, eventId?: string, quantity = order.quantity) =>
    paidEvent({ campaignId, orderId: order.orderId, phone: order.phone, quantity }, eventId);

  it('pays 300 orders sent together, each with its vouchers, member, handle, messages and event record', async () => {
    const campaign = await world.campaign({ stock: 1000, usesPerVoucher: 2 });
    // 250 phones: some buyers hold two orders; every third buyer gives a handle.
    const buyers = Array.from({ length: 300 }, (_, i) => ({
      phone: `1380000${String(i % 250).padStart(4, '0')}`,
      quantity: 1 + (i % 3),
      ...(i % 3 === 0 ? { handle: `fan_${i % 250}` } : {}),
    }));
    const orders = await reserve(campaign.id, buyers);
    const events = orders.map((order) => pay(campaign.id, order));
    const answers = await runBounded(events.length, 128, (i) => channel.send<PaidAnswer>(events[i]));

    expect(answers.map((a) => [a.status, a.body.state, a.body.duplicate, a.body.vouchers.length])).toEqual(orders.map((o) => [200, 'paid', false, o.quantity]));
    const db = server.db.kysely;
    const rows = await db.selectFrom('orders').selectAll().where('campaign_id', '=', campaign.id).execute();
    expect(rows.every((o) => o.state === 'paid' && o.member_id !== null && o.expires_at === null && o.external_order_id !== null)).toBe(true);
    const vouchers = await db.selectFrom('vouchers').selectAll().where('campaign_id', '=', campaign.id).execute();
    expect(vouchers).toHaveLength(orders.reduce((sum, o) => sum + o.quantity, 0));
    for (const [i, answer] of answers.entries()) {
      const mine = vouchers.filter((v) => v.order_id === orders[i]!.orderId);
      expect(mine.map((v) => v.id).sort()).toEqual(answer.body.vouchers.map((v) => v.voucherId).sort());
      expect(mine.every((v) => v.member_id === rows.find((o) => o.id === v.order_id)!.member_id && v.uses === 2)).toBe(true);
    }
    const members = await db.selectFrom('members').selectAll().where('phone', 'like', '+86138%').execute();
    expect(members).toHaveLength(250);
    expect(new Set(rows.map((o) => o.member_id)).size).toBe(250);
    const handles = await db.selectFrom('member_handles').selectAll().where('handle', 'like', 'fan_%').execute();
    expect(handles).toHaveLength(new Set(buyers.filter((b) => b.handle).map((b) => b.handle)).size);
    for (const h of handles) expect(members.find((m) => m.id === h.member_id)?.phone).toBe(`+86${buyers.find((b) => b.handle === h.handle)!.phone}`);
    const messages = await db.selectFrom('notifications').selectAll().where('template', '=', 'voucher_issued').execute();
    const ids = new Set(vouchers.map((v) => v.id));
    expect(messages.filter((m) => ids.has(m.voucher_id ?? '')).map((m) => m.voucher_id).sort()).toEqual([...ids].sort());
    const recorded = await db.selectFrom('channel_events').select(['event_id', 'result']).where('event_id', 'in', events.map((e) => e.eventId)).execute();
    expect(recorded.map((r) => JSON.parse(r.result) as PaidAnswer).sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(
      answers.map((a) => a.body).sort((a, b) => a.eventId.localeCompare(b.eventId)),
    );

    expect(batchFailures()).toBe(0);
    if (kind === 'postgres') {
      // Past 256 orders the sale analysed its tables itself (autovacuum's runs are counted apart).
      const analyses = async () =>
        Number((await sql<{ n: number }>`SELECT analyze_count AS n FROM pg_stat_user_tables WHERE relid = 'members'::regclass`.execute(server.db.kysely)).rows[0]?.n);
      await expect.poll(analyses, { timeout: 10_000 }).toBeGreaterThan(0);
    }

    const terminal = await world.client();
    const keys = (await terminal.get<{ keys: QrPublicKey[] }>('/merchant-keys')).body.keys;
    for (const v of vouchers.slice(0, 20)) {
      expect(verifyVoucherQr(v.qr_token ?? '', keys, Math.floor(Date.now() / 1000))).toMatchObject({ ok: true, value: { voucherId: v.id, code: v.code } });
    }
  });

  it('pays each order once when its event comes several times, under another event id or with the wrong quantity, all at once', async () => {
    const campaign = await world.campaign({ stock: 100 });
    const orders = await reserve(
      campaign.id,
      Array.from({ length: 20 }, (_, i) => ({ phone: `1370000${String(i).padStart(4, '0')}`, quantity: 2 })),
    );
    const first = orders.map((order) => pay(campaign.id, order));
    const deliveries = orders.flatMap((order, i) => [
      first[i]!,
      first[i]!,
      first[i]!,
      { ...first[i]!, eventId: `${first[i]!.eventId}-again` },
      pay(campaign.id, order, `${first[i]!.eventId}-short`, 1),
    ]);
    const answers = await runBounded(deliveries.length, 100, (i) => channel.send<PaidAnswer>(deliveries[i]));

    for (const [i, order] of orders.entries()) {
      const mine = answers.slice(i * 5, i * 5 + 5);
      // Whichever event id arrived first paid the order; the other id is answered as a duplicate.
      const paying = mine.slice(0, 4).filter((a) => a.status === 200 && !a.body.duplicate);
      expect(paying).toHaveLength(1);
      expect(paying[0]!.body).toMatchObject({ orderId: order.orderId, state: 'paid' });
      const sameId = mine.slice(0, 3);
      expect(sameId.filter((a) => a.status === 200)).toHaveLength(1);
      expect(sameId.filter((a) => a.status !== 200).map((a) => [a.status, errorCode(a)])).toEqual([
        [409, 'EVENT_REPLAYED'],
        [409, 'EVENT_REPLAYED'],
      ]);
      expect(mine[3]!.status).toBe(200);
      const voucherIds = (a: (typeof mine)[number]) => a.body.vouchers.map((v) => v.voucherId).sort();
      for (const a of mine.slice(0, 4).filter((a) => a.status === 200)) expect(voucherIds(a)).toEqual(voucherIds(paying[0]!));
      expect([mine[4]!.status, errorCode(mine[4]!)]).toEqual([409, 'ORDER_MISMATCH']);
    }
    const vouchers = await server.db.kysely.selectFrom('vouchers').select('order_id').where('campaign_id', '=', campaign.id).execute();
    expect(vouchers).toHaveLength(40);
    expect(batchFailures()).toBe(0);
  });

  it('pays the rest of a batch when one payment of it fails in the database, and that one later', async () => {
    const campaign = await world.campaign({ stock: 100 });
    const orders = await reserve(
      campaign.id,
      Array.from({ length: 40 }, (_, i) => ({ phone: `1360000${String(i).padStart(4, '0')}`, quantity: 1 })),
    );
    const poisoned = '+8613600000007';
    await poisonMessagesTo(poisoned);
    const events = orders.map((order) => pay(campaign.id, order));
    const before = await salesCounts(server.db);
    const answers = await runBounded(events.length, 40, (i) => channel.send<PaidAnswer>(events[i]));

    expect(answers.map((a) => a.status)).toEqual(orders.map((o) => (`+86${o.phone}` === poisoned ? 500 : 200)));
    const after = await salesCounts(server.db);
    expect([after.vouchers - before.vouchers, after.notifications - before.notifications, after.events - before.events, after.members - before.members]).toEqual([
      39, 39, 39, 39,
    ]);
    const victim = orders.find((o) => `+86${o.phone}` === poisoned)!;
    const row = await server.db.kysely.selectFrom('orders').select(['state', 'member_id']).where('id', '=', victim.orderId).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'reserved', member_id: null });
    expect(batchFailures()).toBeGreaterThan(0);

    await curePoison();
    const retried = await channel.send<PaidAnswer>(events[orders.indexOf(victim)]);
    expect([retried.status, retried.body.state, retried.body.vouchers.length]).toEqual([200, 'paid', 1]);
  });

  const poisonMessagesTo = (recipient: string) =>
    kind === 'postgres'
      ? (async () => {
          await sql
            .raw(
              `CREATE FUNCTION poison_messages() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF NEW.recipient = '${recipient}' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$`,
            )
            .execute(server.db.kysely);
          await sql.raw('CREATE TRIGGER poison_messages BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION poison_messages()').execute(server.db.kysely);
        })()
      : sql
          .raw(`CREATE TRIGGER poison_messages BEFORE INSERT ON notifications WHEN NEW.recipient = '${recipient}' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`)
          .execute(server.db.kysely);
  const curePoison = () => sql.raw(kind === 'postgres' ? 'DROP TRIGGER poison_messages ON notifications' : 'DROP TRIGGER poison_messages').execute(server.db.kysely);
});
