import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos, printedText } from '../support/escpos/escpos-decoder';
import { TcpTestPrinter } from '../support/escpos/tcp-test-printer';
import { screenshot, startHardwareHarness, type HardwareHarness } from './hardware-harness';

// A print server that takes bytes and never answers DLE EOT, set up from the settings screen.

let h: HardwareHarness;
let page: Page;
const silent = new TcpTestPrinter({ answers: false });
let silentPort = 0;

beforeAll(async () => {
  silentPort = await silent.start();
  h = await startHardwareHarness();
  page = await h.browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
}, 180_000);

afterAll(async () => {
  await h?.close();
  await silent.stop();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) await screenshot(page, `hw-silent-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

async function statusText(testId: string): Promise<string> {
  const found = page.getByTestId(testId);
  return (await found.count()) > 0 ? ((await found.first().textContent()) ?? '').trim() : '';
}

async function testPrint(): Promise<void> {
  await page.getByTestId('test-print').click();
  await expect.poll(() => statusText('status-feedback'), { timeout: 20_000 }).toContain('已发送到打印机');
}

describe('a printer that never answers status queries, in Chromium', { timeout: 120_000 }, () => {
  it('is shown as "does not answer" rather than offline, and prints the test page once', async () => {
    await page.goto(h.launchUrl());
    await expect.poll(() => page.getByTestId('header-where').textContent()).toContain(h.server.demo!.terminal.name);
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings').waitFor();
    await page.getByTestId('printer-kind-tcp').click();
    await page.getByTestId('printer-host').fill('127.0.0.1');
    await page.getByTestId('printer-port').fill(String(silentPort));
    expect(await page.getByTestId('printer-status-queries').isChecked()).toBe(true);
    await page.getByTestId('save-settings').click();
    await expect.poll(() => statusText('save-result'), { timeout: 60_000 }).toContain('已保存');

    await page.getByTestId('refresh-status').click();
    await expect.poll(() => statusText('status-queries'), { timeout: 20_000 }).toBe('打印机不应答');
    expect(await statusText('status-printer')).toBe('未知');
    expect(await statusText('printer-chip')).not.toContain('离线');
    await testPrint();
    await screenshot(page, 'hw-silent-01-no-reply');

    const [job] = await silent.waitForJobs(1);
    expect(printedText(decodeEscPos(job!)).map((l) => l.trim())).toContain('打印测试');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  });

  it('turns status queries off: the printer is never asked and the screen says so', async () => {
    await page.getByTestId('printer-status-queries').uncheck();
    await page.getByTestId('save-settings').click();
    await expect.poll(() => statusText('save-result'), { timeout: 60_000 }).toContain('已保存');
    await expect.poll(() => statusText('status-queries'), { timeout: 20_000 }).toBe('关');
    const before = silent.sessions.length;
    await testPrint();
    const jobs = await silent.waitForJobs(2);
    expect(decodeEscPos(jobs[1]!).statusRequests).toEqual([]);
    expect(silent.sessions.slice(before).every((s) => decodeEscPos(s).statusRequests.length === 0)).toBe(true);
    expect(silent.jobs()).toHaveLength(2);
    await screenshot(page, 'hw-silent-02-queries-off');
  });
});
