import { performance } from 'node:perf_hooks';
import { MAX_PUSH_ENTRIES, PushResponse } from '../../../core/sync';
import { createCampaign, createMerchant, createStore, createTerminal, issueVouchers } from '../../../server/repositories/merchant-setup';
import { startServer } from '../../../server/server';
import { SyncTerminal } from '../../integration/sync/support/sync-terminal';
import { createBackend, type BackendKind } from '../../support/server/backends';
import { allowWideOffline } from '../../support/server/offline-policy';
import { round, type BenchContext, type BenchGroup, type Figure } from '../figures';

const QUEUED = 10_000;

/**
 * A terminal back online with 10,000 queued offline redemptions pushes them in batches of 500
 * through HTTP, one batch after another as the POS does; each entry redeems its own voucher.
 * Measured with group commits (the server's default) and with one commit per entry.
 */
async function pushQueue(kind: BackendKind, ctx: BenchContext, groupSize: number | undefined): Promise<number> {
  const backend = createBackend(kind, ctx.pgUrl);
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'warn', sync: { pushGroupSize: groupSize } });
  try {
    const db = server.db;
    const merchant = await createMerchant(db, { name: 'bench' });
    const stores = [await createStore(db, merchant.id, 'bench A'), await createStore(db, merchant.id, 'bench B')];
    const terminal = await createTerminal(db, merchant.id, stores[0]!.id, 'bench terminal');
    const now = Date.now();
    const campaign = await createCampaign(db, merchant.id, {
      kind: 'product', title: 'bench', priceFen: 100, faceValueFen: 100, usesPerVoucher: 1,
      validFrom: new Date(now - 86_400_000), validUntil: new Date(now + 86_400_000), storeIds: stores.map((s) => s.id),
    });
    const vouchers = await issueVouchers(db, merchant.id, campaign, { count: QUEUED });
    // The server enforces the store's offline caps: let this one terminal queue all of them.
    await allowWideOffline(db, merchant.id, stores[0]!.id);
    const pos = await SyncTerminal.pair(server, terminal.id);
    const entries = vouchers.map((v) => pos.redeem(v.code));

    const started = performance.now();
    let applied = 0;
    for (let at = 0; at < entries.length; at += MAX_PUSH_ENTRIES) {
      const answer = PushResponse.parse(await pos.pushOk(entries.slice(at, at + MAX_PUSH_ENTRIES)));
      applied += answer.results.filter((r) => r.status === 'applied').length;
    }
    const seconds = (performance.now() - started) / 1000;
    if (applied !== QUEUED) throw new Error(`only ${applied} of ${QUEUED} entries applied`);
    return seconds;
  } finally {
    await server.stop();
    await backend.cleanup();
  }
}

async function measure(kind: BackendKind, ctx: BenchContext): Promise<Figure[]> {
  const grouped = await pushQueue(kind, ctx, undefined);
  const single = await pushQueue(kind, ctx, 1);
  const tag = kind === 'sqlite' ? '' : '_pg';
  ctx.log(`${kind}: ${QUEUED} entries in ${round(grouped, 2)} s with group commits, ${round(single, 2)} s with one commit per entry`);
  return [
    { name: `sync_push_10k${tag}_s`, value: round(grouped, 2), unit: 's' },
    { name: `sync_push_10k${tag}_per_entry_commit_s`, value: round(single, 2), unit: 's' },
    { name: `sync_push_group_commit_gain${tag}`, value: round(single / grouped, 2), unit: 'ratio' },
  ];
}

export const syncGroup: BenchGroup = {
  name: 'sync',
  run: async (ctx) => {
    const figures = await measure('sqlite', ctx);
    if (ctx.pgUrl) figures.push(...(await measure('postgres', ctx)));
    else ctx.log('no PostgreSQL URL (TEST_PG_URL / DATABASE_URL): PostgreSQL figures skipped');
    return figures;
  },
};
