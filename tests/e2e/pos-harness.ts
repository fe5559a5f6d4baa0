import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildRenderer } from '../../build/launcher/app-build';
import { posBrowserUrl } from '../../build/launcher/pos-url';
import { serveStatic, type StaticServer } from '../../build/launcher/static-server';
import { startServer, type RunningServer } from '../../server';
import { CHROMIUM_ARGS, findChromium } from './chromium';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'e2e');

/** The real server (temp SQLite, demo data), the built POS on a static server, and Chromium. */
export interface PosHarness {
  server: RunningServer;
  pos: StaticServer;
  browser: Browser;
  /** The address the launcher would print: POS with `?server=…&pair=…`. */
  launchUrl(): string;
  close(): Promise<void>;
}

export async function startPosHarness(): Promise<PosHarness> {
  const executablePath = findChromium();
  const dir = await mkdtemp(join(tmpdir(), 'hexiao-e2e-'));
  const server = await startServer({ port: 0, dataDir: join(dir, 'data'), demo: true, logLevel: 'silent' });
  await buildRenderer(join(dir, 'renderer'));
  const pos = await serveStatic(join(dir, 'renderer'));
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    server,
    pos,
    browser,
    launchUrl: () => {
      if (!server.demo) throw new Error('the server started without demo data');
      return posBrowserUrl(pos.url, server.url, server.demo.pairingCode);
    },
    close: async () => {
      await browser.close();
      await pos.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Counts the page's requests under `prefix`; the sync engine's own pulls and pushes use other paths. */
export function countRequestsTo(page: Page, prefix: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.url().startsWith(prefix)) count += 1;
  });
  return () => count;
}
