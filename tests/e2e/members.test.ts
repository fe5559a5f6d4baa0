import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberRow } from '../../core/sync';
import { createCampaign, createMerchant, createStore, createTerminal } from '../../server/repositories/merchant-setup';
import type { PaidAnswer } from '../../server/use-cases/sales/channel-event';
import { query } from '../integration/counter/support/counter-entries';
import { ChannelClient, paidEvent } from '../integration/sales/support/channel-client';
import { SyncTerminal } from '../integration/sync/support/sync-terminal';
import { MANAGER_PIN, setStorePolicy } from '../property/support/sync-world';
import { approve } from './counter-steps';
import { startOfflineHarness, waitUntilSynced, type OfflineHarness } from './offline-harness';
import { screenshot } from './pos-harness';

// The Members screen in Chromium against the real server behind a cuttable proxy (the store's internet).
const DAY = 86_400_000;
const PHONE = '13800001234';
let h: OfflineHarness;
let page: Page;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const db = h.server.db;
  const merchant = await createMerchant(db, { name: '好味餐饮' });
  const storeA = await createStore(db, merchant.id, '徐汇店');
  const storeB = await createStore(db, merchant.id, '静安店');
  await setStorePolicy(db, merchant.id, storeA.id);
  const campaign = await createCampaign(db, merchant.id, {
    kind: 'cash', title: '50元代金券', priceFen: 4_500, faceValueFen: 5_000, usesPerVoucher: 1,
    validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), storeIds: [storeA.id, storeB.id],
  });
  // The customer bought two vouchers online: the order made them a member.
  const secret = await h.server.sales.deps.channelSecrets.create(merchant.id, 'douyin');
  const paid = await new ChannelClient(h.server, merchant.id, secret).send<PaidAnswer>(paidEvent({ campaignId: campaign.id, phone: PHONE, quantity: 2 }));
  if (paid.status !== 200) throw new Error(`paid order: ${paid.status} ${JSON.stringify(paid.body)}`);
  const vouchers = await db.kysely.selectFrom('vouchers').select(['code', 'member_id']).where('order_id', '=', paid.body.orderId).execute();
  const terminal = await createTerminal(db, merchant.id, storeA.id, '徐汇店 1 号机');
  const sameStore = await SyncTerminal.pair(h.server, (await createTerminal(db, merchant.id, storeA.id, '徐汇店 2 号机')).id);
  const otherStore = await SyncTerminal.pair(h.server, (await createTerminal(db, merchant.id, storeB.id, '静安店 1 号机')).id);
  return { merchant, terminal, vouchers, memberId: String(vouchers[0]!.member_id), sameStore, otherStore };
}

/** The server's own count: active, uses left, not expired. */
async function heldOnServer(): Promise<number> {
  const [row] = await query(h.server.db, `SELECT count(*) AS n FROM vouchers WHERE member_id = ? AND status = 'active' AND redeemed < uses AND valid_until > ?`, [
    world.memberId, new Date().toISOString(),
  ]);
  return Number(row?.['n']);
}

async function find(phone: string): Promise<void> {
  await page.getByTestId('members-phone').fill(phone);
  await page.getByTestId('members-find').click();
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

describe('the Members screen in Chromium', () => {
  it('finds a member from an online order by phone, masked, with the vouchers the server counts', async () => {
    await page.getByTestId('nav-members').click();
    await find('138 0000 1234');
    await page.getByTestId('member-card').waitFor();
    expect(await page.getByTestId('member-phone').textContent()).toBe('138****1234');
    expect(await page.getByTestId('member-vouchers').textContent()).toBe(String(await heldOnServer()));
    expect(await heldOnServer()).toBe(2);
    // A manager signed in sees the whole number.
    await page.getByTestId('staff-pin').fill(MANAGER_PIN);
    await page.getByTestId('staff-sign-in').click();
    await page.getByTestId('staff-current').waitFor();
    expect(await page.getByTestId('member-phone').textContent()).toBe(PHONE);
  });

  it('edits the name offline; another store edits it too and syncs first; back online the card shows the overwritten value', async () => {
    await waitUntilSynced(page);
    h.proxy.set('cut');
    await page.getByTestId('member-edit-open').click();
    await page.getByTestId('member-edit-name').fill('王小明');
    await page.getByTestId('member-edit-level').fill('金卡');
    await screenshot(page, 'members-00-edit');
    await page.getByTestId('member-edit-save').click();
    await page.getByTestId('member-edits-pending').waitFor();
    expect(await page.getByTestId('member-name').textContent()).toBe('王小明');

    // The other store's terminal saw the same version and renames the member while this one is cut off.
    const seen = (await world.otherStore.pullAll()).changes.filter((c) => c.kind === 'member' && c.id === world.memberId).map((c) => MemberRow.parse(c.data));
    const baseVersion = seen.at(-1)!.version;
    const fromB = await world.otherStore.pushOk([world.otherStore.entry('member.patch@1', { patchId: randomUUID(), memberId: world.memberId, baseVersion, fields: { name: '王大明' } })]);
    expect(fromB.results[0]?.status).toBe('applied');

    h.proxy.set('open');
    await waitUntilSynced(page, 30_000);
    const conflict = page.getByTestId('member-conflict-name');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('「称呼」在别处也被修改过：原值 王大明 已被你的修改覆盖');
    await page.getByTestId('member-edits-pending').waitFor({ state: 'detached' });
    const [server] = await query(h.server.db, `SELECT name, level FROM members WHERE id = ?`, [world.memberId]);
    expect(server).toEqual({ name: '王小明', level: '金卡' });
    expect(await page.getByTestId('member-name').textContent()).toBe('王小明');
  });

  it('follows the vouchers held when one is redeemed elsewhere; after a reload a scanned phone opens the card with the conflict until dismissed', async () => {
    const redeemed = await world.sameStore.client.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: world.vouchers[0]!.code, count: 1, deviceTime: new Date().toISOString() });
    expect(redeemed.status).toBe(200);
    expect(await heldOnServer()).toBe(1);
    await expect.poll(() => page.getByTestId('member-vouchers').textContent(), { timeout: 15_000 }).toBe('1');

    await page.reload();
    await page.getByTestId('header-where').waitFor();
    await page.getByTestId('nav-members').click();
    // Scanned (a keyboard-wedge scanner's burst) with no field focused: the Members screen takes the member phone.
    await page.getByTestId('members-here').click();
    await page.keyboard.type(PHONE);
    await page.keyboard.press('Enter');
    await page.getByTestId('member-conflict-name').waitFor();
    expect(await page.getByTestId('members-phone').inputValue()).toBe('');
    expect(await page.getByTestId('member-vouchers').textContent()).toBe('1');
    await screenshot(page, 'members-01-conflict');
    await page.getByTestId('member-conflict-dismiss').click();
    await page.getByTestId('member-conflicts').waitFor({ state: 'detached' });
  });

  it('syncs members on demand after a manager PIN and says when', async () => {
    await page.getByTestId('members-sync-run').click();
    await approve(page);
    await expect.poll(() => page.getByTestId('members-sync-outcome').textContent(), { timeout: 15_000 }).toBe('同步完成');
    expect(await page.getByTestId('members-sync-last').textContent()).toMatch(/^上次同步 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.getByTestId('members-here').textContent()).toBe('本机会员 1 位');
  });

  it('enrols a new member offline and the server has it after sync', async () => {
    h.proxy.set('cut');
    await find('13900005678');
    await page.getByTestId('members-not-found').waitFor();
    await page.getByTestId('members-enrol-name').fill('陈女士');
    await page.getByTestId('members-enrol').click();
    await page.getByTestId('member-card').waitFor();
    expect(await page.getByTestId('member-name').textContent()).toBe('陈女士');
    await screenshot(page, 'members-02-enrolled-offline');
    h.proxy.set('open');
    await waitUntilSynced(page, 30_000);
    const rows = await query(h.server.db, `SELECT name FROM members WHERE merchant_id = ? AND phone = ?`, [world.merchant.id, '+8613900005678']);
    expect(rows).toEqual([{ name: '陈女士' }]);
  });
});
