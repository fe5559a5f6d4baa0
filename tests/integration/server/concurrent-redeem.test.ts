import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS, type TestBackend } from '../../support/server/backends';
import { ledgerRows, voucherRow } from '../../support/server/db-state';
import { startWorldServer, type World } from '../../support/server/world';

describe.each(BACKENDS)('concurrent redemptions over HTTP (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;
  let clients: ApiClient[];

  beforeAll(async () => {
    // Three terminals in two stores race for the same voucher.
    ({ backend, server, world, clients } = await startWorldServer(kind));
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('accepts exactly two of 50 simultaneous redeems of a 2-use voucher', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        clients[i % clients.length]!.post('/vouchers/redeem', {
          cashierId: 'cashier-1',
          redemptionId: randomUUID(),
          code: voucher.code,
          count: 1,
          deviceTime: new Date().toISOString(),
        }),
      ),
    );
    const accepted = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(accepted).toHaveLength(2);
    expect(refused.map((r) => [r.status, errorCode(r)])).toEqual(Array(48).fill([409, 'VOUCHER_EXHAUSTED']));
    expect(accepted.map((r) => (r.body as { remaining: number }).remaining).sort()).toEqual([0, 1]);

    expect(await ledgerRows(server.db, voucher.id)).toHaveLength(2);
    expect(await voucherRow(server.db, voucher.code)).toMatchObject({ redeemed: 2, status: 'exhausted' });
  });

  it('applies one redemption id once when its retries arrive together', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    const body = { cashierId: 'cashier-1', redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() };
    const responses = await Promise.all(Array.from({ length: 20 }, () => clients[0]!.post('/vouchers/redeem', body)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await ledgerRows(server.db, voucher.id)).toHaveLength(1);
    expect(await voucherRow(server.db, voucher.code)).toMatchObject({ redeemed: 1, status: 'active' });
  });
});
