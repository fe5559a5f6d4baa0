import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { formatVoucherCode } from '../../core/voucher-code';
import { buildRenderer } from '../../build/launcher/app-build';
import { posBrowserUrl } from '../../build/launcher/pos-url';
import { serveStatic, type StaticServer } from '../../build/launcher/static-server';
import { mintPairingCode } from '../../server/repositories/pairing-repository';
import { startServer, type RunningServer } from '../../server';
import { startCuttableProxy, type CuttableProxy } from '../property/support/cuttable-proxy';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { SCREENSHOT_DIR } from './pos-harness';

/**
 * The real server (temp SQLite) behind a cuttable proxy, the built POS, and Chromium: each POS
 * talks to the server only through the proxy, so cutting it is the store's internet going down.
 */
export interface OfflineHarness {
  server: RunningServer;
  proxy: CuttableProxy;
  pos: StaticServer;
  browser: Browser;
  /** A POS in its own browser profile (its own IndexedDB), paired to `terminalId`. */
  openPos(terminalId: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startOfflineHarness(): Promise<OfflineHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'hexiao-e2e-offline-'));
  const server = await startServer({ port: 0, dataDir: join(dir, 'data'), demo: false, logLevel: 'silent' });
  const proxy = await startCuttableProxy({ host: '127.0.0.1', port: server.port });
  await buildRenderer(join(dir, 'renderer'));
  const pos = await serveStatic(join(dir, 'renderer'));
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    server,
    proxy,
    pos,
    browser,
    async openPos(terminalId) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const { code } = await mintPairingCode(server.db, terminalId);
      await page.goto(posBrowserUrl(pos.url, proxy.url, code));
      await page.getByTestId('header-where').waitFor();
      return { context, page };
    },
    async close() {
      await browser.close();
      await pos.close();
      await proxy.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Types a code, waits for the preview and confirms it, as a cashier does. */
export async function lookUpAndConfirm(page: Page, code: string): Promise<void> {
  await page.getByTestId('code-input').fill(formatVoucherCode(code));
  await page.keyboard.press('Enter');
  await page.getByTestId('preview').waitFor();
  await page.keyboard.press('Enter');
}

/** The header says everything is synced: nothing pending, no download under way. */
export async function waitUntilSynced(page: Page, timeout = 20_000): Promise<void> {
  await page.getByTestId('sync-clear').waitFor({ timeout });
}

/** The POS's outbox as stored in its IndexedDB: seq and the server's answer status of each entry. */
export async function outboxStatuses(page: Page): Promise<{ seq: number; status: string | null }[]> {
  return page.evaluate(
    () =>
      new Promise<{ seq: number; status: string | null }[]>((resolve, reject) => {
        const opening = indexedDB.open('hexiao-pos');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const read = opening.result.transaction('outbox').objectStore('outbox').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            opening.result.close();
            resolve((read.result as { seq: number; result: { status: string } | null }[]).map((e) => ({ seq: e.seq, status: e.result?.status ?? null })));
          };
        };
      }),
  );
}

/** Every row of one object store of the POS's IndexedDB, read in the page. */
export function storedRows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const opening = indexedDB.open('hexiao-pos');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const read = opening.result.transaction(name).objectStore(name).getAll();
          read.onsuccess = () => {
            opening.result.close();
            resolve(read.result as T[]);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    store,
  );
}
