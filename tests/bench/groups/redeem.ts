import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../../server/db/database';
import { redeemStatementFor, type RedeemParams } from '../../../server/repositories/redeem-statement';
import { startServer } from '../../../server/server';
import { createBackend, type BackendKind } from '../../support/server/backends';
import { runHttpLoad } from '../../support/server/http-load';
import { pairedClient } from '../../support/server/world';
import { redeemBenchWorld, type RedeemBenchWorld } from '../support/redeem-bench-world';
import { percentile, round, type BenchContext, type BenchGroup, type Figure } from '../figures';

const CONCURRENCY = 50;
const VOUCHERS = 2_000;
const PHASE = { maxOps: 40_000, maxMs: 5_000, warmupMs: 1_000 };

/** The redeem statement alone, driven by the same number of concurrent callers as the HTTP run. */
async function rawThroughput(db: Db, world: RedeemBenchWorld, maxMs: number, maxOps: number) {
  const redeem = redeemStatementFor(db);
  let issued = 0;
  let accepted = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  const loop = async () => {
    while (issued < maxOps && performance.now() < deadline) {
      const code = world.codes[issued++ % world.codes.length]!;
      const now = new Date().toISOString();
      const params: RedeemParams = {
        merchantId: world.merchant.id,
        code,
        count: 1,
        storeId: world.store.id,
        terminalId: world.terminal.id,
        cashierId: null,
        redemptionId: randomUUID(),
        deviceTime: now,
        serverTime: now,
        fingerprint: 'bench',
        auditId: randomUUID(),
        auditDetails: '{}',
      };
      if ((await redeem(params)).kind === 'accepted') accepted++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  const elapsedMs = performance.now() - started;
  if (accepted !== issued) throw new Error(`raw redeem refused ${issued - accepted} of ${issued}`);
  return accepted / (elapsedMs / 1000);
}

async function measure(kind: BackendKind, ctx: BenchContext): Promise<Figure[]> {
  const backend = createBackend(kind, ctx.pgUrl);
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'warn' });
  try {
    const world = await redeemBenchWorld(server.db, 'bench', VOUCHERS);
    const client = await pairedClient(server, world.terminal.id);

    await rawThroughput(server.db, world, PHASE.warmupMs, PHASE.maxOps);
    const rawTps = await rawThroughput(server.db, world, PHASE.maxMs, PHASE.maxOps);

    const load = await runHttpLoad({
      url: server.url,
      token: client.token!,
      codes: world.codes,
      concurrency: CONCURRENCY,
      maxRequests: PHASE.maxOps,
      maxMs: PHASE.maxMs,
      warmupMs: PHASE.warmupMs,
    });
    if (load.failed > 0) ctx.log(`${kind}: ${load.failed} HTTP redeems failed: ${JSON.stringify(load.failures)}`);
    const httpRps = load.ok / (load.elapsedMs / 1000);
    const p50 = percentile(load.latenciesMs, 50);
    const p99 = percentile(load.latenciesMs, 99);
    ctx.log(
      `${kind}: raw ${round(rawTps, 0)} tx/s; HTTP ${round(httpRps, 0)} req/s over ${load.ok} redeems, ` +
        `p50 ${round(p50, 1)} ms, p99 ${round(p99, 1)} ms, ${CONCURRENCY} keep-alive clients`,
    );
    const tag = kind === 'sqlite' ? 'sqlite' : 'pg';
    const figures: Figure[] = [
      { name: `redeem_http_${tag}_rps`, value: round(httpRps, 0), unit: 'req/s' },
      { name: `redeem_raw_${tag}_tps`, value: round(rawTps, 0), unit: 'tx/s' },
      { name: `redeem_ratio_${tag}`, value: round(httpRps / rawTps, 2), unit: 'ratio' },
    ];
    if (kind === 'postgres') figures.push({ name: 'redeem_http_pg_p99_ms', value: round(p99, 1), unit: 'ms' });
    return figures;
  } finally {
    await server.stop();
    await backend.cleanup();
  }
}

/**
 * Redeem throughput through the HTTP API against the same SQL without HTTP, on the same database,
 * in one run. SQLite always; PostgreSQL when a URL is given.
 */
export const redeemGroup: BenchGroup = {
  name: 'redeem',
  run: async (ctx) => {
    const figures = await measure('sqlite', ctx);
    if (ctx.pgUrl) figures.push(...(await measure('postgres', ctx)));
    else ctx.log('no PostgreSQL URL (TEST_PG_URL / DATABASE_URL): PostgreSQL figures skipped');
    return figures;
  },
};
