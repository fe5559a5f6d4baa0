import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVoucherCode } from '../../core/voucher-code';
import { posBrowserUrl } from '../../build/launcher/pos-url';
import { mintPairingCode } from '../../server/repositories/pairing-repository';
import { MANAGER_PIN } from '../property/support/sync-world';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { approve } from './counter-steps';
import { lookUpAndConfirm, startOfflineHarness, storedRows, waitUntilSynced, type OfflineHarness } from './offline-harness';
import { screenshot } from './pos-harness';
import { buildScreensWorld, fullWidth, TONE_RECORDER, tonesHeard } from './screens-support';

// The counter as a new user meets it (issue #10, points 16, 17, 19, 20, 21), in Chromium against the real server.
let h: OfflineHarness;
let world: Awaited<ReturnType<typeof buildScreensWorld>>;
let page: Page;
const ACCEPTED_HZ = 1760;
const REFUSED_HZ = 220;

async function openPos(terminalId: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await opened.addInitScript(TONE_RECORDER);
  const tab = await opened.newPage();
  tab.setDefaultTimeout(10_000);
  const { code } = await mintPairingCode(h.server.db, terminalId);
  await tab.goto(posBrowserUrl(h.pos.url, h.proxy.url, code));
  await tab.getByTestId('header-where').waitFor();
  return { context: opened, page: tab };
}

async function signIn(tab: Page): Promise<void> {
  await tab.getByTestId('staff-pin').fill(fullWidth(MANAGER_PIN));
  await tab.getByTestId('staff-sign-in').click();
  await tab.getByTestId('staff-current').waitFor();
}

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await buildScreensWorld(h.server);
  ({ page } = await openPos(world.terminal.id));
  await waitUntilSynced(page);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('the counter screens', () => {
  it('asks for the manager PIN naming the action (开班), and takes a full-width float and PIN', async () => {
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('shift-float').fill(fullWidth('150.5'));
    expect(await page.getByTestId('shift-float').inputValue()).toBe('150.5');
    await page.getByTestId('shift-open').click();
    const prompt = page.getByTestId('pin-prompt');
    await prompt.waitFor();
    const text = (await prompt.textContent()) ?? '';
    expect(text).toContain('开班需要店长 PIN 授权');
    expect(text).toContain('店长 PIN');
    expect(text).not.toContain('交班');
    expect(text).not.toContain('密码');
    await screenshot(page, 'screens-pin-shift-open');
    await approve(page, fullWidth(MANAGER_PIN));
    await page.getByTestId('report-X').waitFor();
    expect(await page.getByTestId('report-expected').textContent()).toBe('￥150.50');
  });

  it('shows the catalog by category as tiles before anything is typed', async () => {
    await page.getByTestId('nav-sell').click();
    await signIn(page);
    await expect.poll(() => page.getByTestId('catalog-tab').allTextContents()).toEqual(['热菜', '饮品']);
    await expect.poll(() => page.getByTestId('catalog-tile').count()).toBe(3);
    expect((await page.getByTestId('catalog-tile').allTextContents()).map((t) => t.trim())).toEqual(['宫保鸡丁￥38.00', '米饭￥3.00', '鱼香肉丝￥32.00']);
    await page.getByTestId('catalog-tab').filter({ hasText: '饮品' }).click();
    await expect.poll(() => page.getByTestId('catalog-tile').allTextContents()).toEqual(['可口可乐 330ml￥5.00']);
    await page.getByTestId('catalog-tile').click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    // Search stays: typing replaces the tiles with results.
    await page.getByTestId('catalog-search').fill('gbjd');
    await page.getByTestId('catalog-item').first().waitFor();
    expect(await page.getByTestId('catalog-tiles').count()).toBe(0);
    await page.getByTestId('catalog-search').press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
    await page.getByTestId('catalog-tiles').waitFor();
    await screenshot(page, 'screens-sell-tiles');
  });

  it('keeps the bill being rung up, voucher and member included, across a reload', async () => {
    // A voucher code and a phone typed with a Chinese IME.
    await page.getByTestId('bill-voucher').fill(fullWidth(formatVoucherCode(world.vouchers[0]!.code)));
    await page.getByTestId('bill-voucher-apply').click();
    await page.getByTestId('bill-voucher-item').waitFor();
    await page.getByTestId('member-phone').fill(fullWidth('13800138001'));
    expect(await page.getByTestId('member-phone').inputValue()).toBe('13800138001');
    await page.getByTestId('member-find').click();
    await page.getByTestId('member-name').fill('李女士');
    await page.getByTestId('member-enrol').click();
    await page.getByTestId('member-card').waitFor();
    await page.getByTestId('table-no').fill(fullWidth('12'));
    const due = await page.getByTestId('due').textContent();
    await expect.poll(async () => (await storedRows<{ key: string }>(page, 'settings')).some((r) => r.key === 'openBill')).toBe(true);

    await page.reload();
    await page.getByTestId('bill-restored').waitFor();
    expect(await page.getByTestId('cart-line').allTextContents()).toHaveLength(2);
    expect(await page.getByTestId('bill-voucher-item').count()).toBe(1);
    expect(await page.getByTestId('member-card').textContent()).toContain('李女士');
    expect(await page.getByTestId('table-no').inputValue()).toBe('12');
    expect(await page.getByTestId('due').textContent()).toBe(due);
    await screenshot(page, 'screens-bill-restored');

    // Paid and done: the next start has no bill to restore.
    await signIn(page);
    await page.getByTestId('checkout').click();
    await page.getByTestId('tender-amount').fill(fullWidth('100'));
    await page.getByTestId('tender-add').click();
    await page.getByTestId('payment-confirm').click();
    await page.getByTestId('sale-done').waitFor();
    await expect.poll(async () => (await storedRows<{ key: string }>(page, 'settings')).some((r) => r.key === 'openBill')).toBe(false);
    await page.reload();
    await page.getByTestId('header-where').waitFor();
    await page.getByTestId('nav-sell').click();
    await page.getByTestId('catalog-tiles').waitFor();
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    expect(await page.getByTestId('bill-restored').count()).toBe(0);
  });

  it('keeps the bill when the browser is killed and started again (a power cut)', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'hexiao-e2e-profile-'));
    const launch = () =>
      chromium.launchPersistentContext(profile, { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    try {
      let persistent = await launch();
      let tab = persistent.pages()[0] ?? (await persistent.newPage());
      const { code } = await mintPairingCode(h.server.db, world.second.id);
      await tab.goto(posBrowserUrl(h.pos.url, h.proxy.url, code));
      await tab.getByTestId('header-where').waitFor();
      await waitUntilSynced(tab);
      await tab.getByTestId('nav-sell').click();
      await tab.getByTestId('catalog-tile').first().click();
      await tab.getByTestId('catalog-tile').first().click();
      await tab.getByTestId('bill-voucher').fill(world.vouchers[1]!.code);
      await tab.getByTestId('bill-voucher-apply').click();
      await tab.getByTestId('bill-voucher-item').waitFor();
      await expect.poll(async () => (await storedRows<{ key: string; value: { vouchers: unknown[] } }>(tab, 'settings')).find((r) => r.key === 'openBill')?.value.vouchers.length).toBe(1);
      await persistent.close();

      persistent = await launch();
      tab = persistent.pages()[0] ?? (await persistent.newPage());
      await tab.goto(h.pos.url);
      await tab.getByTestId('bill-restored').waitFor();
      expect(await tab.getByTestId('cart-line').count()).toBe(1);
      expect(await tab.getByTestId('cart-line').textContent()).toContain('2');
      expect(await tab.getByTestId('bill-voucher-item').count()).toBe(1);
      await persistent.close();
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('sounds one tone for an accepted code and another for a refused one, until turned off in settings', async () => {
    await page.getByTestId('nav-redeem').click();
    // The reload above signed the cashier out: 核销 asks for a sign-in before any code.
    await page.getByTestId('redeem-sign-in-first').waitFor();
    await signIn(page);
    const before = (await tonesHeard(page)).length;
    await page.getByTestId('code-input').fill(fullWidth(formatVoucherCode(world.vouchers[2]!.code)));
    await page.keyboard.press('Enter');
    await page.getByTestId('preview').waitFor();
    expect((await tonesHeard(page)).slice(before)).toEqual([ACCEPTED_HZ]);
    await page.keyboard.press('Escape');
    await page.getByTestId('code-input').fill('1234 5678 9012');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await tonesHeard(page)).slice(before)).toEqual([ACCEPTED_HZ, REFUSED_HZ, 180]);

    await page.getByTestId('open-settings').click();
    await page.getByTestId('scan-sound-off').click();
    await page.getByTestId('close-settings').click();
    await page.reload();
    await page.getByTestId('header-where').waitFor();
    await page.getByTestId('open-settings').click();
    expect(await page.getByTestId('scan-sound-off').getAttribute('class')).toContain('chosen');
    await page.getByTestId('close-settings').click();
    // A reload signs the cashier out again.
    await page.getByTestId('redeem-sign-in-first').waitFor();
    await signIn(page);
    await page.getByTestId('code-input').fill('1234 5678 9012');
    await page.keyboard.press('Enter');
    await page.getByTestId('outcome-reason').waitFor();
    expect(await tonesHeard(page)).toEqual([]);
    await page.getByTestId('open-settings').click();
    await page.getByTestId('scan-sound-on').click();
    await page.getByTestId('close-settings').click();
  });

  it('says when, where and by whom an exhausted voucher was used: online from the server, offline from this terminal', async () => {
    await page.getByTestId('nav-redeem').click();
    await page.keyboard.press('Escape');
    const code = world.vouchers[3]!.code;
    await lookUpAndConfirm(page, code);
    await page.getByTestId('outcome-success').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('code-input').fill(formatVoucherCode(code));
    await page.keyboard.press('Enter');
    await page.getByTestId('outcome-refused').waitFor();
    expect(await page.getByTestId('outcome-reason').textContent()).toContain('已用完');
    const uses = page.getByTestId('last-use');
    expect(await uses.count()).toBe(1);
    expect(await uses.first().textContent()).toContain('徐汇店 · 徐汇店 1 号机');
    expect(await page.getByTestId('last-uses').textContent()).toContain('最近使用记录');
    await screenshot(page, 'screens-last-uses-online');

    h.proxy.set('cut');
    await page.keyboard.press('Escape');
    await page.getByTestId('code-input').fill(formatVoucherCode(code));
    await page.keyboard.press('Enter');
    await page.getByTestId('outcome-refused').waitFor();
    await expect.poll(() => page.getByTestId('last-uses').textContent()).toContain('本机记录的使用');
    expect(await page.getByTestId('last-use').first().textContent()).toContain('徐汇店 · 徐汇店 1 号机');
    await screenshot(page, 'screens-last-uses-offline');
    h.proxy.set('open');
  });
});
