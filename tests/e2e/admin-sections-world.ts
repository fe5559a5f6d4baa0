import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildAdmin } from '../../build/launcher/app-build';
import { createCampaign, issueVouchers } from '../../server/repositories/merchant-setup';
import { startServer, type RunningServer } from '../../server/server';
import type { ApiClient } from '../support/server/api-client';
import { createBackend, type BackendKind, type TestBackend } from '../support/server/backends';
import { buildBackofficeWorld, PASSWORDS, signIn, type BackofficeWorld } from '../integration/backoffice/support/backoffice-world';
import { campaignBody, type CampaignBody } from '../integration/backoffice/support/campaign-body';
import { addCounterUser, idsAgainstTime } from '../integration/backoffice/support/ledger-fixtures';
import { insertOrder, issueForOrder, redeemAt } from '../integration/backoffice/support/sales-rows';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { loginBody } from '../support/server/login-body';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'admin');
const DAY = 86_400_000;

/** The back office built once, and the browser that drives it. */
export async function buildAdminBrowser(): Promise<{ adminDir: string; browser: Browser; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hexiao-admin-sections-'));
  const adminDir = join(dir, 'admin');
  await buildAdmin(adminDir);
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    adminDir,
    browser,
    close: async () => {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface SectionsWorld {
  backend: TestBackend;
  server: RunningServer;
  world: BackofficeWorld;
  owner: ApiClient;
  star: { id: string; name: string; phone: string; voucherCode: string };
  campaign: CampaignBody;
  stop(): Promise<void>;
}

/** A merchant with two stores, audit history, members with visits and points, and a day of sales and redemptions. */
export async function startSectionsWorld(kind: BackendKind, adminDir: string): Promise<SectionsWorld> {
  const backend = createBackend(kind);
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', adminDir });
  const db = server.db;
  const world = await buildBackofficeWorld(db);
  const m = world.merchant.id;
  const owner = await signIn(server, world.owner.login, PASSWORDS.owner);

  // Audit history through the API: a new till in store A renamed many times (more than one page).
  const till = await owner.post<{ id: string }>(`/merchant/stores/${world.stores.a.id}/terminals`, { name: 'A2' });
  for (let i = 1; i <= 52; i++) await owner.request('PATCH', `/merchant/terminals/${till.body.id}`, JSON.stringify({ name: `A2-${i}` }), 'application/json');
  await owner.post('/merchant/stores', { name: 'C 店', address: '人民路 3 号' });

  // Members: one regular with visits, points and a voucher held, among others.
  const people = idsAgainstTime(6).map((r, i) => ({ ...r, name: i === 2 ? '王小明' : `会员${i}`, phone: `+8613900${String(100000 + i)}` }));
  await db.kysely
    .insertInto('members')
    .values(people.map((p) => ({ merchant_id: m, id: p.id, phone: p.phone, first_order_id: null, created_at: p.at, updated_at: p.at, name: p.name })))
    .execute();
  const star = people[2]!;
  const cashier = await addCounterUser(db, m, world.stores.a.id, '小王');
  for (const s of idsAgainstTime(3)) {
    await db.kysely
      .insertInto('sales')
      .values({
        merchant_id: m, id: s.id, store_id: world.stores.a.id, terminal_id: world.terminal.id, shift_id: null, cashier_id: cashier, member_id: star.id,
        order_type: 'dine_in', table_no: null, note: null, gross_fen: 3800, line_discount_fen: 0, order_discount_fen: 0, total_fen: 3800, change_fen: 0,
        points_earned: 38, discount_approved_by: null, outcome: 'accepted', device_time: s.at, server_time: s.at,
      })
      .execute();
  }
  await db.kysely
    .insertInto('member_points')
    .values(idsAgainstTime(4).map((p, i) => ({ merchant_id: m, id: p.id, member_id: star.id, delta: i === 3 ? -20 : 38, reason: i === 3 ? ('spend' as const) : ('earn' as const), sale_id: null, refund_id: null, store_id: world.stores.a.id, at: p.at })))
    .execute();
  const held = await createCampaign(db, m, {
    kind: 'product', title: '会员套餐', priceFen: 5000, faceValueFen: 8000, usesPerVoucher: 3,
    validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), storeIds: [world.stores.a.id],
  });
  const [voucher] = (await issueVouchers(db, m, held, { count: 1 })) as [{ id: string; code: string }];
  await db.kysely.updateTable('vouchers').set({ member_id: star.id }).where('merchant_id', '=', m).where('id', '=', voucher.id).execute();

  // Settlement: today's paid orders of a flash sale, one partly refunded, and redemptions at both stores.
  const created = await owner.post<CampaignBody>('/merchant/campaigns', campaignBody([world.stores.a.id, world.stores.b.id], new Date(), { title: '双人套餐 闪购' }));
  const campaign = (await owner.post<CampaignBody>(`/merchant/campaigns/${created.body.id}/publish`, {})).body;
  const o1 = await insertOrder(db, m, campaign.id, { phone: '13800000001', quantity: 3 });
  await insertOrder(db, m, campaign.id, { phone: '13800000002', quantity: 2, state: 'partly_refunded', refundedQuantity: 1 });
  const [v1, v2] = await issueForOrder(db, m, campaign, o1, 3, '13800000001');
  await redeemAt(db, m, v1!.id, world.stores.a.id, world.terminal.id, 2);
  await redeemAt(db, m, v2!.id, world.stores.b.id, world.terminalB.id, 1);

  return {
    backend,
    server,
    world,
    owner,
    star: { id: star.id, name: star.name, phone: star.phone, voucherCode: voucher.code },
    campaign,
    stop: async () => {
      await server.stop();
      await backend.cleanup();
    },
  };
}

/** Signs in through the sign-in page as a merchant would, in the given language. */
export async function signInPage(page: Page, server: RunningServer, login: string, password: string, locale: 'zh-CN' | 'en'): Promise<void> {
  await page.addInitScript((l) => window.localStorage.setItem('hexiao.admin.locale', l), locale);
  await page.goto(`${server.url}/admin/login`);
  const { merchant } = await loginBody(server.db, login, password);
  await page.getByTestId('login-merchant').fill(merchant);
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').waitFor();
}

/** The same screen at the two sizes the brief asks for, in the page's current language. */
export async function screenshots(page: Page, name: string, locale: string): Promise<void> {
  // Settled screens only: no loading mask fading out, no toast of an earlier step.
  await page.waitForFunction(() => ![...document.querySelectorAll<HTMLElement>('.el-loading-mask, .el-message')].some((e) => e.getClientRects().length > 0), undefined, { timeout: 10_000 });
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${locale}-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}
