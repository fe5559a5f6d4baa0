import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminal } from '../../server/repositories/merchant-setup';
import { ChannelClient, paidEvent } from '../integration/sales/support/channel-client';
import { SyncTerminal } from '../integration/sync/support/sync-terminal';
import { BACKENDS } from '../support/server/backends';
import { buildAdminAndPos, runAdminCli, shootScreen, startAdminServer, type AdminBuilds, type AdminServer } from './admin-harness';
import { signInAtCounter } from './counter-steps';
import { storedRows } from './offline-harness';

const OWNER = { login: 'owner@e2e.test', password: 'owner-pass-2026' };
/** The counter cashier the owner adds in the back office; every redemption names who made it. */
const CASHIER = { name: '收银小陈', pin: '2580' };
let builds: AdminBuilds;

beforeAll(async () => {
  builds = await buildAdminAndPos();
}, 240_000);
afterAll(async () => {
  await builds?.close();
});

/** Element Plus's confirm and prompt boxes: the primary button. */
async function confirmBox(page: Page): Promise<void> {
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.locator('.el-message-box').waitFor({ state: 'hidden' });
}

/** The 12-digit codes the console provider texted to buyers. */
function codesIn(messages: readonly string[]): string[] {
  return [...messages.join('\n').matchAll(/(\d{4}) ?(\d{4}) ?(\d{4})/g)].map((m) => `${m[1]}${m[2]}${m[3]}`);
}

describe.each(BACKENDS)('the back office from an empty database, in Chromium (%s)', (kind) => {
  let s: AdminServer;
  let admin: Page;
  let pos: Page;
  const shots = kind === 'sqlite';
  const shoot = (name: string) => (shots ? shootScreen(admin, name, 'office') : Promise.resolve());

  beforeAll(async () => {
    s = await startAdminServer(kind, builds.adminDir);
    admin = await builds.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    pos = await builds.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  }, 60_000);
  afterAll(async () => {
    await admin?.close();
    await pos?.close();
    await s?.stop();
  });

  it('creates the merchant and its owner from the command line, who signs in at /admin', async () => {
    const made = await runAdminCli(s.backend, ['merchant', 'create', '--name', '好味道', '--code', 'haowei', '--owner-login', OWNER.login, '--owner-password', OWNER.password]);
    expect(made.code, made.stderr).toBe(0);

    await admin.goto(`${s.server.url}/admin`);
    await admin.getByTestId('login-card').waitFor();
    await shoot('login');
    await admin.getByTestId('login-merchant').fill('haowei');
    await admin.getByTestId('login-name').fill(OWNER.login);
    await admin.getByTestId('login-password').fill('wrong-password');
    await admin.getByTestId('login-submit').click();
    await expect.poll(() => admin.getByTestId('login-error').textContent()).toContain('登录名或密码错误');
    await admin.getByTestId('login-password').fill(OWNER.password);
    await admin.getByTestId('login-submit').click();
    await admin.getByTestId('side-menu').waitFor();
    expect(await admin.getByTestId('merchant-name').textContent()).toBe('好味道');
    expect(admin.url()).toBe(`${s.server.url}/admin/dashboard`);
  });

  it('creates a store and a till, mints a pairing code, and a POS pairs with it', async () => {
    await admin.getByTestId('nav-stores').click();
    await admin.getByTestId('new-store').click();
    await admin.getByTestId('store-name').fill('一号店');
    await admin.getByTestId('store-address').fill('人民路 1 号');
    await admin.getByTestId('store-save').click();
    await expect.poll(() => admin.getByTestId('tills-title').textContent()).toContain('一号店');

    await admin.getByTestId('new-terminal').click();
    await admin.locator('.el-message-box input').fill('前台 1');
    await confirmBox(admin);
    await admin.getByTestId('pair-前台 1').click();
    const code = (await admin.getByTestId('pairing-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await admin.getByTestId('pairing-expires').textContent()).toMatch(/剩余有效时间 1[45]:\d\d/);
    await admin.getByTestId('pairing-qr').waitFor();
    if (shots) await admin.screenshot({ path: 'test-results/admin/office-pairing-1366x768-zh-CN.png' });
    await admin.keyboard.press('Escape');

    await pos.goto(builds.pos.url);
    await pos.getByTestId('pairing-form').waitFor();
    await pos.getByTestId('pairing-server').fill(s.server.url);
    await pos.getByTestId('pairing-code').fill(code);
    await pos.getByTestId('pairing-submit').click();
    await expect.poll(() => pos.getByTestId('header-where').textContent(), { timeout: 15_000 }).toContain('前台 1');
    expect(await pos.getByTestId('header-where').textContent()).toContain('一号店');

    await admin.reload();
    await expect.poll(() => admin.getByTestId('terminal-status-前台 1').textContent()).toContain('已配对');
    await shoot('stores');
  });

  let codes: string[] = [];

  it('creates and publishes a campaign, sets up a channel secret, and a signed order.paid issues vouchers', async () => {
    await admin.getByTestId('nav-campaigns').click();
    await admin.getByTestId('new-campaign').click();
    await admin.getByTestId('campaign-title').fill('双人套餐');
    await admin.getByTestId('campaign-stores').click();
    await admin.locator('.el-select-dropdown__item', { hasText: '一号店' }).click();
    await admin.keyboard.press('Escape');
    await admin.getByTestId('campaign-price').fill('99');
    await admin.getByTestId('campaign-face').fill('abc');
    await admin.getByTestId('campaign-save').click();
    await expect.poll(() => admin.getByTestId('campaign-form').textContent()).toContain('请输入金额');
    await admin.getByTestId('campaign-face').fill('168');
    await expect.poll(() => admin.getByTestId('usable-days').textContent()).toBe('共 31 天可用');
    if (shots) await admin.screenshot({ path: 'test-results/admin/office-campaign-editor-1366x768-zh-CN.png' });
    await admin.getByTestId('campaign-save').click();
    await expect.poll(() => admin.getByTestId('campaign-status-双人套餐').textContent()).toContain('草稿');
    await admin.getByTestId('publish-双人套餐').click();
    await confirmBox(admin);
    await expect.poll(() => admin.getByTestId('campaign-status-双人套餐').textContent()).toContain('已发布');

    await admin.getByTestId('channel-name').fill('douyin');
    await admin.getByTestId('channel-create').click();
    const secret = (await admin.getByTestId('channel-secret').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await shoot('campaigns');

    const merchant = await s.server.db.kysely.selectFrom('merchants').select('merchant_id').executeTakeFirstOrThrow();
    const campaign = await s.server.db.kysely.selectFrom('campaigns').select(['id', 'price_fen', 'face_value_fen', 'status']).where('title', '=', '双人套餐').executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ price_fen: 9900, face_value_fen: 16800, status: 'published' });
    const paid = await new ChannelClient(s.server, merchant.merchant_id, secret).send<{ vouchers: unknown[] }>(
      paidEvent({ campaignId: campaign.id, phone: '13800138000', quantity: 2 }),
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.vouchers).toHaveLength(2);
    await expect.poll(() => codesIn(s.messages).length, { timeout: 15_000 }).toBe(2);
    codes = codesIn(s.messages);
  });

  it('adds a cashier for the store in Staff & settings, whom the POS lets sign in with their PIN before redeeming', async () => {
    // A merchant made from nothing has no counter staff: the 核销 screen asks for a cashier and takes no code.
    await pos.getByTestId('redeem-sign-in-first').waitFor();
    expect(await pos.getByTestId('code-input').count()).toBe(0);

    await admin.getByTestId('nav-staff').click();
    await admin.getByRole('tab', { name: '收银员' }).click();
    await expect.poll(() => admin.getByTestId('staff-store').textContent()).toContain('一号店');
    const counterRows = admin.locator('[data-testid=counter-users] .el-table__body-wrapper tr.el-table__row');
    await expect.poll(() => counterRows.count()).toBe(0);
    await admin.getByTestId('counter-user-add').click();
    const form = admin.locator('.el-dialog:visible');
    await form.locator('input[data-testid="counter-user-name"], [data-testid="counter-user-name"] input').first().fill(CASHIER.name);
    await form.locator('input[data-testid="counter-user-pin-input"], [data-testid="counter-user-pin-input"] input').first().fill(CASHIER.pin);
    await admin.getByTestId('counter-user-save').click();
    await expect.poll(() => counterRows.count()).toBe(1);
    expect(await counterRows.first().textContent()).toContain(CASHIER.name);
    expect(await counterRows.first().textContent()).toContain('收银员');

    // The POS mirrors its store's staff by sync (nudged at once, or on its 30-second pull at the
    // latest), then checks the PIN on its own.
    await expect.poll(async () => (await storedRows<{ name: string }>(pos, 'terminalUsers')).map((u) => u.name), { timeout: 35_000 }).toEqual([CASHIER.name]);
    await signInAtCounter(pos, CASHIER.pin);
    expect(await pos.getByTestId('staff-current').textContent()).toContain(CASHIER.name);
  }, 60_000);

  it('redeems a voucher at the POS and the open dashboard shows it within a second', async () => {
    await admin.getByTestId('nav-dashboard').click();
    await expect.poll(() => admin.getByTestId('live-state').textContent()).toContain('实时连接中');
    expect(await admin.getByTestId('kpi-redemptions').textContent()).toBe('0');

    // The live panel's delivery counts are the merchant's messages of today, by channel and state:
    // the two vouchers of the signed order.paid were texted, so SMS has two messages in all.
    const panelCounts = () =>
      admin.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll<HTMLElement>('[data-testid^="live-sms-"], [data-testid^="live-dm-"]')].map((el) => [
            el.dataset['testid']!.replace('live-', ''),
            Number(el.dataset['count']),
          ]),
        ),
      );
    const tableCounts = async () => {
      const counts: Record<string, number> = {};
      for (const channel of ['sms', 'dm']) for (const state of ['queued', 'sent', 'delivered', 'failed']) counts[`${channel}-${state}`] = 0;
      const rows = await s.server.db.kysely.selectFrom('notifications').select(['channel', 'state']).execute();
      for (const row of rows) counts[`${row.channel === 'dm' ? 'dm' : 'sms'}-${row.state}`]! += 1;
      return counts;
    };
    await expect.poll(async () => JSON.stringify(await panelCounts()) === JSON.stringify(await tableCounts()), { timeout: 5000 }).toBe(true);
    const shown = await panelCounts();
    expect(['queued', 'sent', 'delivered', 'failed'].reduce((sum, state) => sum + shown[`sms-${state}`]!, 0)).toBe(2);
    expect(await admin.getByTestId('live-delivery-sms').textContent()).toContain('短信');
    expect(await admin.getByTestId('live-sms-failed').textContent()).toContain(`失败 ${shown['sms-failed']}`);
    expect(await admin.getByTestId('live-per-minute-双人套餐').textContent()).toMatch(/^近 1 分钟 \d+ 单$/);

    await expect.poll(() => pos.evaluate(() => document.activeElement?.id)).toBe('voucher-code');
    await pos.keyboard.type(codes[0]!);
    await pos.keyboard.press('Enter');
    await pos.getByTestId('preview').waitFor();
    expect(await pos.getByTestId('preview-title').textContent()).toContain('双人套餐');
    await pos.keyboard.press('Enter');
    await pos.getByTestId('outcome-success').waitFor();

    await expect.poll(() => admin.getByTestId('kpi-redemptions').textContent(), { timeout: 1000, interval: 50 }).toBe('1');
    expect(await admin.getByTestId('kpi-face').textContent()).toBe('￥168.00');
    await admin.getByTestId('chart-stores').waitFor();
    await shoot('dashboard');
  });

  it('support looks the voucher up by code and sees where and when it was redeemed', async () => {
    await admin.getByTestId('nav-support').click();
    await admin.getByTestId('support-code').fill('1234 5678 9012');
    await admin.getByTestId('support-lookup').click();
    await expect.poll(() => admin.getByTestId('support-error').textContent()).toMatch(/券码|不存在/);
    await admin.getByTestId('support-code').fill(codes[0]!);
    await admin.getByTestId('support-lookup').click();
    const history = admin.getByTestId('support-history');
    await expect.poll(() => history.textContent()).toContain('一号店 · 前台 1');
    expect(await history.textContent()).toContain('发券');
    expect(await history.textContent()).toContain('在线核销 1 次，成功');
    expect(await history.textContent()).toContain(CASHIER.name);
    expect(await admin.getByTestId('support-voucher').textContent()).toContain('1 / 1');
    expect(await admin.getByTestId('support-voucher').textContent()).toContain('已用完');
    await shoot('support');
  });

  it('downloads a settlement CSV whose rows are the ledger’s rows', async () => {
    await admin.getByTestId('nav-settlement').click();
    await expect.poll(() => admin.getByTestId('settlement-totals').textContent()).toContain('￥198.00');
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('settlement-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toBe('type,at,date,campaign_id,campaign_title,store_id,store_name,reference_id,units,amount_fen,face_value_fen');
    const rows = lines.map((line) => {
      const cells = line.split(',');
      return { type: cells[0], reference: cells[7], units: Number(cells[8]), amountFen: Number(cells[9]), faceFen: cells[10] ? Number(cells[10]) : null };
    });
    const db = s.server.db.kysely;
    const orders = await db.selectFrom('orders').select(['id', 'quantity', 'unit_price_fen']).where('state', '=', 'paid').execute();
    const redemptions = await db.selectFrom('redemptions').select(['redemption_id', 'count']).where('outcome', '=', 'accepted').execute();
    expect(rows.sort((a, b) => a.type!.localeCompare(b.type!))).toEqual([
      ...redemptions.map((r) => ({ type: 'redemption', reference: r.redemption_id, units: Number(r.count), amountFen: 0, faceFen: 16800 * Number(r.count) })),
      ...orders.map((o) => ({ type: 'sale', reference: o.id, units: Number(o.quantity), amountFen: Number(o.quantity) * Number(o.unit_price_fen), faceFen: null })),
    ]);
    await shoot('settlement');
  });

  it('shows a provisional offline over-use in the conflict queue and resolves it', async () => {
    const db = s.server.db.kysely;
    const store = await db.selectFrom('stores').select(['id', 'merchant_id']).where('name', '=', '一号店').executeTakeFirstOrThrow();
    const backTill = await createTerminal(s.server.db, store.merchant_id, store.id, '后厨 2');
    const till = await SyncTerminal.pair(s.server, backTill.id);
    const pushed = await till.pushOk([till.redeem(codes[0]!, { basis: 'provisional' })]);
    expect(pushed.results[0]?.result).toMatchObject({ outcome: 'conflict' });

    await admin.getByTestId('nav-conflicts').click();
    const table = admin.getByTestId('conflict-table');
    await expect.poll(() => table.textContent()).toContain('一号店 · 后厨 2');
    expect(await table.textContent()).toContain('一号店 · 前台 1');
    await shoot('conflicts');
    await admin.getByTestId('conflict-resolve').click();
    await admin.getByTestId('conflict-save').click();
    await expect.poll(() => admin.locator('.el-dialog').last().textContent()).toContain('请求内容无效');
    await admin.getByTestId('conflict-note').fill('顾客在两台收银机各用了一次，已联系退款');
    await admin.getByTestId('conflict-save').click();
    await expect.poll(() => table.textContent()).toContain('没有冲突');
    const conflict = await db.selectFrom('redemption_conflicts').select(['status', 'decision', 'note', 'terminal_id', 'reason']).executeTakeFirstOrThrow();
    // The over-use itself, not one of the store's offline rules (the default policy allows this one).
    expect(conflict).toEqual({ status: 'resolved', decision: 'accept_loss', note: '顾客在两台收银机各用了一次，已联系退款', terminal_id: backTill.id, reason: 'VOUCHER_EXHAUSTED' });
  });

  it('adds a finance user, lists members, and the audit log shows who set the tills up', async () => {
    await admin.getByTestId('nav-staff').click();
    await admin.getByTestId('new-user').click();
    const form = admin.locator('.el-dialog').last();
    await form.locator('input').nth(0).fill('finance@e2e.test');
    await form.locator('input').nth(1).fill('财务小李');
    await form.getByText('财务', { exact: true }).click();
    await form.locator('input[type="password"]').fill('finance-pass-2026');
    await form.locator('.el-button--primary').click();
    await expect.poll(() => admin.getByTestId('user-table').textContent()).toContain('finance@e2e.test');
    const finance = await s.server.db.kysely.selectFrom('merchant_users').select(['role', 'name']).where('login', '=', 'finance@e2e.test').executeTakeFirstOrThrow();
    expect(finance).toEqual({ role: 'finance', name: '财务小李' });
    await shoot('staff');

    await admin.getByTestId('nav-members').click();
    await admin.getByTestId('member-table').waitFor();
    await shoot('members');

    await admin.getByTestId('nav-audit').click();
    await expect.poll(() => admin.getByTestId('audit-table').textContent()).toContain('terminal.pairing_code_minted');
    expect(await admin.getByTestId('audit-table').textContent()).toContain('store.create');
    await shoot('audit');
  });

  it('issues a voucher by hand to a phone, then voids it from the support look-up', async () => {
    await admin.getByTestId('nav-campaigns').click();
    await admin.getByTestId('issue-双人套餐').click();
    await admin.getByTestId('issue-phone').fill('13900139000');
    await admin.getByTestId('issue-save').click();
    await expect.poll(() => admin.getByTestId('issued').textContent()).toContain('已发出 1 张券');
    await admin.keyboard.press('Escape');
    await expect.poll(() => codesIn(s.messages).length, { timeout: 15_000 }).toBe(3);
    const [handIssued] = codesIn(s.messages).filter((code) => !codes.includes(code));

    await admin.getByTestId('nav-support').click();
    await admin.getByTestId('support-code').fill(handIssued!);
    await admin.getByTestId('support-lookup').click();
    await admin.getByTestId('support-void').click();
    await admin.locator('.el-message-box input').fill('顾客改约，重新发券');
    await confirmBox(admin);
    await expect.poll(() => admin.getByTestId('support-voucher').textContent()).toContain('已作废');
    const voucher = await s.server.db.kysely.selectFrom('vouchers').select('status').where('code', '=', handIssued!).executeTakeFirstOrThrow();
    expect(voucher.status).toBe('void');
  });

  it('sends a user whose session ended back to sign-in, saying why, and shows API errors in English too', async () => {
    // The session ends elsewhere (signed out in another tab): the next call is refused.
    const status = await admin.evaluate(async () => {
      const token = window.localStorage.getItem('hexiao.admin.token');
      const res = await fetch('/api/v1/merchant/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      return res.status;
    });
    expect(status).toBe(200);
    await admin.getByTestId('nav-dashboard').click();
    await admin.getByTestId('login-card').waitFor();
    expect(await admin.getByTestId('login-card').textContent()).toContain('登录已过期，请重新登录');
    expect(new URL(admin.url()).searchParams.get('next')).toBe('/dashboard');

    await admin.getByTestId('language-en').click();
    await admin.getByTestId('login-name').fill(OWNER.login);
    await admin.getByTestId('login-password').fill('not-the-password');
    await admin.getByTestId('login-submit').click();
    await expect.poll(() => admin.getByTestId('login-error').textContent()).toBe('Wrong login name or password');
    await admin.getByTestId('login-password').fill(OWNER.password);
    await admin.getByTestId('login-submit').click();
    await admin.getByTestId('dashboard').waitFor();
    expect(await admin.getByTestId('side-menu').textContent()).toContain('Stores & counters');
  });
});
