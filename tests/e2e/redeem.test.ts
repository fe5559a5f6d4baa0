import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVoucherCode } from '../../core/voucher-code';
import { signInAtCounter } from './counter-steps';
import { countRequestsTo, screenshot, startPosHarness, type PosHarness } from './pos-harness';

let h: PosHarness;
let page: Page;

beforeAll(async () => {
  h = await startPosHarness();
  page = await h.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

function twoUseVoucherHere(): string {
  const demo = h.server.demo!;
  const voucher = demo.vouchers.find((v) => v.uses === 2 && v.remaining === 2 && v.storeNames.includes(demo.store.name));
  if (!voucher) throw new Error('the demo data has no unused 2-use voucher for the paired store');
  return voucher.code;
}

/** A single wrong digit, which the Damm check digit always catches. */
function withTypo(code: string): string {
  const last = Number(code[5]);
  return `${code.slice(0, 5)}${(last + 1) % 10}${code.slice(6)}`;
}

async function typeCode(text: string): Promise<void> {
  const field = page.getByTestId('code-input');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('voucher-code');
  await field.fill('');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('POS redemption in Chromium against the real server', () => {
  it('pairs from the launch address and then drops the pairing code from it', async () => {
    await page.goto(h.launchUrl());
    await expect.poll(() => page.getByTestId('header-where').textContent()).toContain(h.server.demo!.terminal.name);
    expect(await page.getByTestId('header-where').textContent()).toContain(h.server.demo!.store.name);
    expect(page.url()).not.toContain('pair=');
    expect(page.url()).not.toContain('server=');
    await expect.poll(() => page.getByTestId('connectivity').textContent()).toContain('在线');
    await screenshot(page, '01-ready');
  });

  it('asks for a cashier’s sign-in before anything can be redeemed, like 收银 does', async () => {
    await page.getByTestId('redeem-sign-in-first').waitFor();
    expect(await page.getByTestId('redeem-sign-in-first').textContent()).toContain('请先登录收银员');
    expect(await page.getByTestId('code-input').count()).toBe(0);
    await screenshot(page, '01-sign-in-first');
    // The demo cashier 小王.
    await signInAtCounter(page, '1234');
    expect(await page.getByTestId('staff-current').textContent()).toContain('小王');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('voucher-code');
  });

  it('previews a spaced code, redeems 2 uses and shows success', async () => {
    const code = twoUseVoucherHere();
    await typeCode(formatVoucherCode(code));
    await page.getByTestId('preview').waitFor();
    expect(await page.getByTestId('preview-title').textContent()).toContain('双人套餐');
    expect(await page.getByTestId('preview-remaining').textContent()).toContain('2 / 共 2 次');
    expect(await page.getByTestId('preview-face-value').textContent()).toBe('￥168.00');
    expect(await page.getByTestId('preview-code').textContent()).toBe(`**** **** ${code.slice(-4)}`);
    expect(await page.getByTestId('count-value').textContent()).toBe('1');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    expect(await page.getByTestId('count-value').textContent()).toBe('2');
    await screenshot(page, '02-preview');
    // The smallest window the Electron shell allows.
    await page.setViewportSize({ width: 1024, height: 680 });
    await screenshot(page, '02-preview-1024');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.keyboard.press('Enter');
    await page.getByTestId('outcome-success').waitFor();
    const detail = await page.getByTestId('outcome-detail').textContent();
    expect(detail).toContain('已核销 2 次');
    expect(detail).toContain('剩余 0 次');
    await expect.poll(() => page.getByTestId('recent-item').count()).toBe(1);
    expect(await page.getByTestId('recent-item').first().textContent()).toContain('成功');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('voucher-code');
    await screenshot(page, '03-success');
  });

  it('refuses the same code again with its reason and 0 remaining', async () => {
    const code = twoUseVoucherHere();
    await typeCode(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
    await page.getByTestId('outcome-refused').waitFor();
    expect(await page.getByTestId('outcome-reason').textContent()).toBe('券已用完');
    expect(await page.getByTestId('outcome-remaining').textContent()).toContain('剩余 0 次');
    expect(await page.getByTestId('preview-remaining').textContent()).toContain('0 / 共 2 次');
    await screenshot(page, '04-refused');
  });

  it('refuses a typo before any network call', async () => {
    const requests = countRequestsTo(page, `${h.server.url}/api/v1/vouchers/`);
    await typeCode(formatVoucherCode(withTypo(twoUseVoucherHere())));
    await page.getByTestId('outcome-inputError').waitFor();
    expect(await page.getByTestId('outcome-reason').textContent()).toContain('校验位');
    expect(requests()).toBe(0);
    await screenshot(page, '05-typo');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('code-input').inputValue()).toBe('');
  });

  it('switches to English and keeps it after a reload', async () => {
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('header-where').textContent()).toContain('Store');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('connectivity').textContent()).toContain('Online');
    await typeCode(twoUseVoucherHere());
    await page.getByTestId('outcome-refused').waitFor();
    expect(await page.getByTestId('outcome-reason').textContent()).toBe('The voucher is used up');
    await screenshot(page, '06-english');

    await page.reload();
    // A reload signs the cashier out: the screen asks again before any redemption.
    await page.getByTestId('redeem-sign-in-first').waitFor();
    await expect.poll(() => page.getByTestId('recent').textContent()).toContain('Recent redemptions');
    await expect.poll(() => page.getByTestId('recent-item').count()).toBe(1);
  });

  it('left exactly one ledger row on the server', async () => {
    const code = twoUseVoucherHere();
    const rows = await h.server.db.kysely
      .selectFrom('redemptions as r')
      .innerJoin('vouchers as v', (j) => j.onRef('v.merchant_id', '=', 'r.merchant_id').onRef('v.id', '=', 'r.voucher_id'))
      .select(['v.code', 'r.count', 'r.remaining_after', 'r.terminal_id', 'r.outcome', 'v.redeemed'])
      .execute();
    expect(rows).toEqual([
      { code, count: 2, remaining_after: 0, terminal_id: h.server.demo!.terminal.id, outcome: 'accepted', redeemed: 2 },
    ]);
    // Who redeemed it: the cashier who signed in.
    const [row] = await h.server.db.kysely.selectFrom('redemptions').select('cashier_id').execute();
    expect(row?.cashier_id).toBe(h.server.demo!.counterUsers?.find((u) => u.name === '小王' && u.storeName === h.server.demo!.store.name)?.userId);
  });

  it('shows a redemption the server holds as a conflict as a conflict, never as success', async () => {
    // Signed out by the reload above: sign in again (the screen is in English now).
    await signInAtCounter(page, '1234');
    const demo = h.server.demo!;
    const voucher = demo.vouchers.find((v) => v.uses === 1 && v.remaining === 1 && v.storeNames.includes(demo.store.name));
    if (!voucher) throw new Error('the demo data has no unused 1-use voucher for the paired store');
    // While this terminal's request is on its way, the same id reaches the server first from its
    // offline queue, after the voucher was spent: the server records that as a conflict.
    await page.route('**/api/v1/vouchers/redeem', async (route) => {
      const request = route.request();
      const body = request.postDataJSON() as { redemptionId: string; code: string; count: number; cashierId: string; deviceTime: string };
      const headers = { 'content-type': 'application/json', authorization: request.headers()['authorization'] ?? '' };
      const api = `${h.server.url}/api/v1`;
      await fetch(`${api}/vouchers/redeem`, { method: 'POST', headers, body: JSON.stringify({ ...body, redemptionId: crypto.randomUUID() }) });
      const args = { redemptionId: body.redemptionId, code: body.code, count: body.count, cashierId: body.cashierId, basis: 'provisional', leaseId: null, approval: null };
      const pushed = await fetch(`${api}/sync/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ deviceId: demo.terminal.id, entries: [{ seq: 1, clientId: crypto.randomUUID(), intent: 'voucher.redeem@1', args, deviceTime: body.deviceTime }] }),
      });
      expect(((await pushed.json()) as { results: { status: string }[] }).results[0]?.status).toBe('conflict');
      await route.continue();
    });
    await typeCode(voucher.code);
    await page.getByTestId('preview').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('outcome-conflict').waitFor();
    await page.unroute('**/api/v1/vouchers/redeem');
    expect(await page.getByTestId('outcome-conflict').textContent()).toContain('Redemption in conflict');
    expect(await page.getByTestId('outcome-reason').textContent()).toContain('no use was taken');
    expect(await page.getByTestId('outcome-success').count()).toBe(0);
    await expect.poll(async () => (await page.getByTestId('recent-item').first().textContent()) ?? '').toContain('Conflict');
    await screenshot(page, '07-conflict');
  });
});
