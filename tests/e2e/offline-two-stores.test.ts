import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVoucherCode } from '../../core/voucher-code';
import { addMerchantUser } from '../../server/repositories/backoffice/merchant-user-setup';
import { createCampaign, createMerchant, createStore, createTerminal, issueVouchers } from '../../server/repositories/merchant-setup';
import { MANAGER_PIN, setStorePolicy } from '../property/support/sync-world';
import { ApiClient } from '../support/server/api-client';
import { loginBody } from '../support/server/login-body';
import { signInAtCounter } from './counter-steps';
import { lookUpAndConfirm, outboxStatuses, startOfflineHarness, waitUntilSynced, type OfflineHarness } from './offline-harness';
import { screenshot } from './pos-harness';

// Two stores' POS in Chromium against the real server behind a proxy; the proxy is the internet.
const DAY = 86_400_000;
let h: OfflineHarness;
let pageA: Page;
let pageB: Page;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const db = h.server.db;
  const merchant = await createMerchant(db, { name: '好味餐饮' });
  const storeA = await createStore(db, merchant.id, '徐汇店');
  const storeB = await createStore(db, merchant.id, '静安店');
  // A takes whole leases of vouchers valid at both stores; B may redeem provisionally, a PIN above ¥100.
  await setStorePolicy(db, merchant.id, storeA.id, { leaseMultiStore: true });
  await setStorePolicy(db, merchant.id, storeB.id, { managerPinAboveFen: 10_000 });
  const campaign = (title: string, storeIds: string[], faceValueFen: number) =>
    createCampaign(db, merchant.id, {
      kind: 'product', title, priceFen: 9_900, faceValueFen, usesPerVoucher: 1,
      validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), storeIds,
    });
  const [shared] = await issueVouchers(db, merchant.id, await campaign('双人下午茶套餐', [storeA.id, storeB.id], 16_800), { count: 1 });
  const aOnly = await issueVouchers(db, merchant.id, await campaign('50元代金券', [storeA.id], 5_000), { count: 5 });
  const terminalA = await createTerminal(db, merchant.id, storeA.id, '徐汇店 1 号机');
  const terminalB = await createTerminal(db, merchant.id, storeB.id, '静安店 1 号机');
  await addMerchantUser(db, merchant.id, { login: 'owner@haowei.example', name: '老板', role: 'owner', password: 'tea for two 42' });
  return { merchant, storeA, storeB, shared: shared!, aOnly, terminalA, terminalB };
}

async function merchantConflicts() {
  const login = await new ApiClient(h.server).post<{ token: string }>('/merchant/login', await loginBody(h.server.db, 'owner@haowei.example', 'tea for two 42'));
  const list = await new ApiClient(h.server, login.body.token).get<{ items: { redemptionId: string; offline: { storeId: string }; first: { storeId: string | null } }[] }>('/merchant/conflicts');
  return list.body.items;
}

const synced = (page: Page) => page.locator('[data-testid="sync-status"][data-synced="true"]').waitFor({ timeout: 20_000 });

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await buildWorld();
  ({ page: pageA } = await h.openPos(world.terminalA.id));
  await synced(pageA);
  await signInAtCounter(pageA);
  ({ page: pageB } = await h.openPos(world.terminalB.id));
  await synced(pageB);
  await signInAtCounter(pageB);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('two stores offline, in Chromium', () => {
  it('redeems a leased voucher offline at A, only provisionally at B, and shows the conflict after sync', async () => {
    h.proxy.set('cut');
    await pageA.getByTestId('code-input').fill(formatVoucherCode(world.shared.code));
    await pageA.keyboard.press('Enter');
    await expect.poll(() => pageA.getByTestId('offline-basis').textContent()).toContain('本店预留额度内');
    await screenshot(pageA, 'offline-01-store-a-preview-lease');
    await pageA.keyboard.press('Enter');
    await expect.poll(() => pageA.getByTestId('outcome-offline').textContent()).toContain('已离线核销，待同步');
    await expect.poll(() => pageA.getByTestId('sync-pending').textContent()).toContain('待同步 1 笔');
    await expect.poll(() => pageA.getByTestId('recent-item').first().textContent()).toContain('待同步');
    await expect.poll(() => pageA.getByTestId('connectivity').textContent()).toContain('离线');
    await screenshot(pageA, 'offline-02-store-a-redeemed');

    await lookUpAndConfirm(pageB, world.shared.code);
    await pageB.getByTestId('pin-prompt').waitFor();
    await expect.poll(() => pageB.getByTestId('offline-basis').textContent()).toContain('临时核销');
    await pageB.getByTestId('pin-input').fill('0000');
    await pageB.keyboard.press('Enter');
    await expect.poll(() => pageB.getByTestId('pin-problem').textContent()).toContain('店长 PIN 不正确');
    await screenshot(pageB, 'offline-03-store-b-pin');
    await pageB.getByTestId('pin-input').fill(MANAGER_PIN);
    await pageB.keyboard.press('Enter');
    await expect.poll(() => pageB.getByTestId('outcome-offline').textContent()).toContain('联网后由服务器确认');
    await screenshot(pageB, 'offline-04-store-b-provisional');

    await pageB.getByTestId('code-input').fill(formatVoucherCode(world.aOnly[0]!.code));
    await pageB.keyboard.press('Enter');
    await expect.poll(() => pageB.getByTestId('outcome-reason').textContent()).toContain('券码不存在');
    await pageB.getByTestId('offline-banner').waitFor();
    await screenshot(pageB, 'offline-05-store-b-refused');

    h.proxy.set('open');
    await waitUntilSynced(pageA, 30_000);
    await waitUntilSynced(pageB, 30_000);
    await expect.poll(() => pageB.getByTestId('recent-conflict').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => pageB.getByTestId('sync-conflicts').textContent()).toContain('冲突 1 笔');
    await expect.poll(() => pageA.getByTestId('recent-item').first().textContent()).toContain('成功');
    await expect.poll(() => pageA.getByTestId('outcome-offline').textContent()).toContain('离线核销已同步，服务器已确认');
    await screenshot(pageA, 'offline-06-store-a-synced');
    await screenshot(pageB, 'offline-07-store-b-conflict');

    const conflicts = await merchantConflicts();
    expect(conflicts).toEqual([expect.objectContaining({ offline: expect.objectContaining({ storeId: world.storeB.id }), first: expect.objectContaining({ storeId: world.storeA.id }) })]);
    const ledger = await h.server.db.kysely.selectFrom('redemptions').select(['store_id', 'outcome', 'mode']).where('voucher_id', '=', world.shared.id).execute();
    expect(ledger.sort((a, b) => a.outcome.localeCompare(b.outcome))).toEqual([
      { store_id: world.storeA.id, outcome: 'accepted', mode: 'offline' },
      { store_id: world.storeB.id, outcome: 'conflict', mode: 'offline' },
    ]);
  }, 120_000);

  it('loses nothing when the POS is reloaded while its push is on the wire', async () => {
    h.proxy.set('cut');
    for (const voucher of world.aOnly.slice(0, 4)) {
      await lookUpAndConfirm(pageA, voucher.code);
      await pageA.getByTestId('outcome-offline').waitFor();
    }
    await expect.poll(() => pageA.getByTestId('sync-pending').textContent()).toContain('待同步 4 笔');
    // Requests reach the server at once; its answers are held long enough to reload in between.
    h.proxy.holdMs = 4_000;
    h.proxy.set('slow');
    await pageA.waitForRequest((request) => request.url().includes('/api/v1/sync/push'), { timeout: 30_000 });
    await pageA.waitForTimeout(500);
    await pageA.reload();
    h.proxy.set('open');
    await pageA.getByTestId('header-where').waitFor();
    await waitUntilSynced(pageA, 30_000);
    await expect.poll(async () => (await pageA.getByTestId('recent-item').allTextContents()).filter((t) => t.includes('成功')).length).toBe(5);
    await screenshot(pageA, 'offline-08-store-a-after-reload');

    const ids = world.aOnly.slice(0, 4).map((v) => v.id);
    const rows = await h.server.db.kysely.selectFrom('redemptions').select(['voucher_id', 'outcome']).where('voucher_id', 'in', ids).execute();
    expect(rows.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const results = await h.server.db.kysely.selectFrom('push_results').select(['seq', 'status']).where('terminal_id', '=', world.terminalA.id).orderBy('seq').execute();
    expect(results.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    // The push before the reload was applied and its answer lost: the resend got the stored answers.
    expect(await outboxStatuses(pageA)).toEqual([
      { seq: 1, status: 'applied' },
      ...[2, 3, 4, 5].map((seq) => ({ seq, status: 'duplicate' })),
    ]);
  }, 120_000);

  it('reverses from the recent list with a manager PIN while offline, settled when back online', async () => {
    h.proxy.set('cut');
    await pageA.keyboard.press('Escape');
    const item = pageA.getByTestId('recent-item').first();
    await item.getByTestId('recent-reverse').click();
    await pageA.getByTestId('pin-prompt').waitFor();
    await pageA.getByTestId('reverse-reason').fill('顾客改天再来');
    await pageA.getByTestId('pin-input').fill(MANAGER_PIN);
    await screenshot(pageA, 'offline-09-reverse-pin');
    await pageA.getByTestId('pin-submit').click();
    await expect.poll(() => item.getByTestId('recent-reversal').textContent()).toContain('撤销待同步');
    await expect.poll(() => pageA.getByTestId('sync-pending').textContent()).toContain('待同步 1 笔');
    await screenshot(pageA, 'offline-10-reverse-pending');

    h.proxy.set('open');
    await waitUntilSynced(pageA, 30_000);
    await expect.poll(() => item.getByTestId('recent-reversal').textContent(), { timeout: 30_000 }).toContain('已撤销');
    const reversals = await h.server.db.kysely.selectFrom('redemption_reversals').select(['reason', 'uses_freed']).execute();
    expect(reversals).toEqual([{ reason: '顾客改天再来', uses_freed: 1 }]);
    await screenshot(pageA, 'offline-11-reversed');
  }, 120_000);

  it('runs one sync engine for two windows of the same terminal; the other takes over when it closes', async () => {
    const context = pageA.context();
    const streams = new Map<Page, number>();
    const second = await context.newPage();
    for (const page of [pageA, second]) {
      streams.set(page, 0);
      page.on('request', (request) => {
        if (request.url().includes('/api/v1/sync/events')) streams.set(page, streams.get(page)! + 1);
      });
    }
    await second.goto(pageA.url());
    await second.getByTestId('header-where').waitFor();
    await pageA.reload();
    await pageA.getByTestId('header-where').waitFor();
    // The reloaded first window waits for the lock the second one took while it was away.
    await expect.poll(() => streams.get(second), { timeout: 15_000 }).toBeGreaterThan(0);
    await pageA.waitForTimeout(1_500);
    expect(streams.get(pageA)).toBe(0);
    await second.close();
    await expect.poll(() => streams.get(pageA), { timeout: 15_000 }).toBeGreaterThan(0);
  }, 120_000);
});
