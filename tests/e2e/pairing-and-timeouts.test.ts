import { setTimeout as delay } from 'node:timers/promises';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVoucherCode } from '../../core/voucher-code';
import { signInAtCounter } from './counter-steps';
import { screenshot, startPosHarness, type PosHarness } from './pos-harness';

let h: PosHarness;
let page: Page;

beforeAll(async () => {
  h = await startPosHarness();
  page = await h.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** The unused 1-use vouchers of the paired store, one per test. */
const spareCodes = (): string[] =>
  h.server.demo!.vouchers.filter((v) => v.uses === 1 && v.storeNames.includes(h.server.demo!.store.name)).map((v) => v.code);

async function redeemOnce(code: string): Promise<void> {
  await page.getByTestId('code-input').fill(formatVoucherCode(code));
  await page.keyboard.press('Enter');
  await page.getByTestId('preview').waitFor();
  await page.keyboard.press('Enter');
}

async function ledgerRows(): Promise<{ redemption_id: string; count: number }[]> {
  return h.server.db.kysely.selectFrom('redemptions').select(['redemption_id', 'count']).execute();
}

function redemptionIdOf(request: Request): string {
  return (request.postDataJSON() as { redemptionId: string }).redemptionId;
}

describe('pairing by hand and redeeming through a bad network, in Chromium', () => {
  it('shows the pairing screen, refuses a wrong code, then pairs', async () => {
    await page.goto(h.pos.url);
    await page.getByTestId('pairing-form').waitFor();
    await page.getByTestId('pairing-server').fill(h.server.url);
    await page.getByTestId('pairing-code').fill('WRONG-CODE');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('pairing-problem').textContent()).toContain('配对码错误');
    await screenshot(page, '07-pairing-refused');

    await page.getByTestId('pairing-code').fill(h.server.demo!.pairingCode);
    await page.getByTestId('pairing-submit').click();
    await expect.poll(() => page.getByTestId('header-where').textContent()).toContain(h.server.demo!.terminal.name);
    // 核销 names who redeems: the demo cashier 小王 signs in.
    await signInAtCounter(page, '1234');
  });

  it('reconciles a redeem whose answer timed out, and the server records it once', async () => {
    const [code] = spareCodes();
    const statusAsks: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/redemptions/')) statusAsks.push(request.url());
    });
    // The server handles the redeem, but its answer arrives after the POS gave up waiting.
    await page.route('**/api/v1/vouchers/redeem', async (route) => {
      const response = await route.fetch();
      await delay(3_600);
      await route.fulfill({ response }).catch(() => undefined);
    });
    await redeemOnce(code!);
    await page.getByTestId('outcome-success').waitFor({ timeout: 15_000 });
    await page.unroute('**/api/v1/vouchers/redeem');
    expect(statusAsks).toHaveLength(1);
    const rows = await ledgerRows();
    expect(rows).toHaveLength(1);
    expect(statusAsks[0]).toContain(rows[0]!.redemption_id);
  });

  it('keeps the same redemption id through an outage: redeemed offline under it and recorded once', async () => {
    const [, code] = spareCodes();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/vouchers/redeem')) sent.push(redemptionIdOf(request));
    });
    await page.route('**/api/v1/vouchers/redeem', (route) => route.abort('internetdisconnected'));
    await page.route('**/api/v1/redemptions/**', (route) => route.abort('internetdisconnected'));
    await redeemOnce(code!);
    // No answer and no status: the leased voucher is redeemed offline, under the same id, through the outbox.
    await page.getByTestId('outcome-offline').waitFor({ timeout: 15_000 });
    await screenshot(page, '08-offline-after-outage');

    await page.unroute('**/api/v1/vouchers/redeem');
    await page.unroute('**/api/v1/redemptions/**');
    await expect.poll(() => page.getByTestId('recent-item').first().textContent(), { timeout: 15_000 }).toContain('成功');
    expect(sent).toHaveLength(1);
    const rows = await ledgerRows();
    expect(rows).toHaveLength(2);
    expect(rows.filter((row) => row.redemption_id === sent[0])).toHaveLength(1);
    await screenshot(page, '09-after-outage');
  });
});
