import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '../../core/money';
import { localDateTime, addDays } from '../../core/time-zone';
import { maskCode } from '../../core/voucher-code';
import { BACKENDS } from '../support/server/backends';
import { auditRows, PASSWORDS } from '../integration/backoffice/support/backoffice-world';
import { readAllPages } from '../integration/backoffice/support/ledger-fixtures';
import { managerSeesOnlyTheirs, ownerSetsUpStaff } from './admin-staff-steps';
import { buildAdminBrowser, screenshots, signInPage, startSectionsWorld, type SectionsWorld } from './admin-sections-world';

const rows = (page: Page, table: string) => page.locator(`[data-testid=${table}] .el-table__body-wrapper tr.el-table__row`);
const pick = async (page: Page, select: string, option: string) => {
  await page.getByTestId(select).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click();
};

let built: Awaited<ReturnType<typeof buildAdminBrowser>>;
let browser: Browser;

beforeAll(async () => {
  built = await buildAdminBrowser();
  browser = built.browser;
}, 240_000);
afterAll(async () => {
  await built?.close();
});

describe.each(BACKENDS)('back office: audit log, members and settlement on screen (%s)', (kind) => {
  let w: SectionsWorld;
  let page: Page;
  const today = () => localDateTime(new Date(), w.world.merchant.timeZone).date;

  beforeAll(async () => {
    w = await startSectionsWorld(kind, built.adminDir);
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await signInPage(page, w.server, w.world.owner.login, PASSWORDS.owner, 'zh-CN');
  }, 120_000);
  afterAll(async () => {
    await page?.close();
    await w?.stop();
  });

  it('audit log: newest first, "load more" from the cursor until every entry is shown once, filters, readable details', async () => {
    await page.getByTestId('nav-audit').click();
    await expect.poll(() => rows(page, 'audit-table').count()).toBe(50);
    const all = await auditRows(w.server.db, w.world.merchant.id);
    expect(all.length).toBeGreaterThan(50);
    while (await page.getByTestId('audit-more').isVisible()) {
      const before = await rows(page, 'audit-table').count();
      await page.getByTestId('audit-more').click();
      await expect.poll(() => rows(page, 'audit-table').count()).toBeGreaterThan(before);
    }
    const shownActions = await page.getByTestId('audit-action-code').allTextContents();
    expect(shownActions.length).toBe(all.length);
    const byApi = await readAllPages<{ action: string }>(w.owner, '/merchant/audit', 200);
    expect(shownActions).toEqual(byApi.map((e) => e.action));

    // Tills of store A only: the rename history of A2 and its creation, newest first.
    await pick(page, 'audit-action', 'terminal.*');
    await pick(page, 'audit-store', 'A 店');
    await page.getByTestId('audit-search').click();
    const filtered = await readAllPages<{ action: string }>(w.owner, `/merchant/audit?action=terminal.&storeId=${w.world.stores.a.id}`, 200);
    expect(filtered.length).toBe(53);
    await expect.poll(() => rows(page, 'audit-table').count()).toBe(50);
    await page.getByTestId('audit-more').click();
    await expect.poll(() => page.getByTestId('audit-action-code').allTextContents()).toEqual(filtered.map((e) => e.action));
    await rows(page, 'audit-table').first().locator('.el-table__expand-icon').click();
    await expect.poll(() => page.getByTestId('audit-details').first().textContent()).toMatch(/A2-51.*A2-52/);

    // A date range of the merchant's days: tomorrow has nothing; today has them all again.
    const range = page.locator('.el-range-input');
    const setRange = async (from: string, to: string) => {
      await range.nth(0).fill(from);
      await range.nth(1).fill(to);
      await range.nth(1).press('Enter');
      await page.getByTestId('audit-search').click();
    };
    await setRange(addDays(today(), 1), addDays(today(), 1));
    await expect.poll(() => rows(page, 'audit-table').count()).toBe(0);
    await setRange(today(), today());
    await expect.poll(() => rows(page, 'audit-table').count()).toBe(50);
    await screenshots(page, 'audit', 'zh-CN');
  }, 120_000);

  it('members: search, a profile with visits, points ledger and vouchers held, and the CSV export', async () => {
    await page.getByTestId('nav-members').click();
    await expect.poll(() => rows(page, 'member-table').count()).toBe(6);
    await page.getByTestId('members-query').fill(w.star.name);
    await page.getByTestId('members-find').click();
    await expect.poll(() => rows(page, 'member-table').count()).toBe(1);
    const profile = (await w.owner.get<{ member: { phone: string; points: number } }>(`/merchant/members/${w.star.id}`)).body;
    expect(await rows(page, 'member-table').first().textContent()).toContain(profile.member.phone);
    await rows(page, 'member-table').first().click();
    await page.locator('.el-drawer').waitFor();
    await expect.poll(() => page.getByTestId('member-points').textContent()).toBe(String(profile.member.points));
    await expect.poll(() => rows(page, 'member-sales').count()).toBe(3);
    expect(await rows(page, 'member-sales').first().textContent()).toContain(formatFen(3800));
    await page.getByTestId('member-tags').click();
    await page.keyboard.type('常客');
    await page.keyboard.press('Enter');
    await page.locator('.el-drawer__title').click();
    await expect.poll(async () => (await w.owner.get<{ member: { tags: string[] } }>(`/merchant/members/${w.star.id}`)).body.member.tags).toEqual(['常客']);
    await screenshots(page, 'members', 'zh-CN');
    await page.getByRole('tab', { name: '积分流水' }).click();
    await expect.poll(() => rows(page, 'member-points-ledger').count()).toBe(4);
    expect(await page.getByTestId('member-points-ledger').textContent()).toContain('-20');
    await page.getByRole('tab', { name: /持有的券/ }).click();
    await expect.poll(() => page.getByTestId('member-vouchers').textContent()).toContain(maskCode(w.star.voucherCode));
    expect(await page.getByTestId('member-vouchers').textContent()).toContain('会员套餐');
    await page.keyboard.press('Escape');
    await page.locator('.el-drawer').waitFor({ state: 'hidden' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('members-export').click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBe(1 + 6);
    expect(csv).toContain(w.star.phone);
    await expect.poll(async () => (await auditRows(w.server.db, w.world.merchant.id)).some((r) => r.action === 'member.export')).toBe(true);
  }, 120_000);

  it('settlement (the screen of h/admin-web): the daily statement per store and campaign as the API states it, and the ledger CSV', async () => {
    await page.getByTestId('nav-settlement').click();
    const from = addDays(today(), -6);
    interface Row { storeId: string | null; netFen: number; soldFen: number; title: string }
    const api = (await w.owner.get<{ items: Row[]; totals: { netFen: number } }>(`/merchant/settlement/daily?from=${from}&to=${today()}`)).body;
    expect(api.items.length).toBeGreaterThanOrEqual(3);
    await expect.poll(() => rows(page, 'settlement-table').count()).toBe(api.items.length);
    const shown = await rows(page, 'settlement-table').allTextContents();
    shown.forEach((text, i) => expect(text).toContain(formatFen(api.items[i]!.netFen)));
    expect(await page.getByTestId('settlement-totals').textContent()).toContain(formatFen(api.totals.netFen));
    await screenshots(page, 'settlement', 'zh-CN');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settlement-csv').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const byApi = await w.owner.get<string>(`/merchant/settlement/export.csv?from=${from}&to=${today()}`);
    expect(csv.replace(/^\uFEFF/, '')).toBe(String(byApi.body).replace(/^\uFEFF/, ''));
    expect(csv).toContain(w.campaign.title);
  }, 120_000);

  it('staff & settings: the owner sets up counter staff, back-office users, counter settings and the offline policy', async () => {
    await ownerSetsUpStaff(page, w);
  }, 120_000);

  it('staff & settings: a manager sees their store and cannot change what the owner decides', async () => {
    await managerSeesOnlyTheirs(browser, w);
  }, 120_000);

  it('shows the sections in English', async () => {
    await page.evaluate(() => window.localStorage.setItem('hexiao.admin.locale', 'en'));
    await page.addInitScript(() => window.localStorage.setItem('hexiao.admin.locale', 'en'));
    for (const [section, title] of [['audit', 'Audit log'], ['members', 'Members'], ['settlement', 'Settlement'], ['staff', 'Staff & settings']] as const) {
      await page.goto(`${w.server.url}/admin/${section}`);
      await expect.poll(() => page.locator('.page-title').first().textContent()).toContain(title);
      const table = { audit: 'audit-table', members: 'member-table', settlement: 'settlement-table', staff: 'user-table' }[section];
      await expect.poll(() => rows(page, table).count()).toBeGreaterThan(0);
      await screenshots(page, section, 'en');
      // The narrowest screen the back office supports: no horizontal scroll.
      await page.setViewportSize({ width: 1024, height: 768 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  }, 120_000);
});
