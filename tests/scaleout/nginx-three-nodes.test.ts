import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PushResponse, type Change, type EntryResult, type OutboxEntry } from '../../core/sync';
import { openDatabase, type Db } from '../../server/db/database';
import { readLiveState } from '../../server/live/live-figures';
import { addMerchantUser } from '../../server/repositories/backoffice/merchant-user-setup';
import { issueVouchers } from '../../server/repositories/merchant-setup';
import { mintPairingCode } from '../../server/repositories/pairing-repository';
import type { PaidAnswer } from '../../server/use-cases/sales/channel-event';
import { runBounded } from '../integration/sales/support/bounded';
import { ChannelClient, paidEvent } from '../integration/sales/support/channel-client';
import { SyncTerminal } from '../integration/sync/support/sync-terminal';
import { ApiClient, errorCode, type ApiResponse } from '../support/server/api-client';
import { createBackend } from '../support/server/backends';
import { openFlashSale } from '../support/server/flash-sale';
import { allowWideOffline } from '../support/server/offline-policy';
import { loginBody } from '../support/server/login-body';
import { buildWorld } from '../support/server/world';
import { EventStream } from './support/event-stream';
import { FollowedStream } from './support/followed-stream';
import { NginxProcess, requireNginx } from './support/nginx';
import { retrying } from './support/retrying';
import { freePort, ServerNode } from './support/server-node';

const CONTEST_VOUCHERS = 60;
const PUSH_ENTRIES = 100;
const PUSH_BATCH = 20;
const BUYERS = 60;
const STOCK = 40;
const SECRET = randomBytes(24).toString('base64url');
const PASSWORD = 'owner-secret-1';

interface Answered {
  client: ApiClient;
  body: Record<string, unknown>;
  res: ApiResponse;
}

/**
 * Issue #12's arrangement for real: nginx (deploy/nginx) in front of three `npm run server`
 * processes on one PostgreSQL. Two terminals race for the same one-use vouchers, a third pushes
 * its offline queue, buyers reserve and pay a flash sale, terminals and the back office follow
 * their event streams — and one node is killed with SIGKILL in the middle, then started again.
 * Afterwards: no voucher used twice, every answered write is in the database, every request sent
 * again with its ids gets its first answer, and the streams, reconnected to other nodes, missed
 * no change.
 */
describe.runIf(process.env.TEST_PG_URL)('three nodes behind nginx on one PostgreSQL, one killed mid-run', () => {
  const backend = createBackend('postgres');
  let db: Db | undefined;
  let nodes: ServerNode[] = [];
  let nginx: NginxProcess | undefined;
  const followers: FollowedStream[] = [];
  afterAll(async () => {
    for (const f of followers) await f.stop();
    for (const node of nodes) await node.kill();
    await nginx?.stop();
    await db?.close();
    await backend.cleanup();
  });

  it('spends no voucher twice, loses no answered write, answers retries as first, and streams miss no change', async () => {
    requireNginx();
    db = await openDatabase({ ...backend.options, dataDir: backend.dataDir });
    const world = await buildWorld(db);
    const contest = await issueVouchers(db, world.merchant.id, world.campaigns.storeAOnly, { count: CONTEST_VOUCHERS + 1, uses: 1 });
    const lastVoucher = contest.pop()!;
    const offline = await issueVouchers(db, world.merchant.id, world.campaigns.bothStores, { count: PUSH_ENTRIES, uses: 2 });
    await allowWideOffline(db, world.merchant.id, world.stores.b.id);
    const owner = await addMerchantUser(db, world.merchant.id, { login: `owner-${randomUUID()}@scaleout.test`, name: '店主', role: 'owner', password: PASSWORD });
    const sale = await openFlashSale(db, { name: 'scaleout', stock: STOCK, perBuyerLimit: 1 });

    const ports = [await freePort(), await freePort(), await freePort()];
    const env: Record<string, string> = {
      DATABASE_URL: backend.options.databaseUrl!,
      DATABASE_SCHEMA: backend.options.pgSchema!,
      HEXIAO_DATA_DIR: backend.dataDir,
      HEXIAO_DEMO: '0',
      HEXIAO_TRUSTED_PROXIES: '127.0.0.1',
      HEXIAO_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      CHANNEL_SECRETS: `douyin:${SECRET}`,
    };
    nodes = ports.map((port) => new ServerNode(port, env));
    nginx = new NginxProcess(await freePort(), ports);
    await Promise.all([...nodes.map((n) => n.start()), nginx.start()]);
    const via = { url: nginx.url };

    const pair = async (terminalId: string) => {
      const { code } = await mintPairingCode(db!, terminalId);
      const { res } = await retrying(() => new ApiClient(via).post<{ token: string }>('/terminals/pair', { pairingCode: code }));
      expect(res.status).toBe(200);
      return new ApiClient(via, res.body.token);
    };
    const a1 = await pair(world.terminals.a1.id);
    const a2 = await pair(world.terminals.a2.id);
    const b1 = await pair(world.terminals.b1.id);
    const signInBody = await loginBody(db, owner.login, PASSWORD);
    const signedIn = await retrying(() => new ApiClient(via).post<{ token: string }>('/merchant/login', signInBody));
    const backOffice = new ApiClient(via, signedIn.res.body.token);

    // Streams, opened one after another with nothing else under way, so nginx's round robin puts
    // one of each kind on every node.
    const panels: { redemptions: { count: number; uses: number } }[] = [];
    const panelFollowers: FollowedStream[] = [];
    const tickets: string[] = [];
    for (let i = 0; i < 3; i++) tickets.push((await retrying(() => backOffice.post<{ ticket: string }>('/merchant/live/ticket', {}))).res.body.ticket);
    for (let i = 0; i < 3; i++) {
      const panel = { redemptions: { count: -1, uses: -1 } };
      panels.push(panel);
      const follower = new FollowedStream(
        async (onEvent) => {
          const ticket = tickets.pop() ?? (await retrying(() => backOffice.post<{ ticket: string }>('/merchant/live/ticket', {}))).res.body.ticket;
          return EventStream.open(`${via.url}/api/v1/merchant/live/events?ticket=${encodeURIComponent(ticket)}`, {}, onEvent);
        },
        (event) => {
          const data = JSON.parse(event.data) as { redemptions?: { count: number; uses: number }; count?: number; uses?: number };
          if (event.event === 'snapshot' && data.redemptions) panel.redemptions = { count: data.redemptions.count, uses: data.redemptions.uses };
          if (event.event === 'redemptions') panel.redemptions = { count: data.count!, uses: data.uses! };
        },
      );
      followers.push(follower);
      panelFollowers.push(follower);
      await until(() => follower.connections === 1);
    }
    const nudgesAfter = new Map<ApiClient, number[]>();
    const puller = new SyncTerminal(a2, world.terminals.a2.id);
    const mirror = new Map<string, unknown>();
    let cursor: string | undefined;
    let pulling = Promise.resolve();
    let pullOnNudge = false;
    const pullNow = () =>
      (pulling = pulling.then(async () => {
        for (;;) {
          const { res } = await retrying(() => puller.pull(cursor));
          applyChanges(mirror, res.body.changes);
          cursor = res.body.cursor;
          if (!res.body.hasMore) return;
        }
      }));
    const syncFollowers: FollowedStream[] = [];
    for (const client of [a1, a2, b1]) {
      nudgesAfter.set(client, []);
      const follower = new FollowedStream(
        (onEvent) => EventStream.open(`${via.url}/api/v1/sync/events`, { authorization: `Bearer ${client.token}` }, onEvent),
        (event) => {
          if (event.event !== 'nudge') return;
          nudgesAfter.get(client)!.push(Date.now());
          if (client === a2 && pullOnNudge) void pullNow();
        },
      );
      followers.push(follower);
      syncFollowers.push(follower);
      await until(() => follower.connections === 1);
    }
    pullOnNudge = true;
    await pullNow();

    // The run: two terminals race for each voucher, one pushes, buyers reserve and pay.
    const deviceTime = new Date().toISOString();
    const races = contest.flatMap((v) => [a1, a2].map((client) => ({ client, body: { redemptionId: randomUUID(), code: v.code, count: 1, cashierId: 'cashier-1', deviceTime } })));
    const raced: Answered[] = [];
    let restarted: Promise<void> | undefined;
    let killedAt = 0;
    const victim = nodes[1]!;
    const contestRun = runBounded(races.length, 4, async (i) => {
      const race = races[i]!;
      const { res } = await retrying(() => race.client.post('/vouchers/redeem', race.body));
      raced.push({ ...race, res });
      if (raced.length === Math.floor(races.length / 3)) {
        victim.signal('SIGKILL');
        killedAt = Date.now();
        restarted = victim.exited().then(() => victim.start());
      }
    });

    const pusher = new SyncTerminal(b1, world.terminals.b1.id);
    const entries: OutboxEntry[] = offline.map((v) => pusher.redeem(v.code));
    const pushed: EntryResult[] = [];
    const pushRun = (async () => {
      for (let at = 0; at < entries.length; at += PUSH_BATCH) {
        const { res } = await retrying(() => pusher.push(entries.slice(at, at + PUSH_BATCH)));
        expect(res.status).toBe(200);
        pushed.push(...PushResponse.parse(res.body).results);
      }
    })();

    const channel = new ChannelClient(via, sale.merchant.id, SECRET);
    const paid = new Map<string, { event: ReturnType<typeof paidEvent>; answer: PaidAnswer }>();
    const saleRun = runBounded(BUYERS, 4, async (i) => {
      const phone = `1381234${String(i).padStart(4, '0')}`;
      const reserved = await retrying(() => new ApiClient(via).post<{ orderId: string }>(`/flash-sales/${sale.campaign.id}/orders`, { phone, quantity: 1 }));
      if (reserved.res.status !== 201) return;
      const event = paidEvent({ campaignId: sale.campaign.id, orderId: reserved.res.body.orderId, phone, quantity: 1 });
      const answer = await retrying(() => channel.send<PaidAnswer>(event));
      expect(answer.res.status).toBe(200);
      paid.set(event.eventId, { event, answer: answer.res.body });
    });
    await Promise.all([contestRun, pushRun, saleRun]);
    expect(restarted).toBeDefined();
    await restarted;
    expect(nodes.every((n) => n.running)).toBe(true);

    // No double spend: each raced voucher was taken once, by whichever terminal the answer named.
    expect(raced).toHaveLength(races.length);
    const winners = raced.filter((r) => r.res.status === 200);
    expect(winners).toHaveLength(CONTEST_VOUCHERS);
    expect(new Set(winners.map((w) => w.body['code'])).size).toBe(CONTEST_VOUCHERS);
    for (const loser of raced.filter((r) => r.res.status !== 200)) expect(loser.res.status).toBe(409);
    const ledger = await db.kysely
      .selectFrom('redemptions')
      .select(['redemption_id', 'voucher_id', 'count'])
      .where('merchant_id', '=', world.merchant.id)
      .where('outcome', '=', 'accepted')
      .execute();
    const contestIds = new Set(contest.map((v) => v.id));
    const contestLedger = ledger.filter((r) => contestIds.has(r.voucher_id));
    expect(new Set(contestLedger.map((r) => r.redemption_id))).toEqual(new Set(winners.map((w) => w.body['redemptionId'])));
    const overspent = await db.kysely.selectFrom('vouchers').select(['id', 'uses', 'redeemed']).where('merchant_id', '=', world.merchant.id).whereRef('redeemed', '>', 'uses').execute();
    expect(overspent).toEqual([]);
    const byVoucher = new Map<string, number>();
    for (const r of ledger) byVoucher.set(r.voucher_id, (byVoucher.get(r.voucher_id) ?? 0) + Number(r.count));
    const vouchers = await db.kysely.selectFrom('vouchers').select(['id', 'redeemed']).where('merchant_id', '=', world.merchant.id).execute();
    for (const v of vouchers) expect([v.id, v.redeemed]).toEqual([v.id, byVoucher.get(v.id) ?? 0]);

    // The push: one result per entry, every entry applied once.
    expect(pushed.map((r) => r.seq)).toEqual(entries.map((e) => e.seq));
    expect(ledger.filter((r) => offline.some((v) => v.id === r.voucher_id))).toHaveLength(PUSH_ENTRIES);

    // The flash sale: never more sold than the stock, every answered payment is there.
    const orders = await db.kysely.selectFrom('orders').select(['id', 'state', 'quantity']).where('campaign_id', '=', sale.campaign.id).execute();
    const paidOrders = orders.filter((o) => o.state === 'paid');
    expect(paidOrders.reduce((n, o) => n + Number(o.quantity), 0)).toBeLessThanOrEqual(STOCK);
    expect(new Set(paidOrders.map((o) => o.id))).toEqual(new Set([...paid.values()].map((p) => p.answer.orderId)));
    const saleVouchers = await db.kysely.selectFrom('vouchers').select('order_id').where('campaign_id', '=', sale.campaign.id).execute();
    expect(saleVouchers).toHaveLength(paidOrders.length);

    // Sent again with the same ids, on whichever node nginx picks (the restarted one too): the first answer.
    await runBounded(raced.length, 4, async (i) => {
      const first = raced[i]!;
      const again = await retrying(() => first.client.post('/vouchers/redeem', first.body));
      if (first.res.status === 200) expect([again.res.status, again.res.body]).toEqual([200, first.res.body]);
      else expect([again.res.status, errorCode(again.res)]).toEqual([first.res.status, errorCode(first.res)]);
    });
    const repushed = await retrying(() => pusher.push(entries.slice(0, PUSH_BATCH)));
    expect(PushResponse.parse(repushed.res.body).results.map((r) => r.status)).toEqual(entries.slice(0, PUSH_BATCH).map(() => 'duplicate'));
    for (const { event, answer } of paid.values()) {
      const again = await retrying(() => channel.send<{ error: { code: string; details: { result: PaidAnswer } } }>(event));
      expect([again.res.status, again.res.body.error.code, again.res.body.error.details.result]).toEqual([409, 'EVENT_REPLAYED', answer]);
    }

    // The streams: some were on the killed node and came back through nginx to another.
    expect(syncFollowers.reduce((n, f) => n + f.connections, 0)).toBeGreaterThan(3);
    expect(panelFollowers.reduce((n, f) => n + f.connections, 0)).toBeGreaterThan(3);

    // One more redeem at store A: both store-A terminals hear of it, whichever node they are on,
    // and the terminal that pulled on every nudge holds exactly what a fresh snapshot holds.
    const changedAt = Date.now();
    const last = await retrying(() => a1.post('/vouchers/redeem', { redemptionId: randomUUID(), code: lastVoucher.code, count: 1, cashierId: 'cashier-1', deviceTime }));
    expect(last.res.status).toBe(200);
    await until(
      () => [a1, a2].every((c) => nudgesAfter.get(c)!.some((t) => t >= changedAt)),
      () => ({ opened: syncFollowers.map((f) => f.openedAt.map((t) => t - changedAt)), killedAt: killedAt - changedAt, nudges: [a1, a2, b1].map((c) => nudgesAfter.get(c)!.slice(-3).map((t) => t - changedAt)) }),
    );
    await until(() => (mirror.get(`voucher:${lastVoucher.id}`) as { redeemed?: number } | undefined)?.redeemed === 1);
    await pulling;
    const fresh = new Map<string, unknown>();
    const snapshot = new SyncTerminal(a2, world.terminals.a2.id);
    applyChanges(fresh, (await snapshot.pullAll()).changes);
    for (const [key, row] of fresh) expect([key, mirror.get(key)]).toEqual([key, row]);
    // A snapshot leaves out the vouchers used up meanwhile; the mirror holds them as used up.
    const onlyInMirror = [...mirror].filter(([key]) => !fresh.has(key));
    expect(onlyInMirror.filter(([key, row]) => !(key.startsWith('voucher:') && (row as { status?: string }).status === 'exhausted'))).toEqual([]);

    // The live panels, wherever they reconnected, show the ledger's figures for today.
    const merchantZone = world.merchant.timeZone;
    const truth = await readLiveState(db, world.merchant.id, merchantZone, new Date());
    await until(() => panels.every((p) => p.redemptions.count === truth.redemptions.count && p.redemptions.uses === truth.redemptions.uses));
    expect(truth.redemptions.count).toBe(CONTEST_VOUCHERS + PUSH_ENTRIES + 1);
  }, 300_000);
});

function applyChanges(mirror: Map<string, unknown>, changes: readonly Change[]): void {
  for (const c of changes) {
    if (c.op === 'delete') mirror.delete(`${c.kind}:${c.id}`);
    else mirror.set(`${c.kind}:${c.id}`, c.data);
  }
}

/** Waits for a condition that the system must reach; the bound only keeps a broken run from hanging. */
async function until(condition: () => boolean, state: () => unknown = () => '', boundMs = 60_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not reached: ${JSON.stringify(state())}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
