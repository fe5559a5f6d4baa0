import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildRenderer } from '../../../build/launcher/app-build';
import { posBrowserUrl } from '../../../build/launcher/pos-url';
import { serveStatic } from '../../../build/launcher/static-server';
import { startServer } from '../../../server/server';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/chromium';
import { buildBrowserBundle } from '../support/browser-bundle';
import { percentile, round, type BenchContext, type BenchGroup, type Figure } from '../figures';

const ROWS = Number(process.env.HEXIAO_BENCH_CATALOG_ROWS ?? 100_000);
const LOOKUPS = 2_000;
const READY_RUNS = 5;

/** Bundles the bench page into the POS's own build, so it shares the POS's origin and IndexedDB. */
function addBenchPage(rendererDir: string): Promise<void> {
  return buildBrowserBundle(join(import.meta.dirname, '../support/pos-bench-page.ts'), join(rendererDir, 'pos-bench'));
}

/** Where a run that never got ready leaves its screenshot (ignored by git). */
const FAILURE_SHOT = join(process.cwd(), 'bench-results', 'pos-ready-timeout.png');

/** From navigation to a sale screen that answers a search: the POS as a cashier gets it after a restart. */
async function timeReady(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await page.getByTestId('nav-sell').click();
  await page.getByTestId('catalog-search').fill('gbjd');
  try {
    await page.getByTestId('catalog-item').first().waitFor();
  } catch (error) {
    await mkdir(dirname(FAILURE_SHOT), { recursive: true });
    await page.screenshot({ path: FAILURE_SHOT });
    throw new Error(`the sale screen found nothing for "gbjd" (screenshot: ${FAILURE_SHOT})`, { cause: error });
  }
  return Date.now() - started;
}

async function measure(ctx: BenchContext): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hexiao-bench-pos-'));
  const server = await startServer({ port: 0, dataDir: join(dir, 'data'), demo: true, logLevel: 'warn' });
  const rendererDir = join(dir, 'renderer');
  await buildRenderer(rendererDir);
  await addBenchPage(rendererDir);
  const site = await serveStatic(rendererDir);
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(posBrowserUrl(site.url, server.url, server.demo!.pairingCode));
    await page.getByTestId('sync-clear').waitFor({ timeout: 60_000 });
    await page.goto(`${site.url}/pos-bench/index.html`);
    ctx.log(`filling ${ROWS} catalog items (HEXIAO_BENCH_CATALOG_ROWS)`);
    const filled = await page.evaluate((o) => window.hexiaoPosBench.fill(o), { rows: ROWS });
    if (filled.count < ROWS) throw new Error(`the catalog holds ${filled.count} of ${ROWS} items`);
    ctx.log(`filled in ${round(filled.seconds)} s`);
    const look = await page.evaluate((o) => window.hexiaoPosBench.lookups(o), { rows: ROWS, count: LOOKUPS });
    if (look.found !== LOOKUPS) throw new Error(`${LOOKUPS - look.found} of ${LOOKUPS} look-ups found nothing`);
    ctx.log(`look-up p99: by barcode ${round(percentile(look.byBarcode, 99))} ms, by name/pinyin ${round(percentile(look.byName, 99))} ms`);
    const ready: number[] = [];
    for (let i = 0; i < READY_RUNS; i++) ready.push(await timeReady(page, `${site.url}/index.html`));
    ctx.log(`ready runs (ms): ${ready.join(', ')}`);
    return [
      { name: 'pos_catalog_rows', value: filled.count, unit: 'items' },
      { name: 'pos_ready_100k_ms', value: round(percentile(ready, 50)), unit: 'ms, median (target ≤ 1500)' },
      { name: 'catalog_lookup_p50_ms', value: round(percentile(look.latencies, 50)), unit: 'ms' },
      { name: 'catalog_lookup_p99_ms', value: round(percentile(look.latencies, 99)), unit: 'ms (target ≤ 20)' },
    ];
  } finally {
    await browser.close();
    await site.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export const posGroup: BenchGroup = { name: 'pos', run: measure };
