import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVoucherCode } from '../../../../core/voucher-code';
import { generateQrSigningKey, signVoucherQr, verifyVoucherQr, type QrPublicKey, type VoucherQrClaims } from '../../../../core/voucher-qr';
import type * as VoucherQr from '../../../../core/voucher-qr';

// The terminal verifies QR tokens in the renderer: the same core module must work in Chromium.
const ENTRY = fileURLToPath(new URL('../../../../core/voucher-qr.ts', import.meta.url));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const NOW = Date.UTC(2026, 10, 25, 12) / 1000;

let browser: Browser;
let page: Page;

async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: ENTRY, formats: ['iife'], name: 'HexiaoQr', fileName: 'qr' } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
  return output.output[0].code;
}

beforeAll(async () => {
  const code = await bundle();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  page = await browser.newPage();
  await page.addScriptTag({ content: code });
});

afterAll(async () => {
  await browser?.close();
});

describe('voucher QR in Chromium', () => {
  const secure = (n: number) => new Uint8Array(randomBytes(n));
  const claims: VoucherQrClaims = {
    voucherId: '019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b',
    merchantId: 'm-1001',
    code: generateVoucherCode(secure),
    expiresAt: NOW + 3600,
    uses: 2,
  };

  it('verifies a token signed in Node and refuses a forged one', async () => {
    const { signingKey, publicKey } = generateQrSigningKey('k1', secure);
    const signed = signVoucherQr(claims, signingKey);
    if (!signed.ok) throw new Error(signed.message);
    const forged = signVoucherQr(claims, generateQrSigningKey('k1', secure).signingKey);
    const results = await page.evaluate(
      ({ tokens, keys, now }) => {
        const qr = (globalThis as unknown as { HexiaoQr: typeof VoucherQr }).HexiaoQr;
        return tokens.map((token) => qr.verifyVoucherQr(token, keys, now));
      },
      { tokens: [signed.value, forged.ok ? forged.value : ''], keys: [publicKey], now: NOW },
    );
    expect(results[0]).toEqual({ ok: true, value: { ...claims, kid: 'k1' } });
    expect(results[1]).toMatchObject({ ok: false, code: 'QR_BAD_SIGNATURE' });
  });

  it('signs in Chromium with the page random source, and Node verifies it', async () => {
    const { token, publicKey } = await page.evaluate(
      ({ c }) => {
        const qr = (globalThis as unknown as { HexiaoQr: typeof VoucherQr }).HexiaoQr;
        const pair = qr.generateQrSigningKey('web1', (n) => crypto.getRandomValues(new Uint8Array(n)));
        const signed = qr.signVoucherQr(c, pair.signingKey);
        return { token: signed.ok ? signed.value : signed.message, publicKey: pair.publicKey };
      },
      { c: claims },
    );
    expect(verifyVoucherQr(token, [publicKey as QrPublicKey], NOW)).toEqual({ ok: true, value: { ...claims, kid: 'web1' } });
  });
});
