import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../server/db/database';
import { startServer } from '../../../server/server';
import { createBackend, type BackendKind } from '../../support/server/backends';
import { openFlashSale } from '../../support/server/flash-sale';
import { round, type BenchContext, type BenchGroup, type Figure } from '../figures';
import type { FlashSalePlan, FlashSaleResult } from './flash-sale-load';

/** BENCH_FLASH_BUYERS shrinks the sale for profiling runs (the figure's name then says its size). */
const BUYERS = benchBuyers(process.env['BENCH_FLASH_BUYERS']);
/** A few more buyers than units, so the sell-out itself is measured and overselling would show. */
const STOCK = Math.floor((BUYERS * 50) / 51);
const SIZE = STOCK % 1000 === 0 ? `${STOCK / 1000}k` : String(STOCK);
/** Buyers in flight at once: a flash sale is many at the same moment, and they share commits. */
const CONCURRENCY = 256;
const LOAD_SCRIPT = fileURLToPath(new URL('./flash-sale-load.ts', import.meta.url));

function benchBuyers(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 51_000;
  const buyers = Number(text);
  if (!Number.isInteger(buyers) || buyers < 51) throw new Error(`BENCH_FLASH_BUYERS must be an integer ≥ 51 (got ${text})`);
  return buyers;
}

function runLoad(plan: FlashSalePlan): Promise<FlashSaleResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_SCRIPT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: FlashSaleResult | undefined;
    child.once('message', (message) => (result = message as FlashSaleResult));
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`flash-sale load exited with ${code}`))));
    child.send(plan);
  });
}

async function count(db: Db, table: 'vouchers' | 'notifications' | 'members', merchantId: string): Promise<number> {
  const row = await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('merchant_id', '=', merchantId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function measure(kind: BackendKind, ctx: BenchContext): Promise<{ seconds: number; oversold: number }> {
  const backend = createBackend(kind, ctx.pgUrl);
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'warn', sales: { jobs: false } });
  try {
    const { merchant, campaign } = await openFlashSale(server.db, { name: 'bench flash sale', stock: STOCK, perBuyerLimit: 1 });
    const channelSecret = await server.sales.deps.channelSecrets.create(merchant.id, 'douyin');
    const cpu = process.cpuUsage();
    const load = await runLoad({ url: server.url, campaignId: campaign.id, merchantId: merchant.id, channelSecret, buyers: BUYERS, concurrency: CONCURRENCY });
    const used = process.cpuUsage(cpu);
    const serverCpuMs = (used.user + used.system) / 1000;
    const seconds = load.elapsedMs / 1000;
    const vouchers = await count(server.db, 'vouchers', merchant.id);
    const sold = await server.db.kysely.selectFrom('campaigns').select('sold_count').where('id', '=', campaign.id).executeTakeFirstOrThrow();
    const oversold = Math.max(0, vouchers - STOCK, sold.sold_count - STOCK);
    ctx.log(
      `${kind}: ${load.paid} paid of ${BUYERS} buyers in ${round(seconds, 1)} s — ${round(load.paid / seconds, 0)} orders/s ` +
        `(${round((load.reserved + load.paid) / seconds, 0)} HTTP req/s, ${CONCURRENCY} clients); ` +
        `${vouchers} vouchers, ${await count(server.db, 'members', merchant.id)} members, ${await count(server.db, 'notifications', merchant.id)} queued messages`,
    );
    // The machine is shared: CPU per order tells a change apart from a busy neighbour.
    ctx.log(
      `${kind}: server process CPU ${round(serverCpuMs / 1000, 1)} s (${round((serverCpuMs * 1000) / Math.max(1, load.paid), 0)} µs/order), ` +
        `buyers' CPU ${round(load.cpuMs / 1000, 1)} s; load average ${loadavg().map((l) => round(l, 2)).join(' ')}`,
    );
    const unexpected = Object.entries(load.refused).filter(([key]) => !key.includes('OUT_OF_STOCK'));
    if (unexpected.length > 0) ctx.log(`${kind}: unexpected refusals ${JSON.stringify(Object.fromEntries(unexpected))}`);
    if (load.paid !== STOCK) ctx.log(`${kind}: expected ${STOCK} paid orders, got ${load.paid}`);
    return { seconds, oversold };
  } finally {
    await server.stop();
    await backend.cleanup();
  }
}

/** 50,000 units sold to 51,000 buyers through the HTTP API: reservation, signed payment, vouchers, members, outbox rows. */
export const flashSaleGroup: BenchGroup = {
  name: 'flash-sale',
  run: async (ctx) => {
    // BENCH_FLASH_BACKEND=sqlite|postgres runs one half only (profiling).
    const only = process.env['BENCH_FLASH_BACKEND'];
    const figures: Figure[] = [];
    let oversold = 0;
    if (only !== 'postgres') {
      const sqlite = await measure('sqlite', ctx);
      figures.push({ name: `flash_sale_${SIZE}_sqlite_s`, value: round(sqlite.seconds, 1), unit: 's' });
      oversold += sqlite.oversold;
    }
    if (only === 'sqlite') {
      ctx.log('BENCH_FLASH_BACKEND=sqlite: PostgreSQL skipped');
    } else if (ctx.pgUrl) {
      const pg = await measure('postgres', ctx);
      figures.push({ name: `flash_sale_${SIZE}_pg_s`, value: round(pg.seconds, 1), unit: 's' });
      oversold += pg.oversold;
    } else {
      ctx.log('no PostgreSQL URL (TEST_PG_URL / DATABASE_URL): PostgreSQL figures skipped');
    }
    figures.push({ name: 'flash_sale_oversold', value: oversold, unit: 'units' });
    return figures;
  },
};
