import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatVoucherCode, maskCode } from '../../core/voucher-code';
import { generateQrSigningKey, signVoucherQr } from '../../core/voucher-qr';
import { decodeEscPos, printedText } from '../support/escpos/escpos-decoder';
import { signInAtCounter } from './counter-steps';
import { screenshot, startHardwareHarness, typeAsKeyboard, type HardwareHarness } from './hardware-harness';

let h: HardwareHarness;
let page: Page;

beforeAll(async () => {
  h = await startHardwareHarness();
  page = await h.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
}, 180_000);

afterAll(async () => {
  await h?.close();
});

// A failing step leaves a picture of the screen behind, named after the test.
afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) await screenshot(page, `hw-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

const used = new Set<string>();
function voucherHere(uses: number): { code: string; campaignTitle: string } {
  const demo = h.server.demo!;
  const voucher = demo.vouchers.find((v) => v.uses === uses && v.remaining === uses && v.storeNames.includes(demo.store.name) && !used.has(v.code));
  if (!voucher) throw new Error(`no unused ${uses}-use demo voucher left for the paired store`);
  used.add(voucher.code);
  return voucher;
}

/** The printed lines of the `index`-th job (0-based), trimmed at the end as the paper shows them. */
async function printedJob(index: number): Promise<string[]> {
  const jobs = await h.printer.waitForJobs(index + 1);
  return printedText(decodeEscPos(jobs[index]!)).map((line) => line.trimEnd());
}

/** The element's text now, '' while it is not there (so a poll keeps polling). */
async function statusText(testId: string): Promise<string> {
  const found = page.getByTestId(testId);
  return (await found.count()) > 0 ? ((await found.first().textContent()) ?? '').trim() : '';
}

describe('printers and scanners through the hardware bridge, in Chromium', { timeout: 60_000 }, () => {
  it('sets up a TCP printer and a serial scanner from the settings screen; the bridge restarts with them', async () => {
    await page.goto(h.launchUrl());
    await expect.poll(() => page.getByTestId('header-where').textContent()).toContain(h.server.demo!.terminal.name);
    expect(page.url()).not.toContain('bridgeToken=');
    await expect.poll(() => statusText('printer-chip')).toContain('未配置');

    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings').waitFor();
    await expect.poll(() => statusText('status-link')).toBe('已连接');
    await page.getByTestId('printer-kind-tcp').click();
    await page.getByTestId('printer-host').fill('127.0.0.1');
    await page.getByTestId('printer-port').fill('not a port');
    await page.getByTestId('save-settings').click();
    await expect.poll(() => statusText('save-result')).toContain('端口');

    await page.getByTestId('printer-port').fill(String(h.printerPort));
    await page.getByTestId('paper-80mm').click();
    await page.getByTestId('scanner-kind-serial').click();
    await page.getByTestId('scanner-path').fill(h.scanner.device);
    await page.getByTestId('save-settings').click();
    // The bridge process restarts with the new devices: seconds on a busy machine.
    await expect.poll(() => statusText('save-result'), { timeout: 60_000 }).toContain('已保存');
    await expect.poll(() => statusText('status-printer'), { timeout: 20_000 }).toBe('在线');
    await expect.poll(() => statusText('status-scanner'), { timeout: 20_000 }).toContain('已连接');
    await expect.poll(() => statusText('printer-chip')).toContain('在线');
  }, 150_000);

  it('prints a test page that matches the on-screen preview line for line', async () => {
    await page.getByTestId('test-print').click();
    await expect.poll(() => statusText('status-feedback')).toContain('测试页已送出');
    const printed = await printedJob(0);
    expect(printed.map((l) => l.trim())).toContain('打印测试');

    await page.getByTestId('preview-testPage').click();
    const shown = (await page.getByTestId('receipt-line').allTextContents()).map((l) => l.trimEnd());
    // Only the time differs: the preview was drawn when the screen opened.
    // A graphic ends with a line feed, which the decoder reads as an empty line.
    const withoutTime = (lines: string[]) => lines.filter((l) => l !== '' && !/^时间 /.test(l));
    expect(withoutTime(shown)).toEqual(withoutTime(printed));
    expect(shown.every((l) => l.length > 0)).toBe(true);
    await expect.poll(() => statusText('status-feedback')).toContain('已发送到打印机');
  });

  it('previews the 核销凭证 on 80 mm and 58 mm paper, in Chinese and in English', async () => {
    await page.getByTestId('preview-slip').click();
    const slipLines = async () => (await page.getByTestId('receipt-line').allTextContents()).map((l) => l.trimEnd());
    const zh80 = await slipLines();
    expect(zh80.map((l) => l.trim())).toEqual(expect.arrayContaining(['核销凭证', '顾客联']));
    expect(zh80.some((l) => /^券码 +\*\*\*\* \*\*\*\* 9018$/.test(l))).toBe(true);
    expect(zh80.find((l) => l.startsWith('='))).toHaveLength(48);
    expect(await page.getByTestId('receipt-qr').count()).toBe(1);
    await screenshot(page, 'hw-01-settings-80mm');
    // The smallest window the Electron shell allows.
    await page.setViewportSize({ width: 1024, height: 680 });
    await screenshot(page, 'hw-01-settings-80mm-1024');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByTestId('paper-58mm').click();
    const zh58 = await slipLines();
    expect(zh58.find((l) => l.startsWith('='))).toHaveLength(32);
    await screenshot(page, 'hw-02-settings-58mm');

    await page.getByTestId('language-en').click();
    await expect.poll(async () => (await slipLines()).map((l) => l.trim())).toContain('Customer copy');
    await screenshot(page, 'hw-03-settings-en');
    await page.getByTestId('language-zh-CN').click();
    await page.getByTestId('paper-80mm').click();
  });

  it('shows a scan in settings without redeeming it, then redeems a scan from the pty after the cashier confirms and prints the slip', async () => {
    await h.scan('6901234567892');
    await expect.poll(() => statusText('last-scan')).toContain('6901234567892');
    expect(await page.getByTestId('settings').count()).toBe(1);
    expect(await page.getByTestId('scan-notice').count()).toBe(0);
    await page.getByTestId('close-settings').click();
    // 核销 names who redeems: the demo cashier 小王 signs in first.
    await page.getByTestId('redeem-sign-in-first').waitFor();
    await signInAtCounter(page, '1234');
    await page.getByTestId('ready').waitFor();

    const voucher = voucherHere(2);
    await h.scan(voucher.code);
    await page.getByTestId('preview').waitFor();
    expect(await page.getByTestId('preview-code').textContent()).toBe(maskCode(voucher.code));
    expect(h.printer.jobs()).toHaveLength(1);
    await page.keyboard.press('Enter');
    await page.getByTestId('outcome-success').waitFor();
    await expect.poll(() => statusText('slip-status'), { timeout: 15_000 }).toContain('核销凭证已发送到打印机');
    await screenshot(page, 'hw-04-success-slip-printed');

    const slip = await printedJob(1);
    const trimmed = slip.map((l) => l.trim());
    expect(trimmed).toContain('核销凭证');
    expect(slip.find((l) => l.startsWith('活动'))).toContain(voucher.campaignTitle);
    expect(slip).toContainEqual(expect.stringMatching(new RegExp(`^券码 +\\*\\*\\*\\* \\*\\*\\*\\* ${voucher.code.slice(-4)}$`)));
    expect(slip).toContainEqual(expect.stringMatching(/^核销次数 +1$/));
    expect(slip).toContainEqual(expect.stringMatching(/^剩余次数 +1$/));
    expect(slip).toContainEqual(expect.stringMatching(new RegExp(`^门店 +${h.server.demo!.store.name}$`)));
    expect(slip).toContainEqual(expect.stringMatching(/^收银员 +小王$/));
    expect(slip.join('\n')).not.toContain(voucher.code);
    expect(slip.every((l) => l.length <= 48)).toBe(true);
  });

  it('reprints a slip from the recent list, marked as a reprint', async () => {
    await page.getByTestId('reprint').first().click();
    const reprint = await printedJob(2);
    expect(reprint.map((l) => l.trim())).toContain('** 重印 **');
    expect(reprint).toContainEqual(expect.stringMatching(/^收银员 +小王$/));
    await expect.poll(() => page.getByTestId('slip-state').first().textContent()).toContain('已发送到打印机');
    await screenshot(page, 'hw-05-recent-reprinted');
  });

  it('keeps the cashier going while the printer is out of paper, and prints the slip once paper is back', async () => {
    h.printer.simulator.set({ paper: 'end' });
    const voucher = voucherHere(1);
    await page.getByTestId('code-input').fill('');
    await page.keyboard.type(formatVoucherCode(voucher.code));
    await page.keyboard.press('Enter');
    await page.getByTestId('preview').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('outcome-success').waitFor();
    await expect.poll(() => statusText('slip-status'), { timeout: 15_000 }).toContain('缺纸');
    await expect.poll(() => statusText('printer-chip')).toContain('缺纸');
    await screenshot(page, 'hw-06-paper-out');

    // The next voucher can be looked up while the slip waits.
    const next = voucherHere(2);
    await page.keyboard.type(formatVoucherCode(next.code));
    await page.keyboard.press('Enter');
    await page.getByTestId('preview').waitFor();
    await page.keyboard.press('Escape');
    expect(h.printer.jobs()).toHaveLength(3);

    h.printer.simulator.set({ paper: 'ok' });
    const slip = await printedJob(3);
    expect(slip.find((l) => l.startsWith('活动'))).toContain(voucher.campaignTitle);
    await expect.poll(() => page.getByTestId('slip-state').first().textContent(), { timeout: 40_000 }).toContain('已发送到打印机');
  });

  it('routes keyboard-wedge bursts by kind: a product code to a notice, a voucher QR to the preview', async () => {
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await typeAsKeyboard(page, '6901234567892', 5);
    await expect.poll(() => page.getByTestId('scan-notice').last().textContent()).toContain('已扫描商品条码 6901234567892');
    expect(await page.getByTestId('code-input').inputValue()).toBe('');
    await screenshot(page, 'hw-07-product-notice');

    // Typed slowly, like a person, the same digits stay in the code field, which explains the mistake.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await typeAsKeyboard(page, '6901234567892', 120);
    await page.getByTestId('outcome-inputError').waitFor();

    const voucher = voucherHere(2);
    const { signingKey } = generateQrSigningKey('e2e', (n) => randomBytes(n));
    const token = signVoucherQr(
      { voucherId: 'v-e2e', merchantId: h.server.demo!.merchant.id, code: voucher.code, expiresAt: Math.floor(Date.now() / 1000) + 3600, uses: 2 },
      signingKey,
    );
    if (!token.ok) throw new Error(token.message);
    await page.keyboard.press('Escape');
    await typeAsKeyboard(page, token.value, 4);
    await page.getByTestId('preview').waitFor();
    expect(await page.getByTestId('preview-code').textContent()).toBe(maskCode(voucher.code));
    expect(await page.getByTestId('code-input').inputValue()).toBe('');
    await page.keyboard.press('Escape');
  });
});
