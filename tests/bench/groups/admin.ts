import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { streamRows } from '../../../server/db/row-stream';
import { ledgerQuery } from '../../../server/repositories/backoffice/settlement-ledger';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient } from '../../support/server/api-client';
import { loginBody } from '../../support/server/login-body';
import { createBackend, type BackendKind } from '../../support/server/backends';
import { openFlashSale } from '../../support/server/flash-sale';
import { SseReader } from '../../support/server/sse-reader';
import { addMerchantUser } from '../../../server/repositories/backoffice/merchant-user-setup';
import { percentile, round, type BenchContext, type BenchGroup, type Figure } from '../figures';
import { ADMIN_SEED, OWNER_PASSWORD, seedBusyMerchant } from '../support/admin-seed';

async function signIn(server: RunningServer, login: string, password: string): Promise<ApiClient> {
  const res = await new ApiClient(server).post<{ token: string }>('/merchant/login', await loginBody(server.db, login, password));
  if (res.status !== 200) throw new Error(`bench sign-in failed: ${res.status}`);
  return new ApiClient(server, res.body.token);
}

/** Median of a few dashboard loads for today (the first one warms the caches and is dropped). */
async function dashboardMs(owner: ApiClient): Promise<{ ms: number; redemptions: number }> {
  const times: number[] = [];
  let redemptions = 0;
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const res = await owner.get<{ redemptions: { count: number } }>('/merchant/dashboard');
    if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
    if (i > 0) times.push(performance.now() - started);
    redemptions = res.body.redemptions.count;
  }
  return { ms: percentile(times, 50), redemptions };
}

/** Streams the ledger CSV of the seeded 30 days, counting rows and sampling this process's RSS. */
async function exportRun(server: RunningServer, owner: ApiClient, from: string, to: string) {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/merchant/settlement/export.csv?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${owner.token}` } });
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { rows: lines - 1, rowsPerS: (lines - 1) / seconds, rssGrowthMb: (peak - baseline) / 1_048_576 };
}

/**
 * The export's baseline in the same run: the same ledger rows read through the same cursor alone,
 * with no CSV and no HTTP, so the figure above shows what the file and the network add.
 */
async function cursorRun(server: RunningServer, merchantId: string, from: string, to: string) {
  const started = performance.now();
  let rows = 0;
  const scope = { merchantId, from: `${from}T00:00:00.000Z`, until: `${to}T00:00:00.000Z`, campaignId: null };
  for await (const batch of streamRows(server.db, ledgerQuery(server.db, scope).compile(server.db.kysely), 1000)) rows += batch.length;
  return { rows, rowsPerS: rows / ((performance.now() - started) / 1000) };
}

/** Orders placed by 20 buyers at once for 4 s; each order's lag is from its answer to the first event counting it. */
async function eventLag(server: RunningServer): Promise<number[]> {
  const sale = await openFlashSale(server.db, { name: `lag${Date.now()}`, stock: 100_000 });
  const user = await addMerchantUser(server.db, sale.merchant.id, { login: `lag-${sale.merchant.id}@bench.test`, name: '店主', role: 'owner', password: OWNER_PASSWORD });
  const owner = await signIn(server, user.login, OWNER_PASSWORD);
  const ticket = (await owner.post<{ ticket: string }>('/merchant/live/ticket', {})).body.ticket;
  const live = await SseReader.open(`${server.url}/api/v1/merchant/live/events?ticket=${ticket}`);
  await live.next((e) => e.event === 'snapshot');
  const done: number[] = [];
  const lags: number[] = [];
  let matched = 0;
  let seen = live.events.length;
  const watcher = setInterval(() => {
    for (; seen < live.events.length; seen++) {
      const e = live.events[seen]!;
      if (e.event !== 'campaign') continue;
      const sold = (e.data as { soldUnits: number }).soldUnits;
      const t = performance.now();
      for (; matched < Math.min(sold, done.length); matched++) lags.push(t - done[matched]!);
    }
  }, 5);
  const until = performance.now() + 4_000;
  const buyer = async (b: number) => {
    for (let i = 0; performance.now() < until; i++) {
      const res = await new ApiClient(server).post(`/flash-sales/${sale.campaign.id}/orders`, { phone: `1370${String(b).padStart(3, '0')}${String(i).padStart(4, '0')}`, quantity: 1 });
      if (res.status === 201) done.push(performance.now());
    }
  };
  await Promise.all(Array.from({ length: 20 }, (_, b) => buyer(b)));
  await live.next((e) => e.event === 'campaign' && (e.data as { soldUnits: number }).soldUnits >= done.length, 0, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(watcher);
  live.close();
  return lags;
}

async function measure(kind: BackendKind, ctx: BenchContext): Promise<Figure[]> {
  const backend = createBackend(kind, ctx.pgUrl);
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'warn', sales: { jobs: false } });
  const tag = kind === 'sqlite' ? 'sqlite' : 'pg';
  try {
    const seedStarted = performance.now();
    const busy = await seedBusyMerchant(server.db, new Date());
    ctx.log(`${kind}: seeded ${ADMIN_SEED.redemptions} redemptions, ${ADMIN_SEED.members} members in ${round((performance.now() - seedStarted) / 1000, 1)} s`);
    const owner = await signIn(server, busy.owner.login, OWNER_PASSWORD);
    const dashboard = await dashboardMs(owner);
    ctx.log(`${kind}: dashboard for today (${dashboard.redemptions} of its redemptions) in ${round(dashboard.ms, 1)} ms (median of 5)`);
    const today = new Date();
    const from = new Date(today.getTime() - (ADMIN_SEED.days + 1) * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
    // A one-day export first, so one-time costs (compiled code, driver buffers) are not counted as growth.
    await exportRun(server, owner, today.toISOString().slice(0, 10), to);
    const exported = await exportRun(server, owner, from, to);
    ctx.log(`${kind}: exported ${exported.rows} ledger rows at ${round(exported.rowsPerS, 0)} rows/s, RSS +${round(exported.rssGrowthMb, 1)} MB`);
    const read = await cursorRun(server, busy.merchant.id, from, to);
    ctx.log(`${kind}: baseline: the same ${read.rows} rows read through the cursor alone at ${round(read.rowsPerS, 0)} rows/s (export ${round(exported.rowsPerS / read.rowsPerS, 2)}× of it); load ${loadavg().map((l) => round(l, 2)).join(' ')}`);
    const lags = await eventLag(server);
    ctx.log(`${kind}: ${lags.length} flash-sale orders seen on the live panel, lag p50 ${round(percentile(lags, 50), 0)} ms, p95 ${round(percentile(lags, 95), 0)} ms`);
    return [
      { name: `admin_dashboard_load_ms_${tag}`, value: round(dashboard.ms, 1), unit: 'ms' },
      { name: `settlement_export_rows_per_s_${tag}`, value: round(exported.rowsPerS, 0), unit: 'rows/s' },
      { name: `settlement_export_rss_mb_${tag}`, value: round(exported.rssGrowthMb, 1), unit: 'MB' },
      { name: `settlement_cursor_rows_per_s_${tag}`, value: round(read.rowsPerS, 0), unit: 'rows/s' },
      { name: `dashboard_event_lag_p95_ms_${tag}`, value: round(percentile(lags, 95), 0), unit: 'ms' },
    ];
  } finally {
    await server.stop();
    await backend.cleanup();
  }
}

/** The back office under a busy merchant's data: dashboard, ledger export and the live panel's lag. */
export const adminGroup: BenchGroup = {
  name: 'admin',
  run: async (ctx) => {
    const figures = await measure('sqlite', ctx);
    if (ctx.pgUrl) figures.push(...(await measure('postgres', ctx)));
    else ctx.log('no PostgreSQL URL (TEST_PG_URL / DATABASE_URL): PostgreSQL figures skipped');
    return figures;
  },
};
