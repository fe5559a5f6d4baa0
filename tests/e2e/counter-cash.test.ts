import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '../../core/money';
import type { ShiftReport } from '../../core/shift/shift-report';
import { addMerchantUser } from '../../server/repositories/backoffice/merchant-user-setup';
import { createMerchant, createStore, createTerminal } from '../../server/repositories/merchant-setup';
import { ApiClient } from '../support/server/api-client';
import { loginBody } from '../support/server/login-body';
import { approve as approveWithPin } from './counter-steps';
import { startOfflineHarness, storedRows, waitUntilSynced, type OfflineHarness } from './offline-harness';
import { screenshot } from './pos-harness';

// Cash in and out at the counter in Chromium, with a manager the owner added through the API.
const MANAGER_PIN = '135790';
let h: OfflineHarness;
let page: Page;
let owner: ApiClient;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const db = h.server.db;
  const merchant = await createMerchant(db, { name: '好味餐饮' });
  const store = await createStore(db, merchant.id, '静安店');
  const terminal = await createTerminal(db, merchant.id, store.id, '静安店 1 号机');
  await addMerchantUser(db, merchant.id, { login: 'owner@haowei.test', name: '老板', role: 'owner', password: 'owner-secret-1' });
  return { merchant, store, terminal };
}

/** The names of the users the POS has mirrored (its IndexedDB). */
async function mirroredUsers(): Promise<string[]> {
  return (await storedRows<{ name: string }>(page, 'terminalUsers')).map((u) => u.name);
}

const approve = (pin = MANAGER_PIN) => approveWithPin(page, pin);

async function cashMove(direction: 'in' | 'out', amount: string, pick: string | null): Promise<void> {
  await page.getByTestId(`cash-${direction}`).click();
  await page.getByTestId('cash-amount').fill(amount);
  if (pick) await page.getByTestId(`cash-pick-${pick}`).click();
  else await page.getByTestId('cash-reason').fill('');
  await page.getByTestId('cash-submit').click();
}

const text = async (testId: string) => (await page.getByTestId(testId).textContent())?.trim();

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await buildWorld();
  const login = await new ApiClient(h.server).post<{ token: string }>('/merchant/login', await loginBody(h.server.db, 'owner@haowei.test', 'owner-secret-1'));
  owner = new ApiClient(h.server, login.body.token);
  page = (await h.openPos(world.terminal.id)).page;
  await waitUntilSynced(page);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('cash in and out of the till in Chromium', () => {
  it('gets a manager the owner adds through the API, and opens the shift with their PIN', async () => {
    const added = await owner.post(`/merchant/stores/${world.store.id}/terminal-users`, { name: '王店长', role: 'manager', pin: MANAGER_PIN });
    expect(added.status).toBe(200);
    await expect.poll(mirroredUsers, { timeout: 20_000 }).toEqual(['王店长']);
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('shift-float').fill('200');
    await page.getByTestId('shift-open').click();
    await approve();
    await page.getByTestId('report-X').waitFor();
    expect(await text('report-expected')).toBe('￥200.00');
  });

  it('pays ￥100 in, then, offline, refuses a bad pay-out and pays ￥50 out with the manager’s PIN', async () => {
    await cashMove('in', '100', 'float');
    await expect.poll(() => text('report-cash-in')).toBe('￥100.00');
    expect(await text('cash-move')).toContain('找零备用金');
    await waitUntilSynced(page);
    h.proxy.set('cut');

    await cashMove('out', '50', null);
    expect(await text('cash-problem')).toBe('取出现金请填写原因');
    await cashMove('out', '300.01', 'bank');
    expect(await text('cash-problem')).toBe('取出金额超过钱箱应有现金');
    await screenshot(page, 'cash-00-refused');
    await cashMove('out', '0', 'bank');
    expect(await text('cash-problem')).toBe('请输入大于零的金额（最多两位小数）');
    expect(await page.getByTestId('pin-prompt').count()).toBe(0);
    expect(await page.getByTestId('cash-move').count()).toBe(1);

    await cashMove('out', '50', 'bank');
    await approve();
    await expect.poll(() => page.getByTestId('cash-move').count()).toBe(2);
    expect(await text('report-cash-out')).toBe('-￥50.00');
    expect(await text('report-expected')).toBe('￥250.00');
    expect(await page.getByTestId('cash-move-pending').count()).toBe(1);
    expect(await page.getByTestId('cash-problem').count()).toBe(0);
    await screenshot(page, 'cash-01-shift-offline');
    const onServer = await h.server.db.kysely.selectFrom('cash_moves').select('direction').where('merchant_id', '=', world.merchant.id).execute();
    expect(onServer.map((m) => m.direction)).toEqual(['in']);
  });

  it('syncs, closes with a count, and shows the Z report the server computes for the shift', async () => {
    h.proxy.set('open');
    await waitUntilSynced(page, 30_000);
    await expect.poll(() => page.getByTestId('cash-move-accepted').count(), { timeout: 20_000 }).toBe(2);
    await page.getByTestId('count-10000').fill('2');
    await page.getByTestId('count-5000').fill('1');
    await page.getByTestId('count-1000').fill('1');
    await page.getByTestId('shift-close').click();
    await approve();
    await page.getByTestId('report-Z').waitFor();
    await screenshot(page, 'cash-02-z-report');
    await waitUntilSynced(page, 30_000);

    const shift = await h.server.db.kysely.selectFrom('shifts').select(['id', 'closed_at']).where('terminal_id', '=', world.terminal.id).executeTakeFirstOrThrow();
    expect(shift.closed_at).not.toBeNull();
    const res = await owner.get<{ kind: string; shift: { openingFloatFen: number; countedFen: number; differenceFen: number }; report: ShiftReport }>(`/merchant/shifts/${shift.id}/report`);
    expect(res.body.kind).toBe('Z');
    const { report, shift: closed } = res.body;
    expect(report).toMatchObject({ cashInCount: 1, cashInFen: 10000, cashOutCount: 1, cashOutFen: 5000, expectedCashFen: 25000 });
    const screen = {
      opening: await text('report-opening'),
      cashSales: await text('report-cash-sales'),
      cashRefunds: await text('report-cash-refunds'),
      cashIn: await text('report-cash-in'),
      cashOut: await text('report-cash-out'),
      expected: await text('report-expected'),
      counted: await text('report-counted'),
      difference: await text('report-difference'),
      salesTotal: await text('report-sales-total'),
      refunds: await text('report-refunds'),
    };
    expect(screen).toEqual({
      opening: formatFen(closed.openingFloatFen),
      cashSales: formatFen(report.byTender.cash),
      cashRefunds: formatFen(-report.refundsByTender.cash),
      cashIn: formatFen(report.cashInFen),
      cashOut: formatFen(-report.cashOutFen),
      expected: formatFen(report.expectedCashFen),
      counted: formatFen(closed.countedFen),
      difference: formatFen(closed.differenceFen),
      salesTotal: formatFen(report.netSalesFen),
      refunds: formatFen(-report.refundFen),
    });
    expect(closed.differenceFen).toBe(1000);
  });
});
