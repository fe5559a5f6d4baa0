import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS } from '../../support/server/backends';
import { pairedClient } from '../../support/server/world';
import { EventStream } from './support/event-stream';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from './support/sync-world';

const redeemBody = (code: string) => ({ cashierId: 'cashier-1', redemptionId: randomUUID(), code, count: 1, deviceTime: new Date().toISOString() });

describe.each(BACKENDS)('sync events: nudges over Server-Sent Events (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('nudges a store’s terminals within a second of a change in its scope, and not for other stores or merchants', async () => {
    const shared = await w.issue(w.campaigns.bothStores, { uses: 2 });
    const onlyA = await w.issue(w.campaigns.storeAOnly);
    const other = await w.issue(w.other.campaign);
    const a = await EventStream.open(s.server.url, w.a1.client.token);
    const b = await EventStream.open(s.server.url, w.b1.client.token);
    const settle = () => new Promise((done) => setTimeout(done, 700));
    try {
      expect(a.status).toBe(200);
      // One on connecting: whatever changed while it was away is waiting.
      await a.waitFor(1, 1_000);
      await b.waitFor(1, 1_000);
      // Nudges for the setup above may still be on their way: count from a quiet moment.
      await settle();
      const [a0, b0] = [a.count(), b.count()];

      expect((await w.b1.client.post('/vouchers/redeem', redeemBody(shared.code))).status).toBe(200);
      await a.waitFor(a0 + 1, 1_000);
      await b.waitFor(b0 + 1, 1_000);
      await settle();
      const [a1, b1] = [a.count(), b.count()];

      expect((await w.a1.client.post('/vouchers/redeem', redeemBody(onlyA.code))).status).toBe(200);
      await a.waitFor(a1 + 1, 1_000);
      const otherTerminal = await pairedClient(s.server, w.other.terminal.id);
      expect((await otherTerminal.post('/vouchers/redeem', redeemBody(other.code))).status).toBe(200);
      await settle();
      expect(b.count()).toBe(b1);
      expect(a.count()).toBe(a1 + 1);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses a stream without a device token, and ends open streams when the server stops', async () => {
    const refused = await EventStream.open(s.server.url, undefined);
    expect(refused.status).toBe(401);
    const own = await startSyncServer(kind);
    try {
      const world = await buildSyncWorld(own.server);
      const stream = await EventStream.open(own.server.url, world.a1.client.token);
      await stream.waitFor(1, 1_000);
      await own.server.stop();
      await stream.ended;
      expect(stream.count()).toBeGreaterThanOrEqual(1);
    } finally {
      await own.backend.cleanup();
    }
  });

  it.runIf(kind === 'postgres')('nudges terminals connected to another server process on the same database', async () => {
    let second: RunningServer | undefined;
    try {
      second = await startServer({ ...s.backend.options, port: 0, demo: false, logLevel: 'silent' });
      const stream = await EventStream.open(second.url, w.a2.client.token);
      await stream.waitFor(1, 1_000);
      const voucher = await w.issue(w.campaigns.bothStores);
      await stream.waitFor(2, 1_000);
      expect((await w.b1.client.post('/vouchers/redeem', redeemBody(voucher.code))).status).toBe(200);
      await stream.waitFor(3, 1_000);
      stream.close();
    } finally {
      await second?.stop();
    }
  });
});
