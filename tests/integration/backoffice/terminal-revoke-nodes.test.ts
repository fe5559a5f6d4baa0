import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { startSignedInBackoffice } from './support/backoffice-world';

// Several nodes share one database only on PostgreSQL; without TEST_PG_URL there is nothing to run.
const KINDS = process.env.TEST_PG_URL ? (['postgres'] as const) : [];

describe.each(KINDS)('a till changed on one node is refused on every node at once (%s)', (kind) => {
  let ctx: Awaited<ReturnType<typeof startSignedInBackoffice>>;
  let nodeB: RunningServer;
  beforeAll(async () => {
    ctx = await startSignedInBackoffice(kind);
    // A second node on the same database, with the default 30 s token cache.
    nodeB = await startServer({ ...ctx.running.backend.options, port: 0, demo: false, logLevel: 'silent' });
  });
  afterAll(async () => {
    await nodeB?.stop();
    await ctx?.running.stop();
  });

  const tillOnBothNodes = async (name: string) => {
    const { owner, world } = ctx;
    const till = await owner.post<{ id: string }>(`/merchant/stores/${world.stores.a.id}/terminals`, { name });
    const code = await owner.post<{ code: string }>(`/merchant/terminals/${till.body.id}/pairing-code`, {});
    const paired = await new ApiClient(ctx.running.server).post<{ token: string }>('/terminals/pair', { pairingCode: code.body.code });
    expect(paired.status).toBe(200);
    const onB = new ApiClient(nodeB).withToken(paired.body.token);
    // Node B now holds the session in its cache.
    expect((await onB.get('/terminals/me')).status).toBe(200);
    return { id: till.body.id, onB };
  };

  it('revoke: node B refuses the token as soon as node A answered', async () => {
    const till = await tillOnBothNodes('跨节点吊销');
    expect((await ctx.owner.post(`/merchant/terminals/${till.id}/revoke`, {})).status).toBe(200);
    await expect.poll(async () => (await till.onB.get('/terminals/me')).status, { timeout: 2_000, interval: 20 }).toBe(401);
  });

  it('disable: node B answers TERMINAL_DISABLED, and enable lets the till back in', async () => {
    const till = await tillOnBothNodes('跨节点停用');
    await ctx.owner.post(`/merchant/terminals/${till.id}/disable`, {});
    await expect.poll(async () => errorCode(await till.onB.get('/terminals/me')), { timeout: 2_000, interval: 20 }).toBe('TERMINAL_DISABLED');
    await ctx.owner.post(`/merchant/terminals/${till.id}/enable`, {});
    await expect.poll(async () => (await till.onB.get('/terminals/me')).status, { timeout: 2_000, interval: 20 }).toBe(200);
  });
});
