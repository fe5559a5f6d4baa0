import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { ApiClient } from '../support/server/api-client';
import { screenshot, startHardwareHarness, typeAsKeyboard, writeQrCameraClip, type HardwareHarness } from './hardware-harness';

let h: HardwareHarness;
let clipDir: string;
const tills = { camera: '', scanner: '' };

/** The demo owner, signed in to the back office over HTTP. */
async function ownerClient(server: RunningServer): Promise<ApiClient> {
  const owner = server.demo?.backOffice?.find((u) => u.role === 'owner');
  if (!owner) throw new Error('the demo has no back-office owner');
  const res = await new ApiClient(server).post<{ token: string }>('/merchant/login', { merchant: server.demo!.merchant.code, login: owner.login, password: owner.password });
  return new ApiClient(server, res.body.token);
}

/** A new till in the demo store and the QR text of a fresh pairing code for it, from the back office. */
async function newTillQr(server: RunningServer, name: string): Promise<{ id: string; qr: string }> {
  const owner = await ownerClient(server);
  const storeId = (await server.db.kysely.selectFrom('stores').select('id').where('name', '=', server.demo!.store.name).executeTakeFirstOrThrow()).id;
  const till = await owner.post<{ id: string }>(`/merchant/stores/${storeId}/terminals`, { name });
  const code = await owner.post<{ qrPayload: string }>(`/merchant/terminals/${till.body.id}/pairing-code`, {});
  if (code.status !== 200) throw new Error(`no pairing code: ${JSON.stringify(code.body)}`);
  return { id: till.body.id, qr: code.body.qrPayload };
}

beforeAll(async () => {
  clipDir = mkdtempSync(join(tmpdir(), 'hexiao-pair-camera-'));
  const clip = join(clipDir, 'pairing-qr.y4m');
  h = await startHardwareHarness({
    chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`],
    beforeBrowser: async (server) => {
      const till = await newTillQr(server, '扫码收银台');
      tills.camera = till.id;
      writeQrCameraClip(clip, till.qr);
    },
  });
}, 180_000);

afterAll(async () => {
  await h?.close();
  rmSync(clipDir, { recursive: true, force: true });
});

describe('pairing a till with the back office’s QR code, in Chromium', () => {
  it('pairs from the camera: the QR carries the server and the code', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
    await page.goto(h.pos.url);
    await page.getByTestId('pairing-form').waitFor();
    expect(await page.getByTestId('pairing-form').textContent()).toContain('/admin');
    await screenshot(page, 'pairing-qr-form');
    await page.getByTestId('pairing-camera').click();
    await expect.poll(() => page.getByTestId('header-where').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('header-where').textContent()).toContain('扫码收银台');
    await screenshot(page, 'pairing-qr-camera');
    await page.close();
  }, 90_000);

  it('pairs from a keyboard-wedge scan of the QR into the form, as a second till of the store', async () => {
    const till = await newTillQr(h.server, '扫码枪收银台');
    tills.scanner = till.id;
    const context = await h.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(h.pos.url);
    await page.getByTestId('pairing-form').waitFor();
    await page.getByTestId('pairing-code').focus();
    await typeAsKeyboard(page, till.qr, 5);
    await expect.poll(() => page.getByTestId('header-where').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('header-where').textContent()).toContain('扫码枪收银台');

    const paired = await h.server.db.kysely.selectFrom('terminals').select(['id', 'token_hash']).where('id', 'in', [tills.camera, tills.scanner]).execute();
    expect(paired.filter((t) => t.token_hash !== null)).toHaveLength(2);
    // Its first sync tells the back office the app version and the (empty) outbox.
    const owner = await ownerClient(h.server);
    const status = async () => (await owner.get<{ appVersion: string | null; pendingOutbox: number | null; lastSyncAt: string | null }>(`/merchant/terminals/${till.id}`)).body;
    await expect.poll(async () => (await status()).lastSyncAt !== null, { timeout: 20_000 }).toBe(true);
    expect(await status()).toMatchObject({ appVersion: '0.1.0', pendingOutbox: 0 });
    await context.close();
  }, 90_000);

  it('says so when the scanned QR is not a pairing code, and pairs nothing', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(h.pos.url);
    await page.getByTestId('pairing-server').fill(h.server.url);
    await page.getByTestId('pairing-code').fill('hexiao-pair:1?server=nowhere');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('pairing-problem').textContent()).toContain('不是配对二维码');
    await context.close();
  });
});
