import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { auditRows, signIn } from '../integration/backoffice/support/backoffice-world';
import { screenshots, signInPage, type SectionsWorld } from './admin-sections-world';

interface CounterUser { name: string; role: string; active: boolean }
const rows = (page: Page, table: string) => page.locator(`[data-testid=${table}] .el-table__body-wrapper tr.el-table__row`);
const row = (page: Page, table: string, text: string) => rows(page, table).filter({ hasText: text });
/** An Element Plus field by test id, whether the id sits on the input or on its wrapper. */
const field = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const dialog = (page: Page) => page.locator('.el-dialog:visible');

/** The owner sets up counter staff, back-office users, counter settings and the offline policy on the screen. */
export async function ownerSetsUpStaff(page: Page, w: SectionsWorld): Promise<void> {
  const storeA = w.world.stores.a.id;
  const counterUsers = async () => (await w.owner.get<{ users: CounterUser[] }>(`/merchant/stores/${storeA}/terminal-users`)).body.users;
  await page.getByTestId('nav-staff').click();
  await page.getByRole('tab', { name: '收银员' }).click();
  await expect.poll(() => rows(page, 'counter-users').count()).toBe(1);

  await page.getByTestId('counter-user-add').click();
  await field(page, 'counter-user-name').fill('小李');
  await dialog(page).locator('.el-radio-button', { hasText: '店长' }).click();
  await field(page, 'counter-user-pin-input').fill('2468');
  await page.getByTestId('counter-user-save').click();
  await expect.poll(() => rows(page, 'counter-users').count()).toBe(2);
  expect((await counterUsers()).find((u) => u.name === '小李')).toMatchObject({ role: 'manager', active: true });

  // The same PIN twice at one store: refused in the reader's language, nobody added.
  await page.getByTestId('counter-user-add').click();
  await field(page, 'counter-user-name').fill('小赵');
  await field(page, 'counter-user-pin-input').fill('2468');
  await page.getByTestId('counter-user-save').click();
  await expect.poll(() => page.getByTestId('counter-user-error').textContent()).toContain('本店已有员工使用这个 PIN');
  expect((await counterUsers()).map((u) => u.name).sort()).toEqual(['小李', '小王'].sort());
  await dialog(page).getByRole('button', { name: '取消' }).click();

  await row(page, 'counter-users', '小李').getByTestId('counter-user-toggle').click();
  await expect.poll(async () => (await counterUsers()).find((u) => u.name === '小李')?.active).toBe(false);
  await row(page, 'counter-users', '小王').getByTestId('counter-user-pin').click();
  await field(page, 'counter-user-pin-input').fill('1357');
  await page.getByTestId('counter-user-save').click();
  await expect.poll(async () => (await auditRows(w.server.db, w.world.merchant.id)).filter((r) => r.action === 'terminal_user.pin_change').length).toBe(1);
  await screenshots(page, 'staff-counter', 'zh-CN');

  // Back-office users: a finance user added, the manager's password reset and usable.
  await page.getByRole('tab', { name: '后台账号' }).click();
  await expect.poll(() => rows(page, 'user-table').count()).toBe(2);
  // A password too short: the field says so, in the reader's language, and nobody is added.
  await page.getByTestId('new-user').click();
  await field(page, 'office-user-login').fill(`short-${w.world.merchant.id.slice(0, 8)}@main.test`);
  await field(page, 'office-user-name').fill('短密码');
  await field(page, 'office-user-password-input').fill('short');
  await page.getByTestId('office-user-save').click();
  await expect.poll(() => dialog(page).locator('.el-form-item__error').count()).toBe(1);
  expect(await page.getByTestId('office-user-error').textContent()).not.toMatch(/[a-z]{4}/);
  expect((await w.owner.get<{ items: unknown[] }>('/merchant/users')).body.items.length).toBe(2);
  await dialog(page).getByRole('button', { name: '取消' }).click();

  await page.getByTestId('new-user').click();
  await field(page, 'office-user-login').fill(`fin-${w.world.merchant.id.slice(0, 8)}@main.test`);
  await field(page, 'office-user-name').fill('财务小张');
  await dialog(page).locator('.el-radio-button', { hasText: '财务' }).click();
  await field(page, 'office-user-password-input').fill('finance-pass-1');
  await page.getByTestId('office-user-save').click();
  await expect.poll(() => rows(page, 'user-table').count()).toBe(3);
  const users = (await w.owner.get<{ items: { name: string; role: string }[] }>('/merchant/users')).body.items;
  expect(users.find((u) => u.name === '财务小张')?.role).toBe('finance');
  await row(page, 'user-table', '经理').getByTestId('office-user-password').click();
  await field(page, 'office-user-password-input').fill('manager-secret-2');
  await page.getByTestId('office-user-save').click();
  await expect.poll(async () => (await signIn(w.server, w.world.manager.login, 'manager-secret-2').then(() => true, () => false))).toBe(true);
  await expect.poll(() => dialog(page).count()).toBe(0);
  // The manager is given store B.
  await row(page, 'user-table', '经理').getByTestId('office-user-stores').click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: 'B 店' }).click();
  await page.keyboard.press('Escape');
  const manager = async () => (await w.owner.get<{ storeIds: string[] }>(`/merchant/users/${w.world.manager.id}`)).body.storeIds;
  await expect.poll(manager).toEqual([w.world.stores.b.id]);
  await screenshots(page, 'staff-office', 'zh-CN');

  // Counter settings in yuan, kept in fen; a word where an amount belongs changes nothing.
  await page.getByRole('tab', { name: '收银设置' }).click();
  await field(page, 'setting-discount.managerPinAboveFen').fill('80');
  await page.getByTestId('counter-settings-save').click();
  const settings = async () => (await w.owner.get<{ discount: { managerPinAboveFen: number } }>('/merchant/counter-settings')).body;
  await expect.poll(async () => (await settings()).discount.managerPinAboveFen).toBe(8000);
  await field(page, 'setting-discount.managerPinAboveFen').fill('八十');
  await page.getByTestId('counter-settings-save').click();
  await expect.poll(() => page.locator('[data-testid=counter-settings] .el-form-item__error').count()).toBe(1);
  expect((await settings()).discount.managerPinAboveFen).toBe(8000);

  await page.getByRole('tab', { name: '离线策略' }).click();
  await field(page, 'setting-maxValueFenPerTerminal').fill('300');
  await page.getByTestId('offline-policy-save').click();
  await expect.poll(async () => (await w.owner.get<{ maxValueFenPerTerminal: number }>(`/merchant/stores/${storeA}/offline-policy`)).body.maxValueFenPerTerminal).toBe(30000);
  // The owner approves offline redemptions at store A with a PIN; a PIN of letters is refused at the field.
  const approvers = async () => (await w.owner.get<{ managers: { managerId: string }[] }>(`/merchant/stores/${storeA}/offline-policy`)).body.managers;
  await page.getByTestId('offline-approver-user').click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '店主' }).click();
  await field(page, 'offline-approver-pin').fill('ab12');
  await page.getByTestId('offline-approver-add').click();
  await expect.poll(() => page.locator('[data-testid=offline-policy] .el-form-item__error').count()).toBe(1);
  expect(await approvers()).toEqual([]);
  await field(page, 'offline-approver-pin').fill('8642');
  await page.getByTestId('offline-approver-add').click();
  await expect.poll(() => rows(page, 'offline-approvers').count()).toBe(1);
  expect((await approvers()).map((m) => m.managerId)).toEqual([w.world.owner.id]);
  await screenshots(page, 'staff-offline', 'zh-CN');
}

/** A manager sees their store's counter staff and reads, without changing, everything an owner decides. */
export async function managerSeesOnlyTheirs(browser: Browser, w: SectionsWorld): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    await signInPage(page, w.server, w.world.manager.login, 'manager-secret-2', 'zh-CN');
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await page.getByTestId('nav-staff').click();
    await page.getByRole('tab', { name: '收银员' }).click();
    await expect.poll(() => page.getByTestId('staff-store').textContent()).toContain('B 店');
    await page.getByRole('tab', { name: '后台账号' }).click();
    await expect.poll(() => rows(page, 'user-table').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('new-user').count()).toBe(0);
    await page.getByRole('tab', { name: '收银设置' }).click();
    await page.getByTestId('counter-settings').waitFor();
    expect(await page.getByTestId('counter-settings-save').count()).toBe(0);
    expect(await field(page, 'setting-discount.managerPinAboveFen').isDisabled()).toBe(true);
  } finally {
    await page.close();
  }
}
