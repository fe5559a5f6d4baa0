import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, LeaseRow, VoucherRow } from '../../../core/sync';
import { BACKENDS } from '../../support/server/backends';
import { ledgerRows } from '../../support/server/db-state';
import { buildSyncWorld, startSyncServer, voucherState, type SyncServer, type SyncWorld } from './support/sync-world';

const lastOf = <T>(changes: Change[], kind: Change['kind'], pick: (data: T) => boolean): T | undefined =>
  changes
    .filter((c) => c.kind === kind && c.op === 'upsert')
    .map((c) => c.data as T)
    .filter(pick)
    .at(-1);

/**
 * Escrow across two stores: however online redemptions at store B race a lease grant to store A,
 * the lease A pulls the moment it is granted can be spent offline in full without a conflict (a B
 * redemption that lands after the grant is refused), and the voucher never gives out more than it holds.
 */
describe.each(BACKENDS)('leases: leased + redeemed never exceeds the uses, across two stores (%s)', (kind) => {
  let s: SyncServer;
  let w: SyncWorld;
  let cursor = '';

  beforeAll(async () => {
    s = await startSyncServer(kind);
    w = await buildSyncWorld(s.server);
    cursor = (await w.a1.pullAll()).cursor;
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('lets the lease holder spend what its lease says, whatever raced the grant', async () => {
    const scenario = fc.record({
      uses: fc.integer({ min: 1, max: 5 }),
      racers: fc.array(fc.record({ count: fc.integer({ min: 1, max: 2 }), delayMs: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 5 }),
      grantDelayMs: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ uses, racers, grantDelayMs }) => {
        const voucher = await w.issue(w.campaigns.bothStores, { uses });
        const later = (ms: number) => new Promise((done) => setTimeout(done, ms));
        // A pulls as soon as the grant answers, while the racers may still be in flight.
        const grantThenPull = later(grantDelayMs).then(async () => {
          const granted = await w.merchantClient.post<{ leaseId: string }>(`/merchant/vouchers/${voucher.id}/lease`, { storeId: w.stores.a.id });
          if (granted.status !== 200) return null;
          const pulled = await w.a1.pullAll(cursor);
          cursor = pulled.cursor;
          return pulled.changes;
        });
        const online = racers.map(async (r) => {
          await later(r.delayMs);
          return w.b1.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: voucher.code, count: r.count, deviceTime: new Date().toISOString() });
        });
        const [changes, ...answers] = await Promise.all([grantThenPull, ...online]);
        for (const answer of answers) expect([200, 409]).toContain(answer.status);

        if (changes) {
          const mirror = lastOf<VoucherRow>(changes, 'voucher', (v) => v.voucherId === voucher.id);
          const lease = lastOf<LeaseRow>(changes, 'lease', (l) => l.voucherId === voucher.id && l.storeId === w.stores.a.id);
          expect(lease).toBeDefined();
          const allowance = Math.min(lease!.uses, mirror!.uses - mirror!.redeemed);
          const atB = await w.b1.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() });
          expect(atB.status).toBe(409);
          const spend = Array.from({ length: allowance }, () => w.a1.redeem(voucher.code, { basis: 'lease', leaseId: lease!.leaseId }));
          if (spend.length > 0) {
            const pushed = await w.a1.pushOk(spend);
            expect(pushed.results.map((r) => r.status)).toEqual(spend.map(() => 'applied'));
          }
          expect((await voucherState(s.server.db, voucher.id)).redeemed).toBe(uses);
        }
        const state = await voucherState(s.server.db, voucher.id);
        const accepted = (await ledgerRows(s.server.db, voucher.id)).filter((r) => r.outcome === 'accepted').reduce((n, r) => n + r.count, 0);
        expect(state.redeemed).toBe(accepted);
        expect(state.redeemed).toBeLessThanOrEqual(uses);
        const holders = await s.server.db.kysely.selectFrom('leases').select('store_id').where('voucher_id', '=', voucher.id).where('revoked_at', 'is', null).execute();
        expect(holders.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: kind === 'postgres' ? 25 : 15 },
    );
  }, 120_000);
});
