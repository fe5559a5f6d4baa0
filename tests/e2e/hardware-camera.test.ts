import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskCode } from '../../core/voucher-code';
import { signVoucherQr } from '../../core/voucher-qr';
import { signInAtCounter } from './counter-steps';
import { screenshot, startHardwareHarness, writeQrCameraClip, type HardwareHarness } from './hardware-harness';

let h: HardwareHarness;
let clipDir: string;
const code = { value: '' };

beforeAll(async () => {
  clipDir = mkdtempSync(join(tmpdir(), 'hexiao-camera-'));
  const clip = join(clipDir, 'voucher-qr.y4m');
  // The clip must exist before Chromium starts; the voucher is picked from demo data the server seeds.
  h = await startHardwareHarness({
    chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`],
    // Signed with the merchant's own key, as issuance does: once the POS has synced the merchant's
    // public keys it verifies the token, so a key it does not know would be refused.
    beforeBrowser: async (server) => {
      const demo = server.demo!;
      const voucher = demo.vouchers.find((v) => v.uses === 2 && v.remaining === 2 && v.storeNames.includes(demo.store.name));
      if (!voucher) throw new Error('no unused 2-use demo voucher for the paired store');
      code.value = voucher.code;
      const row = await server.db.kysely.selectFrom('vouchers').select('id').where('code', '=', voucher.code).executeTakeFirstOrThrow();
      const signingKey = await server.sales.deps.keys.activeSigningKey(demo.merchant.id);
      const token = signVoucherQr({ voucherId: row.id, merchantId: demo.merchant.id, code: voucher.code, expiresAt: Math.floor(Date.now() / 1000) + 3600, uses: 2 }, signingKey);
      if (!token.ok) throw new Error(token.message);
      writeQrCameraClip(clip, token.value);
    },
  });
}, 180_000);

afterAll(async () => {
  await h?.close();
  rmSync(clipDir, { recursive: true, force: true });
});

describe('camera QR reading in Chromium', () => {
  it('reads a signed voucher QR held up to the camera and opens its preview for the cashier to confirm', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(h.launchUrl());
    await signInAtCounter(page, '1234');
    await page.getByTestId('ready').waitFor();
    await page.getByTestId('open-camera').click();
    await page.getByTestId('camera').waitFor();
    await screenshot(page, 'hw-08-camera');
    await page.getByTestId('preview').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('camera').count()).toBe(0);
    expect(await page.getByTestId('preview-code').textContent()).toBe(maskCode(code.value));
    await screenshot(page, 'hw-09-camera-preview');
    await page.keyboard.press('Enter');
    await page.getByTestId('outcome-success').waitFor();
    // Chromium's first page of the run (and the POS's first sync) can take most of the default 30 s on a loaded box.
  }, 90_000);
});
