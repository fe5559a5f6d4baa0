import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildAdmin, buildRenderer } from '../../build/launcher/app-build';
import { serveStatic, type StaticServer } from '../../build/launcher/static-server';
import { startServer, type RunningServer } from '../../server';
import { createBackend, type BackendKind, type TestBackend } from '../support/server/backends';
import { REPO_ROOT } from '../support/server/cli';
import { CHROMIUM_ARGS, findChromium } from './chromium';

export const ADMIN_SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'admin');

/** The back office and the POS, each built once per run, for every backend's flow. */
export interface AdminBuilds {
  dir: string;
  adminDir: string;
  pos: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function buildAdminAndPos(): Promise<AdminBuilds> {
  const executablePath = findChromium();
  const dir = await mkdtemp(join(tmpdir(), 'hexiao-admin-e2e-'));
  const adminDir = join(dir, 'admin');
  await buildAdmin(adminDir);
  await buildRenderer(join(dir, 'renderer'));
  const pos = await serveStatic(join(dir, 'renderer'));
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  mkdirSync(ADMIN_SCREENSHOT_DIR, { recursive: true });
  return {
    dir,
    adminDir,
    pos,
    browser,
    close: async () => {
      await browser.close();
      await pos.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An empty database (no demo) behind a server that serves the built back office; buyers' texts captured. */
export interface AdminServer {
  backend: TestBackend;
  server: RunningServer;
  /** Every SMS and DM the console provider printed, codes included. */
  messages: string[];
  stop(): Promise<void>;
}

export async function startAdminServer(kind: BackendKind, adminDir: string): Promise<AdminServer> {
  const backend = createBackend(kind);
  const messages: string[] = [];
  const server = await startServer({
    ...backend.options,
    port: 0,
    demo: false,
    logLevel: 'silent',
    adminDir,
    sales: { providerDeps: { out: { write: (text: string) => messages.push(text) } } },
  });
  return {
    backend,
    server,
    messages,
    stop: async () => {
      await server.stop();
      await backend.cleanup();
    },
  };
}

/** `npm run admin -- …` on the server's database, as an operator would run it. */
export function runAdminCli(backend: TestBackend, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HEXIAO_DATA_DIR: backend.dataDir };
  if (backend.options.databaseUrl) env['DATABASE_URL'] = backend.options.databaseUrl;
  if (backend.options.pgSchema) env['DATABASE_SCHEMA'] = backend.options.pgSchema;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/admin/admin-cli.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

export const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/**
 * The screen as it is, at both sizes and in both languages, under test-results/admin/. Returns
 * with the page back in zh-CN at 1366×768. Fails when a screen scrolls sideways.
 */
export async function shootScreen(page: Page, name: string, prefix: string): Promise<void> {
  // Toasts ("saved") fade after a few seconds; the screen is what stays.
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
  for (const locale of ['zh-CN', 'en'] as const) {
    await page.getByTestId(`language-${locale}`).first().click();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(250);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      if (sideways) throw new Error(`${name} scrolls sideways at ${size.width}×${size.height} (${locale})`);
      await page.screenshot({ path: join(ADMIN_SCREENSHOT_DIR, `${prefix}-${name}-${size.width}x${size.height}-${locale}.png`) });
    }
  }
  // The smallest screen a back office runs on: no sideways scrolling either (no screenshot kept).
  await page.getByTestId('language-zh-CN').first().click();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForTimeout(250);
  if (await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)) {
    throw new Error(`${name} scrolls sideways at 1024×768`);
  }
  await page.setViewportSize(SIZES[0]);
}
