import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS, type TestBackend } from '../../support/server/backends';
import { ledgerRows, voucherRow } from '../../support/server/db-state';
import { startWorldServer, type World } from '../../support/server/world';

/** A batch of concurrent requests: each picks a terminal, a count, and maybe reuses an earlier id. */
const requestsArb = fc.array(
  fc.record({
    terminal: fc.nat({ max: 2 }),
    count: fc.integer({ min: 1, max: 4 }),
    reuse: fc.option(fc.nat({ max: 30 }), { freq: 3 }),
  }),
  { minLength: 1, maxLength: 30 },
);

describe.each(BACKENDS)('redemption invariants under concurrent, retried requests (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;
  let clients: ApiClient[];

  beforeAll(async () => {
    ({ backend, server, world, clients } = await startWorldServer(kind));
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('never redeems more than the voucher holds, and the ledger always explains the count', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), requestsArb, async (uses, requests) => {
        const voucher = await world.issue(world.campaigns.bothStores, { uses });
        const bodies: { redemptionId: string; code: string; count: number; deviceTime: string }[] = [];
        const sent = requests.map((r) => {
          const earlier = r.reuse === null ? undefined : bodies[r.reuse % Math.max(1, bodies.length)];
          const body = earlier ?? { cashierId: 'cashier-1', redemptionId: randomUUID(), code: voucher.code, count: r.count, deviceTime: new Date().toISOString() };
          bodies.push(body);
          return { client: clients[r.terminal]!, body };
        });
        const responses = await Promise.all(sent.map(({ client, body }) => client.post('/vouchers/redeem', body)));

        const ledger = await ledgerRows(server.db, voucher.id);
        const row = await voucherRow(server.db, voucher.code);
        const ledgerTotal = ledger.reduce((sum, r) => sum + r.count, 0);
        expect(row.redeemed).toBe(ledgerTotal);
        expect(row.redeemed).toBeLessThanOrEqual(uses);
        expect(row.status).toBe(row.redeemed === uses ? 'exhausted' : 'active');

        const acceptedIds = new Set<string>();
        responses.forEach((res, i) => {
          const { body } = sent[i]!;
          if (res.status === 200) {
            acceptedIds.add(body.redemptionId);
            const entry = ledger.find((r) => r.redemption_id === body.redemptionId);
            expect(entry?.count).toBe(body.count);
          } else {
            expect(['VOUCHER_EXHAUSTED', 'REDEMPTION_ID_REUSED']).toContain(errorCode(res));
          }
        });
        expect(new Set(ledger.map((r) => r.redemption_id))).toEqual(acceptedIds);
      }),
      { numRuns: 25 },
    );
  });
});
