import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_58MM } from '../../core/hardware/printer-profile';
import { storedMemberPhone } from '../../core/member/phone';
import type { CounterSettings } from '../../core/sale/counter-settings';
import { encodeReceipt } from '../../drivers/escpos/escpos-encoder';
import { saleReceiptDocument } from '../../renderer/counter/counter-receipts';
import type { CounterMember, CounterSale } from '../../renderer/db/counter-tables';
import { importCatalog } from '../../server/counter/catalog-admin';
import { addMerchantUser } from '../../server/repositories/backoffice/merchant-user-setup';
import { createMerchant, createStore, createTerminal } from '../../server/repositories/merchant-setup';
import { MANAGER_PIN, setStorePolicy } from '../property/support/sync-world';
import { OWNER_COUNTER_SETTINGS } from '../support/counter-settings';
import { decodeEscPos, printedText } from '../support/escpos/escpos-decoder';
import { ApiClient } from '../support/server/api-client';
import { loginBody } from '../support/server/login-body';
import { startOfflineHarness, storedRows, waitUntilSynced, type OfflineHarness } from './offline-harness';
import { addBySearch, approve } from './counter-steps';
import { screenshot } from './pos-harness';

// The owner changes the counter settings through the API; the POS in Chromium picks them up by sync.
let h: OfflineHarness;
let page: Page;
let world: Awaited<ReturnType<typeof buildWorld>>;
const PHONE = '13800138001';

async function buildWorld() {
  const db = h.server.db;
  const merchant = await createMerchant(db, { name: '好味餐饮' });
  const store = await createStore(db, merchant.id, '徐汇店');
  await setStorePolicy(db, merchant.id, store.id);
  await importCatalog(db, merchant.id, {
    categories: [{ id: 'hot', name: '热菜' }],
    items: [
      { id: 'gbjd', categoryId: 'hot', name: '宫保鸡丁', priceFen: 3_800 },
      { id: 'mifan', categoryId: 'hot', name: '米饭', priceFen: 300 },
    ],
  });
  await addMerchantUser(db, merchant.id, { login: 'owner@haowei.example', name: '老板', role: 'owner', password: 'tea for two 42' });
  const terminal = await createTerminal(db, merchant.id, store.id, '徐汇店 1 号机');
  return { merchant, store, terminal };
}

async function owner(): Promise<ApiClient> {
  const login = await new ApiClient(h.server).post<{ token: string }>('/merchant/login', await loginBody(h.server.db, 'owner@haowei.example', 'tea for two 42'));
  return new ApiClient(h.server, login.body.token);
}

const stored = <T>(store: string) => storedRows<T>(page, store);
const terminalMember = async () => (await stored<CounterMember>('counterMembers')).find((m) => m.phone === PHONE);
const serverPoints = async () =>
  Number((await h.server.db.kysely.selectFrom('members').select('points').where('merchant_id', '=', world.merchant.id).where('phone', '=', storedMemberPhone(PHONE)).executeTakeFirst())?.points);

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await buildWorld();
  page = (await h.openPos(world.terminal.id)).page;
  await waitUntilSynced(page);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

// A failing step leaves a picture of the screen behind, named after the test.
afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) await screenshot(page, `points-failed-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});

describe('the merchant’s counter settings and points as a tender, in Chromium', { timeout: 90_000 }, () => {
  it('picks up the owner’s new settings by sync', async () => {
    const put = await (await owner()).request('PUT', '/merchant/counter-settings', JSON.stringify(OWNER_COUNTER_SETTINGS), 'application/json');
    expect(put.status).toBe(200);
    await expect.poll(async () => (await stored<CounterSettings>('counterSettings'))[0], { timeout: 20_000 }).toEqual({ merchantId: world.merchant.id, ...OWNER_COUNTER_SETTINGS });
  });

  it('earns points by the new rule on a first sale to a new member', async () => {
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('shift-float').fill('200');
    await page.getByTestId('shift-open').click();
    await approve(page);
    await page.getByTestId('report-X').waitFor();
    await page.getByTestId('nav-sell').click();
    await page.getByTestId('staff-pin').fill(MANAGER_PIN);
    await page.getByTestId('staff-sign-in').click();
    await page.getByTestId('staff-current').waitFor();
    await addBySearch(page, 'gbjd');
    await addBySearch(page, 'gbjd');
    await page.getByTestId('member-phone').fill(PHONE);
    await page.getByTestId('member-find').click();
    await page.getByTestId('member-name').fill('李女士');
    await page.getByTestId('member-enrol').click();
    await page.getByTestId('member-card').waitFor();
    await page.getByTestId('checkout').click();
    await page.getByTestId('tender-amount').fill('100');
    await page.getByTestId('tender-add').click();
    expect(await page.getByTestId('points-earn').textContent()).toBe('152');
    await page.getByTestId('payment-confirm').click();
    await page.getByTestId('sale-done').waitFor();
    expect(await terminalMember()).toMatchObject({ points: 152, visits: 1 });
    await waitUntilSynced(page, 30_000);
    expect(await serverPoints()).toBe(152);
  });

  it('asks for a PIN above the synced ￥10 threshold, lets a member pay partly with points, and the server agrees', async () => {
    await page.getByTestId('next-sale').click();
    await addBySearch(page, 'gbjd');
    await page.getByTestId('order-discount').fill('15');
    await page.getByTestId('order-discount').press('Tab');
    expect(await page.getByTestId('due').textContent()).toBe('￥23.00');
    await page.getByTestId('member-phone').fill(PHONE);
    await page.getByTestId('member-find').click();
    await page.getByTestId('member-card').waitFor();
    await page.getByTestId('checkout').click();
    expect(await page.getByTestId('points-offer').textContent()).toContain('会员积分 152 分，可抵 ￥15.20');
    await page.getByTestId('tender-points').click();
    expect(await page.getByTestId('points-amount').inputValue()).toBe('152');
    expect(await page.getByTestId('points-offer').textContent()).toContain('本单最多可用 152 分（￥15.20）');
    await screenshot(page, 'points-00-entry');
    for (const [typed, problem] of [['100.5', '积分须为大于零的整数'], ['153', '会员积分不足'], ['100', null]] as const) {
      await page.getByTestId('points-amount').fill(typed);
      await page.getByTestId('tender-add').click();
      if (problem) expect(await page.getByTestId('payment-problem').textContent()).toBe(problem);
    }
    expect(await page.getByTestId('remaining').textContent()).toBe('￥13.00');
    await page.getByTestId('tender-amount').fill('20');
    await page.getByTestId('tender-add').click();
    expect(await page.getByTestId('change').textContent()).toBe('￥7.00');
    expect(await page.getByTestId('points-earn').textContent()).toBe('26');
    await screenshot(page, 'points-01-payment');

    await page.getByTestId('payment-confirm').click();
    await page.getByTestId('pin-prompt').waitFor();
    expect(await page.getByTestId('pin-prompt').textContent()).toContain('折扣超过 ￥10.00，需要店长 PIN 授权');
    await screenshot(page, 'points-02-discount-pin');
    await approve(page);
    await page.getByTestId('sale-done').waitFor();
    expect(await page.getByTestId('payment').count()).toBe(0);
    expect(await terminalMember()).toMatchObject({ points: 152 - 100 + 26, visits: 2 });
    expect(await page.getByTestId('sale-points').textContent()).toContain('会员积分：使用 100，获得 26，余额 78');
    await screenshot(page, 'points-03-sold');

    await waitUntilSynced(page, 30_000);
    expect(await serverPoints()).toBe(78);
    expect(await terminalMember()).toMatchObject({ points: 78, pending: false });
    const sale = (await stored<CounterSale>('sales')).find((s) => s.discountFen === 1500)!;
    expect(sale).toMatchObject({ status: 'accepted', pointsEarned: 26, approval: { managerId: expect.any(String) } });
    const payments = await h.server.db.kysely.selectFrom('sale_payments').select(['kind', 'amount_fen', 'points']).where('sale_id', '=', sale.saleId).orderBy('tender_id').execute();
    expect(payments.map((p) => [p.kind, Number(p.amount_fen), p.points === null ? null : Number(p.points)])).toEqual([['points', 1000, 100], ['cash', 1300, null]]);

    // The receipt as the POS prints it for this sale, through the ESC/POS encoder, read back.
    const place = { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', storeName: '徐汇店', terminalId: '徐汇店 1 号机', cashierName: '店长' };
    const printed = printedText(decodeEscPos(encodeReceipt(saleReceiptDocument(sale, place, (await terminalMember())!), PROFILE_58MM))).map((l) => l.replace(/\s+/g, ' ').trim());
    expect(printed).toEqual(expect.arrayContaining(['积分抵扣 ￥10.00', '现金 ￥20.00', '找零 ￥7.00', '本次使用积分 -100', '本次积分 26', '积分余额 78']));
  });
});
