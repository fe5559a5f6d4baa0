import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, createMerchant, createStore, createTerminal, issueVouchers } from '../../server/repositories/merchant-setup';
import { importCatalog } from '../../server/counter/catalog-admin';
import { MANAGER_PIN, setStorePolicy } from '../property/support/sync-world';
import { startOfflineHarness, waitUntilSynced, type OfflineHarness } from './offline-harness';
import { addBySearch, approve } from './counter-steps';
import { screenshot } from './pos-harness';

// The counter in Chromium against the real server behind a cuttable proxy (the store's internet).
const DAY = 86_400_000;
let h: OfflineHarness;
let page: Page;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const db = h.server.db;
  const merchant = await createMerchant(db, { name: '好味餐饮' });
  const store = await createStore(db, merchant.id, '徐汇店');
  await setStorePolicy(db, merchant.id, store.id, { leaseMultiStore: true });
  const cash = await createCampaign(db, merchant.id, {
    kind: 'cash', title: '50元代金券', priceFen: 4_500, faceValueFen: 5_000, usesPerVoucher: 1,
    validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), storeIds: [store.id],
  });
  const vouchers = await issueVouchers(db, merchant.id, cash, { count: 2 });
  await importCatalog(db, merchant.id, {
    categories: [{ id: 'hot', name: '热菜' }, { id: 'drink', name: '饮品' }],
    items: [
      { id: 'gbjd', categoryId: 'hot', name: '宫保鸡丁', priceFen: 3_800 },
      { id: 'yxrs', categoryId: 'hot', name: '鱼香肉丝', priceFen: 3_200 },
      { id: 'mifan', categoryId: 'hot', name: '米饭', priceFen: 300 },
      { id: 'cola', categoryId: 'drink', name: '可口可乐 330ml', barcode: '6928804011173', priceFen: 500 },
    ],
  });
  const terminal = await createTerminal(db, merchant.id, store.id, '徐汇店 1 号机');
  return { merchant, store, terminal, vouchers };
}

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await buildWorld();
  page = (await h.openPos(world.terminal.id)).page;
  await waitUntilSynced(page);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('selling at the counter in Chromium', () => {
  it('opens a shift with a float after a manager PIN', async () => {
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('shift-float').fill('200');
    await page.getByTestId('shift-open').click();
    await approve(page);
    await page.getByTestId('report-X').waitFor();
    expect(await page.getByTestId('report-expected').textContent()).toBe('￥200.00');
    await screenshot(page, 'counter-01-shift-open');
  });

  it('sells by pinyin initials and barcode with a cash voucher and a new member, stored before printing', async () => {
    await page.getByTestId('nav-sell').click();
    await page.getByTestId('staff-pin').fill('0000');
    await page.getByTestId('staff-sign-in').click();
    await page.getByTestId('staff-problem').waitFor();
    await page.getByTestId('staff-pin').fill(MANAGER_PIN);
    await page.getByTestId('staff-sign-in').click();
    await page.getByTestId('staff-current').waitFor();
    await addBySearch(page, 'gbjd');
    await addBySearch(page, 'gbjd');
    // Typed as fast as a keyboard-wedge scanner: the scan or the typed Enter adds it, never both.
    await page.getByTestId('catalog-search').focus();
    await page.keyboard.type('6928804011173');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
    await page.getByTestId('table-no').fill('8');
    expect(await page.getByTestId('cart-line').count()).toBe(2);
    expect(await page.getByTestId('due').textContent()).toBe('￥81.00');
    await page.getByTestId('bill-voucher').fill(world.vouchers[0]!.code);
    await page.getByTestId('bill-voucher-apply').click();
    await page.getByTestId('bill-voucher-item').waitFor();
    expect(await page.getByTestId('to-pay').textContent()).toBe('￥31.00');
    // A second scan of the same code says so and changes nothing.
    await page.getByTestId('bill-voucher').fill(world.vouchers[0]!.code);
    await page.getByTestId('bill-voucher-apply').click();
    await expect.poll(() => page.getByTestId('counter-problem').textContent()).toBe('这张券已在本单中');
    expect(await page.getByTestId('bill-voucher-item').count()).toBe(1);
    expect(await page.getByTestId('to-pay').textContent()).toBe('￥31.00');
    await page.getByTestId('member-phone').fill('13800138001');
    await page.getByTestId('member-find').click();
    await page.getByTestId('member-name').fill('李女士');
    await page.getByTestId('member-enrol').click();
    await page.getByTestId('member-card').waitFor();
    await screenshot(page, 'counter-02-bill');
    await page.getByTestId('checkout').click();
    await page.getByTestId('tender-amount').fill('50');
    await page.getByTestId('tender-add').click();
    expect(await page.getByTestId('change').textContent()).toBe('￥19.00');
    await screenshot(page, 'counter-03-payment');
    await page.getByTestId('payment-confirm').click();
    await page.getByTestId('sale-done').waitFor();
    expect(await page.getByTestId('sale-change').textContent()).toBe('￥19.00');
    await screenshot(page, 'counter-04-sold');
  });

  it('will not reverse the sale’s voucher on its own from the 核销 screen, and names the sale', async () => {
    await page.getByTestId('nav-redeem').click();
    const row = page.getByTestId('recent-item').filter({ has: page.getByTestId('recent-in-sale') });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('recent-in-sale').textContent()).toContain('销售 #000001');
    expect(await row.getByTestId('recent-reverse').count()).toBe(0);
    await screenshot(page, 'counter-04b-voucher-in-sale');
  });

  it('refunds one line with a manager PIN as a new entry', async () => {
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('shift-sale').first().waitFor();
    await page.getByTestId('refund-reason').fill('菜品问题');
    await page.getByTestId('refund-line').first().click();
    await approve(page);
    await expect.poll(() => page.getByTestId('report-refunds').textContent()).toBe('-￥38.00');
    await screenshot(page, 'counter-05-refund');
  });

  it('sells and enrols offline, then syncs: the server holds what the terminal has', async () => {
    await waitUntilSynced(page);
    h.proxy.set('cut');
    await page.getByTestId('nav-sell').click();
    await page.getByTestId('catalog-search').fill('yx');
    await page.getByTestId('catalog-item').first().waitFor();
    await screenshot(page, 'counter-06a-search');
    await addBySearch(page, '鱼香');
    await addBySearch(page, 'mf');
    await page.getByTestId('take-away').click();
    await page.getByTestId('member-phone').fill('13900139002');
    await page.getByTestId('member-find').click();
    await page.getByTestId('member-enrol').click();
    await page.getByTestId('member-card').waitFor();
    await page.getByTestId('checkout').click();
    await page.getByTestId('tender-wechat').click();
    await page.getByTestId('tender-reference').fill('WX20261125001');
    await page.getByTestId('tender-add').click();
    await page.getByTestId('payment-confirm').click();
    await page.getByTestId('sale-done').waitFor();
    await screenshot(page, 'counter-06-offline-sale');
    const db = h.server.db.kysely;
    const whileCut = await db.selectFrom('sales').select('id').where('terminal_id', '=', world.terminal.id).execute();
    expect(whileCut).toHaveLength(1);
    h.proxy.set('open');
    await waitUntilSynced(page, 30_000);
    const local = await page.evaluate(
      () =>
        new Promise<{ sales: string[]; redemptions: string[]; members: boolean[] }>((resolve) => {
          const opening = indexedDB.open('hexiao-pos');
          opening.onsuccess = () => {
            const tx = opening.result.transaction(['sales', 'redemptions', 'counterMembers']);
            const all = (name: string) => new Promise<Record<string, unknown>[]>((r) => { const q = tx.objectStore(name).getAll(); q.onsuccess = () => r(q.result as Record<string, unknown>[]); });
            void Promise.all([all('sales'), all('redemptions'), all('counterMembers')]).then(([sales, redemptions, members]) =>
              resolve({ sales: sales.map((x) => String(x.status)), redemptions: redemptions.map((x) => String(x.status)), members: members.map((x) => Boolean(x.pending)) }));
          };
        }),
    );
    expect(local).toEqual({ sales: ['accepted', 'accepted'], redemptions: ['accepted'], members: [false, false] });

    const sales = await db.selectFrom('sales').selectAll().where('terminal_id', '=', world.terminal.id).orderBy('device_time').execute();
    expect(sales.map((s) => Number(s.total_fen))).toEqual([8100, 3500]);
    const members = await db.selectFrom('members').select(['phone']).where('merchant_id', '=', world.merchant.id).orderBy('phone').execute();
    expect(members.map((m) => m.phone)).toEqual(['+8613800138001', '+8613900139002']);
    const payments = await db.selectFrom('sale_payments').select(['kind', 'amount_fen', 'reference']).where('merchant_id', '=', world.merchant.id).execute();
    expect(payments.map((p) => `${p.kind}:${Number(p.amount_fen)}`).sort()).toEqual(['cash:3100', 'voucher:5000', 'wechat:3500']);
    const refunds = await db.selectFrom('sale_refunds').select(['amount_fen']).where('merchant_id', '=', world.merchant.id).execute();
    expect(refunds.map((r) => Number(r.amount_fen))).toEqual([3800]);
  });

  it('will not close over unsynced entries silently: lists them, closes provisionally, completes at sync; Z matches the server', async () => {
    h.proxy.set('cut');
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('refund-line').last().click();
    await approve(page);
    await page.getByTestId('count-10000').fill('2');
    await page.getByTestId('count-1000').fill('3');
    await page.getByTestId('shift-close').click();
    await approve(page);
    await page.getByTestId('shift-waiting').waitFor();
    expect(await page.getByTestId('shift-waiting').textContent()).toContain('退款');
    await screenshot(page, 'counter-07-unsynced-close');
    await page.getByTestId('shift-close-provisional').click();
    await approve(page);
    await page.getByTestId('report-Z').waitFor();
    expect(await page.getByTestId('shift-closed').textContent()).toContain('临时交班');
    await screenshot(page, 'counter-08-z-report');
    h.proxy.set('open');
    await waitUntilSynced(page, 30_000);
    const shifts = await h.server.db.kysely.selectFrom('shifts').selectAll().where('terminal_id', '=', world.terminal.id).execute();
    expect(shifts).toHaveLength(1);
    expect(shifts[0]!.closed_at).not.toBeNull();
    const db = h.server.db.kysely;
    const sales = await db.selectFrom('sales').select(['id', 'total_fen']).where('terminal_id', '=', world.terminal.id).execute();
    const payments = await db.selectFrom('sale_payments').select(['kind', 'amount_fen']).where('sale_id', 'in', sales.map((s) => s.id)).execute();
    const refunds = await db.selectFrom('sale_refunds').select(['amount_fen']).where('terminal_id', '=', world.terminal.id).execute();
    const sum = (xs: { amount_fen: unknown }[]) => xs.reduce((s, x) => s + Number(x.amount_fen), 0);
    const yuan = (fen: number) => `￥${(fen / 100).toFixed(2)}`;
    expect(await page.getByTestId('report-sales-total').textContent()).toBe(yuan(sales.reduce((s, x) => s + Number(x.total_fen), 0)));
    expect(await page.getByTestId('report-refunds').textContent()).toBe(`-${yuan(sum(refunds))}`);
    expect(await page.getByTestId('report-tender-cash').textContent()).toContain(yuan(sum(payments.filter((p) => p.kind === 'cash'))));
    expect(await page.getByTestId('report-tender-wechat').textContent()).toContain(yuan(sum(payments.filter((p) => p.kind === 'wechat'))));
    expect(await page.getByTestId('report-voucher').textContent()).toContain(yuan(sum(payments.filter((p) => p.kind === 'voucher'))));
    // ￥200 float + ￥31 cash − ￥31 back in cash: refunds return cash first, then the voucher.
    expect(await page.getByTestId('report-expected').textContent()).toBe('￥200.00');
  });
});
