import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RedemptionTally } from '../../core/shift/redemption-tally';
import type { ShiftReport } from '../../core/shift/shift-report';
import { formatFen } from '../../core/money';
import { ApiClient } from '../support/server/api-client';
import { decodeEscPos, type DecodedLine } from '../support/escpos/escpos-decoder';
import { addBySearch, approve, signInAtCounter } from './counter-steps';
import { screenshot, startHardwareHarness, type HardwareHarness } from './hardware-harness';
import { lookUpAndConfirm, waitUntilSynced } from './offline-harness';

// Shift reports, reprints and print states at the counter: the demo server, the bridge, a TCP printer, Chromium at 1024×768.
const MANAGER_PIN = '8888';
const CASHIER_PIN = '1234';
let h: HardwareHarness;
let page: Page;
let owner: ApiClient;

beforeAll(async () => {
  h = await startHardwareHarness();
  page = await h.browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
  const login = h.server.demo!.backOffice!.find((u) => u.role === 'owner')!;
  const res = await new ApiClient(h.server).post<{ token: string }>('/merchant/login', { merchant: h.server.demo!.merchant.code, login: login.login, password: login.password });
  owner = new ApiClient(h.server, res.body.token);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) await screenshot(page, `reports-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

const text = async (testId: string, within: Page | Locator = page): Promise<string> => {
  const found = within.getByTestId(testId);
  return (await found.count()) > 0 ? ((await found.first().textContent()) ?? '').trim() : '';
};

function demoVoucher(title: RegExp): { code: string; campaignTitle: string } {
  const demo = h.server.demo!;
  const v = demo.vouchers.find((x) => title.test(x.campaignTitle) && x.remaining === x.uses && x.storeNames.includes(demo.store.name));
  if (!v) throw new Error(`no demo voucher for ${title}`);
  return v;
}

async function printedJob(index: number): Promise<DecodedLine[]> {
  const jobs = await h.printer.waitForJobs(index + 1);
  return decodeEscPos(jobs[index]!).lines;
}
const trimmed = (lines: DecodedLine[]) => lines.map((l) => l.text.trim());
const spaced = (l: string) => l.replace(/ {2,}/g, ' | ');

async function serverReport(): Promise<{ kind: string; report: ShiftReport; redemptions: RedemptionTally; shift: { countedFen: number | null } }> {
  const shift = await h.server.db.kysely.selectFrom('shifts').select('id').where('terminal_id', '=', h.server.demo!.terminal.id).orderBy('opened_at', 'desc').executeTakeFirstOrThrow();
  const res = await owner.get<{ kind: string; report: ShiftReport; redemptions: RedemptionTally; shift: { countedFen: number | null } }>(`/merchant/shifts/${shift.id}/report`);
  expect(res.status).toBe(200);
  return res.body;
}

async function bothLanguages(name: string): Promise<void> {
  await screenshot(page, `${name}-zh`);
  await page.getByTestId('language-en').click();
  await screenshot(page, `${name}-en`);
  await page.getByTestId('language-zh-CN').click();
}

const product = () => demoVoucher(/双人套餐/);

describe('shift reports, receipts and reprints at the counter', { timeout: 90_000 }, () => {
  it('opens a shift, redeems on 核销 and on a bill; with no printer the sale says nothing was printed', async () => {
    await page.goto(h.launchUrl());
    await page.getByTestId('header-where').waitFor();
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('shift-float').fill('200');
    await page.getByTestId('shift-open').click();
    await approve(page, MANAGER_PIN);
    await page.getByTestId('report-X').waitFor();

    // 核销 asks for a cashier's sign-in first; 收银 shares it, so the cashier who redeems also rings up the bill.
    await page.getByTestId('nav-redeem').click();
    await page.getByTestId('redeem-sign-in-first').waitFor();
    await signInAtCounter(page, CASHIER_PIN);
    await lookUpAndConfirm(page, product().code);
    await expect.poll(() => text('recent-status')).toBe('成功');

    await page.getByTestId('nav-sell').click();
    await expect.poll(() => text('staff-current')).toContain('小王');
    await addBySearch(page, 'gbjd');
    await addBySearch(page, 'gbjd');
    await page.getByTestId('bill-voucher').fill(demoVoucher(/50元代金券/).code);
    await page.getByTestId('bill-voucher-apply').click();
    await page.getByTestId('bill-voucher-item').waitFor();
    await page.getByTestId('checkout').click();
    await page.getByTestId('tender-amount').fill('30');
    await page.getByTestId('tender-add').click();
    await page.getByTestId('payment-confirm').click();
    await page.getByTestId('sale-done').waitFor();
    const state = page.getByTestId('sale-done').getByTestId('print-state');
    await expect.poll(() => state.getAttribute('data-state')).toBe('noPrinter');
    expect(await state.textContent()).toContain('未配置打印机');
    expect(await text('sale-done')).not.toContain('正在打印');
    expect(h.printer.jobs()).toHaveLength(0);
    await screenshot(page, 'reports-01-sale-no-printer');
  });

  it('a reversed redemption’s card says 已撤销 instead of 成功', async () => {
    await page.getByTestId('nav-redeem').click();
    const card = page.getByTestId('recent-item').filter({ hasText: product().campaignTitle });
    await card.getByTestId('recent-reverse').click();
    await approve(page, MANAGER_PIN);
    await expect.poll(() => text('recent-status', card)).toBe('已撤销');
    expect(await card.getAttribute('class')).toContain('reversed');
  });

  it('shows the X report the server computes: redemptions on 核销 and bills, by campaign, offline and reversed', async () => {
    await waitUntilSynced(page, 30_000);
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('report-X').waitFor();
    const server = await serverReport();
    expect(server.kind).toBe('X');
    expect(server.redemptions).toMatchObject({ redemptions: 2, offline: 1, reversed: 1 });
    await expect.poll(() => text('report-redemptions-count')).toBe(String(server.redemptions.redemptions));
    expect(await text('report-redemptions-offline')).toBe(String(server.redemptions.offline));
    expect(await text('report-redemptions-reversed')).toBe(String(server.redemptions.reversed));
    const campaigns = page.getByTestId('report-redemption-campaign');
    expect(await campaigns.count()).toBe(server.redemptions.byCampaign.length);
    for (const c of server.redemptions.byCampaign) {
      const row = page.locator(`[data-testid="report-redemption-campaign"][data-title="${c.title}"]`);
      expect((await row.locator('dd').textContent())?.trim()).toBe(c.reversed > 0 ? `${c.redemptions} (已撤销 ${c.reversed})` : String(c.redemptions));
    }
    expect(await text('report-sales-total')).toBe(formatFen(server.report.netSalesFen));
    expect(await text('report-expected')).toBe(formatFen(server.report.expectedCashFen));
    await bothLanguages('reports-02-shift-x');
  });

  it('sets up the printer, prints an X report that says mid-shift and counts nothing, and reprints a sale receipt', async () => {
    await page.getByTestId('open-settings').click();
    await page.getByTestId('printer-kind-tcp').click();
    await page.getByTestId('printer-host').fill('127.0.0.1');
    await page.getByTestId('printer-port').fill(String(h.printerPort));
    await page.getByTestId('paper-80mm').click();
    await page.getByTestId('save-settings').click();
    await expect.poll(() => text('save-result'), { timeout: 60_000 }).toContain('已保存');
    await expect.poll(() => text('status-printer'), { timeout: 20_000 }).toBe('在线');
    await page.getByTestId('close-settings').click();

    await page.getByTestId('nav-shift').click();
    await page.getByTestId('print-x').click();
    const x = trimmed(await printedJob(0));
    expect(x[0]).toBe('X 报表（班中）');
    expect(x).toContain('班次进行中，未清点现金');
    expect(x.map(spaced)).toEqual(expect.arrayContaining(['收银员 | 李店长', '核销笔数 | 2', '其中离线 | 1', '其中已撤销 | 1']));
    expect(x.some((l) => l.startsWith('打印时间'))).toBe(true);
    expect(x.join('\n')).not.toMatch(/交班报表|实点现金|差额|交班 /);
    await expect.poll(() => page.getByTestId('print-state').first().getAttribute('data-state')).toMatch(/sent|printed/);

    await page.getByTestId('shift-sale').first().getByTestId('reprint-sale').click();
    const receipt = trimmed(await printedJob(1));
    expect(receipt).toEqual(expect.arrayContaining(['销售小票', '** 重印 **']));
    await expect.poll(() => page.getByTestId('shift-sale').first().getByTestId('print-state').getAttribute('data-state')).toMatch(/sent|printed/);
  });

  it('reprints the reversed redemption’s slip with 已撤销 in double-size type', async () => {
    await page.getByTestId('nav-redeem').click();
    const card = page.getByTestId('recent-item').filter({ hasText: product().campaignTitle });
    await card.getByTestId('reprint').click();
    const slip = await printedJob(2);
    const marks = slip.filter((l) => l.text.trim() === '*** 已撤销 ***');
    expect(marks.length).toBe(2);
    expect(marks.every((l) => l.magnified)).toBe(true);
    expect(trimmed(slip)).toContain('** 重印 **');
    await bothLanguages('reports-03-recent-reversed');
  });

  it('closes with a count; the Z report prints the count, close time and cashier, and stays after a reload for a reprint', async () => {
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('count-10000').fill('2');
    await page.getByTestId('count-1000').fill('3');
    // The X report on screen counts nothing: the count being typed shows its difference beside it.
    await expect.poll(() => text('count-difference')).toBe('￥4.00');
    expect(await page.getByTestId('report-X').getByTestId('report-counted').count()).toBe(0);
    expect(await page.getByTestId('report-X').getByTestId('report-difference').count()).toBe(0);
    await page.getByTestId('shift-close').click();
    await approve(page, MANAGER_PIN);
    await page.getByTestId('report-Z').waitFor();
    const z = trimmed(await printedJob(3));
    expect(z[0]).toBe('Z 报表（交班）');
    expect(z.map(spaced)).toEqual(expect.arrayContaining(['收银员 | 李店长', '实点现金 | ￥230.00', '核销笔数 | 2']));
    expect(z.some((l) => /^交班 +\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(l))).toBe(true);
    await waitUntilSynced(page, 30_000);
    const server = await serverReport();
    expect(server.kind).toBe('Z');
    expect(server.shift.countedFen).toBe(23000);

    await page.reload();
    await page.getByTestId('header-where').waitFor();
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('past-shift').waitFor();
    expect(await text('report-counted')).toBe('￥230.00');
    expect(await text('report-redemptions-count')).toBe('2');
    expect(await page.getByTestId('history-shift').count()).toBe(1);
    expect(await page.getByTestId('past-sale').count()).toBe(1);
    await bothLanguages('reports-04-shift-history');
    await page.getByTestId('reprint-z').click();
    const again = trimmed(await printedJob(4));
    expect(again.slice(0, 2)).toEqual(['Z 报表（交班）', '** 重印 **']);
    expect(again.map(spaced)).toContain('实点现金 | ￥230.00');
    await page.getByTestId('past-sale').first().getByTestId('reprint-sale').click();
    expect(trimmed(await printedJob(5))).toContain('** 重印 **');
    await expect.poll(() => page.getByTestId('past-sale').first().getByTestId('print-state').getAttribute('data-state')).toMatch(/sent|printed/);
  });

  it('says why a receipt waits when the printer is out of paper, and that it printed once paper is back', async () => {
    h.printer.simulator.set({ paper: 'end' });
    await page.getByTestId('past-sale').first().getByTestId('reprint-sale').click();
    const state = page.getByTestId('past-sale').first().getByTestId('print-state');
    await expect.poll(() => state.textContent(), { timeout: 20_000 }).toContain('等待打印机（打印机缺纸）');
    await screenshot(page, 'reports-05-receipt-waiting-for-paper');
    h.printer.simulator.set({ paper: 'ok' });
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 40_000 }).toMatch(/sent|printed/);
    expect(trimmed(await printedJob(6))).toContain('** 重印 **');
  });
});
