import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createApp, createUseCaseDeps } from '../../../server/app';
import { withHotRoutes } from '../../../server/http/hot-routes';
import { ServerMetrics } from '../../../server/metrics/server-metrics';
import { startServer } from '../../../server/server';
import { createBackend } from '../../support/server/backends';
import { runHttpLoad } from '../../support/server/http-load';
import { pairedClient } from '../../support/server/world';
import { redeemBenchWorld } from '../support/redeem-bench-world';
import { round, type BenchContext, type BenchGroup, type Figure } from '../figures';

const ROUNDS = 3;
const PHASE = { maxRequests: 20_000, maxMs: 2_000, warmupMs: 500 };
const OBSERVATIONS = 200_000;

/** What one redeem's metrics cost on their own: the calls it makes, against the same loop without them. */
function perRequestCost(): { withNs: number; baseNs: number } {
  const metrics = new ServerMetrics();
  const answer = { status: 200, body: {} };
  let sink = 0;
  const loop = (observe: boolean) => {
    const started = performance.now();
    for (let i = 0; i < OBSERVATIONS; i++) {
      const t = performance.now();
      if (observe) {
        metrics.redeem(answer, t);
        metrics.observeHttp('POST', '/api/v1/vouchers/redeem', 200, (performance.now() - t) / 1000);
      } else sink += performance.now() - t;
    }
    return ((performance.now() - started) * 1e6) / OBSERVATIONS;
  };
  loop(true);
  loop(false);
  const withNs = loop(true);
  const baseNs = loop(false);
  if (sink < 0) throw new Error('unreachable');
  return { withNs, baseNs };
}

/**
 * The redeem through HTTP with metrics (the server as started) against the same app and database
 * without them, alternating rounds in one run; SQLite, so the database is the same cost for both.
 */
async function measure(ctx: BenchContext): Promise<Figure[]> {
  const backend = createBackend('sqlite');
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'warn', sales: { jobs: false } });
  let bare: Server | undefined;
  try {
    const world = await redeemBenchWorld(server.db, 'metrics bench', 1_000);
    const token = (await pairedClient(server, world.terminal.id)).token!;
    const vouchers = createUseCaseDeps({ db: server.db, logger: server.logger });
    const app = createApp({ db: server.db, logger: server.logger, useCases: vouchers, sales: server.sales });
    bare = createServer(withHotRoutes(app, { sales: server.sales.deps, vouchers, logger: server.logger, corsOrigin: '*' }));
    const listening = bare;
    await new Promise<void>((done) => listening.listen(0, '127.0.0.1', done));
    const bareUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;

    const totals = { with: { ok: 0, ms: 0 }, without: { ok: 0, ms: 0 } };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [side, url] of [['with', server.url], ['without', bareUrl]] as const) {
        const load = await runHttpLoad({ url, token, codes: world.codes, concurrency: 50, ...PHASE });
        if (load.failed > 0) ctx.log(`${side}: ${load.failed} redeems failed: ${JSON.stringify(load.failures)}`);
        totals[side].ok += load.ok;
        totals[side].ms += load.elapsedMs;
      }
    }
    const withRps = totals.with.ok / (totals.with.ms / 1000);
    const withoutRps = totals.without.ok / (totals.without.ms / 1000);
    const cost = perRequestCost();
    ctx.log(
      `redeem over HTTP: ${round(withRps, 0)} req/s with metrics, ${round(withoutRps, 0)} req/s without (baseline), ${ROUNDS} alternating rounds; ` +
        `metrics calls per redeem ${round(cost.withNs, 0)} ns against ${round(cost.baseNs, 0)} ns for the bare loop`,
    );
    return [
      { name: 'metrics_redeem_http_rps', value: round(withRps, 0), unit: 'req/s' },
      { name: 'metrics_redeem_http_baseline_rps', value: round(withoutRps, 0), unit: 'req/s' },
      { name: 'metrics_redeem_ratio', value: round(withRps / withoutRps, 2), unit: 'ratio' },
      { name: 'metrics_cost_per_redeem_ns', value: round(cost.withNs - cost.baseNs, 0), unit: 'ns' },
    ];
  } finally {
    await new Promise((done) => (bare ? bare.close(done) : done(undefined)));
    await server.stop();
    await backend.cleanup();
  }
}

/** What /metrics costs the redeem path: with against without, in the same run. */
export const metricsGroup: BenchGroup = { name: 'metrics', run: measure };
