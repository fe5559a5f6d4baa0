import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVoucherCode } from '../../core/voucher-code';
import { posBrowserUrl } from '../../build/launcher/pos-url';
import { mintPairingCode } from '../../server/repositories/pairing-repository';
import { MANAGER_PIN } from '../property/support/sync-world';
import { approve } from './counter-steps';
import { lookUpAndConfirm, startOfflineHarness, waitUntilSynced, type OfflineHarness } from './offline-harness';
import { screenshot } from './pos-harness';
import { buildScreensWorld, measureLayout } from './screens-support';

// Every screen fits the counter's screens (1024×768 up) in both languages, with what a real shift
// puts on it: no horizontal scroll, nothing past the right edge. Screenshots: test-results/e2e/fit-*.png.
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
] as const;
const LANGUAGES = ['zh-CN', 'en'] as const;

let h: OfflineHarness;
let world: Awaited<ReturnType<typeof buildScreensWorld>>;
let page: Page;

const SCREENS: Record<string, (tab: Page) => Promise<void>> = {
  redeem: async (tab) => {
    await tab.getByTestId('nav-redeem').click();
    await tab.keyboard.press('Escape');
    await tab.getByTestId('code-input').fill(formatVoucherCode(world.vouchers[1]!.code));
    await tab.keyboard.press('Enter');
    await tab.getByTestId('preview').waitFor();
  },
  sell: async (tab) => {
    await tab.getByTestId('nav-sell').click();
    await tab.getByTestId('cart-line').first().waitFor();
  },
  'redeem-refused': async (tab) => {
    await tab.getByTestId('nav-redeem').click();
    await tab.keyboard.press('Escape');
    await tab.getByTestId('code-input').fill(formatVoucherCode(world.vouchers[3]!.code));
    await tab.keyboard.press('Enter');
    await tab.getByTestId('last-uses').waitFor();
  },
  members: async (tab) => {
    await tab.getByTestId('nav-members').click();
    await tab.getByTestId('members-phone').fill('13800138001');
    await tab.getByTestId('members-find').click();
    await tab.getByTestId('members-screen').getByTestId('member-card').waitFor();
  },
  shift: async (tab) => {
    await tab.getByTestId('nav-shift').click();
    await tab.getByTestId('count-10000').waitFor();
  },
  settings: async (tab) => {
    await tab.getByTestId('open-settings').click();
    await tab.getByTestId('settings').waitFor();
  },
};

async function leave(tab: Page, screen: string): Promise<void> {
  if (screen === 'settings') await tab.getByTestId('close-settings').click();
}

/** Measures the screen at every size in one language; returns what did not fit. */
async function sweep(tab: Page, screen: string, language: string, show: (tab: Page) => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SIZES) {
    await tab.setViewportSize(size);
    await show(tab);
    // Let a resize-driven layout (virtual lists, media queries) settle before measuring.
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const measured = await measureLayout(tab);
    await screenshot(tab, `fit-${screen}-${size.width}x${size.height}-${language}`);
    if (measured.scrollWidth > measured.viewport || measured.over.length > 0) {
      problems.push(`${screen} ${size.width}×${size.height} ${language}: scrollWidth ${measured.scrollWidth}; ${measured.over.join(', ')}`);
    }
    await leave(tab, screen);
  }
  return problems;
}

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await buildScreensWorld(h.server);
  const context = await h.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const { code } = await mintPairingCode(h.server.db, world.terminal.id);
  await page.goto(posBrowserUrl(h.pos.url, h.proxy.url, code));
  await page.getByTestId('header-where').waitFor();
  await waitUntilSynced(page);
  // A shift open, a full bill with a voucher and a member, a voucher on the redeem screen.
  await page.getByTestId('nav-shift').click();
  await page.getByTestId('shift-open').click();
  await approve(page);
  await page.getByTestId('nav-sell').click();
  await page.getByTestId('staff-pin').fill(MANAGER_PIN);
  await page.getByTestId('staff-sign-in').click();
  await page.getByTestId('staff-current').waitFor();
  for (let i = 0; i < 3; i += 1) await page.getByTestId('catalog-tile').nth(i).click();
  await page.getByTestId('bill-voucher').fill(world.vouchers[0]!.code);
  await page.getByTestId('bill-voucher-apply').click();
  await page.getByTestId('bill-voucher-item').waitFor();
  await page.getByTestId('member-phone').fill('13800138001');
  await page.getByTestId('member-find').click();
  await page.getByTestId('member-name').fill('李女士');
  await page.getByTestId('member-enrol').click();
  await page.getByTestId('member-card').waitFor();
  await page.getByTestId('nav-redeem').click();
  await lookUpAndConfirm(page, world.vouchers[3]!.code);
  await page.getByTestId('outcome-success').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('code-input').fill(formatVoucherCode(world.vouchers[1]!.code));
  await page.keyboard.press('Enter');
  await page.getByTestId('preview').waitFor();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('every screen fits 1024×768, 1280×800 and 1366×768 in Chinese and English', () => {
  it('the counter screens (redeem, a refusal with last uses, sell, members, shift, settings)', async () => {
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      await page.getByTestId(`language-${language}`).click();
      for (const [screen, show] of Object.entries(SCREENS)) problems.push(...(await sweep(page, screen, language, show)));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('the sync state: offline, a redemption waiting to sync', async () => {
    await page.setViewportSize(SIZES[0]);
    await page.getByTestId('language-zh-CN').click();
    h.proxy.set('cut');
    await page.getByTestId('nav-redeem').click();
    await page.keyboard.press('Escape');
    await lookUpAndConfirm(page, world.vouchers[2]!.code);
    await page.getByTestId('sync-pending').waitFor({ timeout: 20_000 });
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      await page.getByTestId(`language-${language}`).click();
      problems.push(...(await sweep(page, 'sync', language, async (tab) => tab.getByTestId('sync-pending').waitFor())));
    }
    h.proxy.set('open');
    expect(problems).toEqual([]);
  }, 120_000);

  it('the pairing screen of a terminal not paired yet', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
    const fresh = await context.newPage();
    await fresh.goto(h.pos.url);
    await fresh.getByTestId('pairing-form').waitFor();
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      await fresh.getByTestId(`language-${language}`).click();
      problems.push(...(await sweep(fresh, 'pairing', language, async (tab) => tab.getByTestId('pairing-form').waitFor())));
    }
    await context.close();
    expect(problems).toEqual([]);
  });
});
