import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemStatementFor, type RedeemParams } from '../../../server/repositories/redeem-statement';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { ledgerRows, voucherRow } from '../../support/server/db-state';
import { buildWorld, type World } from '../../support/server/world';

describe.each(BACKENDS)('redeems of the same moment (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent' });
    world = await buildWorld(server.db);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  const params = (code: string, extra: Partial<RedeemParams> = {}): RedeemParams => {
    const now = new Date().toISOString();
    return {
      merchantId: world.merchant.id,
      code,
      count: 1,
      storeId: world.stores.a.id,
      terminalId: world.terminals.a1.id,
      cashierId: null,
      redemptionId: randomUUID(),
      deviceTime: now,
      serverTime: now,
      fingerprint: 'fingerprint',
      auditId: randomUUID(),
      auditDetails: '{}',
      ...extra,
    };
  };

  it('answers each redeem on its own and keeps only what succeeded, even when one of them fails', async () => {
    const redeem = redeemStatementFor(server.db);
    const single = await world.issue(world.campaigns.storeAOnly);
    const [reusing, broken, plain] = [
      await world.issue(world.campaigns.bothStores),
      await world.issue(world.campaigns.bothStores),
      await world.issue(world.campaigns.bothStores),
    ];
    const earlier = params(plain.code);
    expect((await redeem(earlier)).kind).toBe('accepted');

    // Submitted together, so on SQLite they share one transaction.
    const brokenParams = params(broken.code, { auditId: null as unknown as string });
    const outcomes = await Promise.allSettled([
      redeem(params(single.code)),
      redeem(params(single.code)),
      redeem(params(reusing.code, { redemptionId: earlier.redemptionId })),
      redeem(brokenParams),
      redeem(params(plain.code)),
    ]);
    const kinds = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.kind : 'failed'));
    expect(kinds).toEqual(['accepted', 'not-applied', 'duplicate-id', 'failed', 'accepted']);

    const redeemed = async (code: string) => (await voucherRow(server.db, code)).redeemed;
    expect([await redeemed(single.code), await redeemed(reusing.code), await redeemed(broken.code), await redeemed(plain.code)]).toEqual([1, 0, 0, 2]);
    expect(await ledgerRows(server.db, (await voucherRow(server.db, broken.code)).id)).toEqual([]);
    expect(await ledgerRows(server.db, (await voucherRow(server.db, reusing.code)).id)).toEqual([]);
    const audit = await server.db.kysely.selectFrom('audit_log').select('id').where('subject_id', '=', brokenParams.redemptionId).execute();
    expect(audit).toEqual([]);
  });
});
