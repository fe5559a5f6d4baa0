import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_PATH } from '../../server/http/openapi/openapi-routes';
import { ROUTE_CATALOG } from '../../server/http/openapi/route-catalog';
import { startServer, type RunningServer } from '../../server/server';
import { CHROMIUM_ARGS, findChromium } from './chromium';

/** Set to a folder to keep a screenshot of the page, e.g. API_DOCS_SCREENSHOT=test-results/api-docs.png. */
const SCREENSHOT = process.env['API_DOCS_SCREENSHOT'];

describe('/api/docs in Chromium', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hexiao-api-docs-'));
    server = await startServer({ dataDir: dir, port: 0, demo: false, logLevel: 'silent' });
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every operation of the document, loading nothing from another origin', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const foreign: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(server.url)) foreign.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}${DOCS_PATH}`);
    try {
      await page.locator('.opblock').first().waitFor({ timeout: 60_000 });
    } finally {
      if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-loaded.png') });
    }
    expect(await page.locator('.opblock').count()).toBe(ROUTE_CATALOG.length);
    await expect.poll(() => page.locator('.opblock-summary-path').allTextContents()).toContain('/vouchers/redeem');
    await page.locator('.opblock-summary-path', { hasText: /^\/vouchers\/redeem$/ }).click();
    await expect.poll(() => page.locator('.opblock-body').first().textContent()).toContain('redemptionId');
    if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
