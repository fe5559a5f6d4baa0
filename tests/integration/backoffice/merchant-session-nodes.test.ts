import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { startSignedInBackoffice } from './support/backoffice-world';

// Several nodes share one database only on PostgreSQL; without TEST_PG_URL there is nothing to run.
const KINDS = process.env.TEST_PG_URL ? (['postgres'] as const) : [];

describe.each(KINDS)('a merchant session ended on one node is refused on every node at once (%s)', (kind) => {
  let ctx: Awaited<ReturnType<typeof startSignedInBackoffice>>;
  let nodeB: RunningServer;
  beforeAll(async () => {
    ctx = await startSignedInBackoffice(kind);
    nodeB = await startServer({ ...ctx.running.backend.options, port: 0, demo: false, logLevel: 'silent', now: ctx.running.clock.now });
  });
  afterAll(async () => {
    await nodeB?.stop();
    await ctx?.running.stop();
  });

  it('logout on node A: node B refuses the token on its next request (sessions are read, never cached)', async () => {
    const onB = new ApiClient(nodeB).withToken(ctx.manager.token);
    expect((await onB.get('/merchant/me')).status).toBe(200);
    expect((await ctx.manager.post('/merchant/logout', {})).status).toBe(200);
    const after = await onB.get('/merchant/me');
    expect([after.status, errorCode(after)]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('a user disabled on node A is refused on node B at once', async () => {
    const onB = new ApiClient(nodeB).withToken(ctx.otherOwner.token);
    expect((await onB.get('/merchant/me')).status).toBe(200);
    await ctx.running.server.db.kysely.updateTable('merchant_users').set({ disabled: 1 }).where('id', '=', ctx.world.other.owner.id).execute();
    expect((await onB.get('/merchant/me')).status).toBe(401);
  });
});
