import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/database';
import { issueVouchers } from '../../server/repositories/merchant-setup';
import { mintPairingCode } from '../../server/repositories/pairing-repository';
import { ApiClient } from '../support/server/api-client';
import { BACKENDS, createBackend } from '../support/server/backends';
import { buildWorld } from '../support/server/world';
import { EventStream } from './support/event-stream';
import { connectionRefused, openHalfRequest } from './support/raw-http';
import { freePort, ServerNode } from './support/server-node';

/**
 * `npm run server` as a real process, sent SIGTERM with requests in flight: it stops accepting at
 * once, answers the request it holds, tells its event streams to reconnect, cuts a request that
 * never completes when the grace is over, closes the database and exits 0.
 */
describe.each(BACKENDS)('SIGTERM stops a node gracefully (%s)', (kind) => {
  const backend = createBackend(kind);
  let db: Db | undefined;
  let node: ServerNode | undefined;
  afterAll(async () => {
    await node?.kill();
    await db?.close();
    await backend.cleanup();
  });

  it('answers the request in flight, refuses new connections, ends event streams, and exits 0', async () => {
    db = await openDatabase({ ...backend.options, dataDir: backend.dataDir });
    const world = await buildWorld(db);
    const [voucher] = await issueVouchers(db, world.merchant.id, world.campaigns.bothStores, { count: 1, uses: 2 });
    const { code: pairingCode } = await mintPairingCode(db, world.terminals.a1.id);
    const env: Record<string, string> = { HEXIAO_DATA_DIR: backend.dataDir, HEXIAO_DEMO: '0', HEXIAO_SHUTDOWN_GRACE_MS: '5000' };
    if (backend.options.databaseUrl) Object.assign(env, { DATABASE_URL: backend.options.databaseUrl, DATABASE_SCHEMA: backend.options.pgSchema });
    node = new ServerNode(await freePort(), env);
    await node.start();
    const paired = await new ApiClient(node).post<{ token: string }>('/terminals/pair', { pairingCode });
    expect(paired.status).toBe(200);
    const auth = { authorization: `Bearer ${paired.body.token}` };

    const events = await EventStream.open(`${node.url}/api/v1/sync/events`, auth);
    expect(events.status).toBe(200);
    const redemptionId = randomUUID();
    const redeem = { redemptionId, code: voucher!.code, count: 1, cashierId: 'cashier-1', deviceTime: new Date().toISOString() };
    const held = await openHalfRequest(`${node.url}/api/v1/vouchers/redeem`, { ...auth, 'content-type': 'application/json' }, JSON.stringify(redeem));
    const neverFinished = await openHalfRequest(`${node.url}/api/v1/vouchers/redeem`, { ...auth, 'content-type': 'application/json' }, '{}');
    const cut = neverFinished.answer.then(
      () => 'answered',
      () => 'cut',
    );

    node.signal('SIGTERM');
    const draining = await node.logged('stopping: answering the requests in flight');
    expect(draining['pending']).toBe(2);
    expect(await connectionRefused(node.port)).toBe(true);
    held.finish();
    const answer = await held.answer;
    expect([answer.status, (JSON.parse(answer.body) as { redemptionId: string }).redemptionId, answer.headers.connection]).toEqual([200, redemptionId, 'close']);

    await events.ended;
    expect(events.events.map((e) => e.event)).toEqual(['nudge', 'reconnect']);
    expect(await cut).toBe('cut');
    expect(await node.exited()).toBe(0);
    await node.logged('stopping: grace over, cutting the connections left');
    await node.logged('stopped');

    const ledger = await db.kysely.selectFrom('redemptions').select(['redemption_id', 'count']).where('terminal_id', '=', world.terminals.a1.id).execute();
    expect(ledger.map((r) => [r.redemption_id, Number(r.count)])).toEqual([[redemptionId, 1]]);
  }, 90_000);
});
