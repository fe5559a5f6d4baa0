import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignValidityRules } from '../../../core/campaign-rules';
import { decodeVoucherQr, verifyVoucherQr, type QrPublicKey } from '../../../core/voucher-qr';
import { issueVouchers } from '../../../server/repositories/merchant-setup';
import { startServer, type RunningServer } from '../../../server/server';
import type { PaidAnswer } from '../../../server/use-cases/sales/channel-event';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { ChannelClient, paidEvent } from './support/channel-client';
import { buildSalesWorld, type SalesWorld } from './support/sales-world';

const WEEKENDS_UNTIL_29TH: CampaignValidityRules = { weekdays: [6, 7], validUntil: '2026-11-29' };

describe.each(BACKENDS)('validity rules at redeem, and QR keys (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let clock = Date.now();
  const at = (iso: string) => (clock = Date.parse(iso));

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', now: () => new Date(clock), sales: { jobs: false } });
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  async function weekendVoucher(timeZone: string): Promise<{ code: string; terminal: ApiClient }> {
    clock = Date.now();
    const world = await buildSalesWorld(server, { timeZone });
    const terminal = await world.client();
    const campaign = await world.campaign({
      usesPerVoucher: 5,
      validityRules: WEEKENDS_UNTIL_29TH,
      validFrom: new Date('2026-11-01T00:00:00Z'),
      validUntil: new Date('2026-12-31T00:00:00Z'),
    });
    const [voucher] = await issueVouchers(server.db, world.merchant.id, campaign, { count: 1 });
    return { code: voucher!.code, terminal };
  }
  const redeem = (terminal: ApiClient, code: string) =>
    terminal.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code, count: 1, deviceTime: new Date(clock).toISOString() });
  const prepare = (terminal: ApiClient, code: string) => terminal.post<{ redeemable: boolean; reason: string | null }>('/vouchers/prepare', { code });

  it('applies the weekday rule and a date expiry on the merchant’s wall clock, across midnight', async () => {
    const { code, terminal } = await weekendVoucher('Asia/Shanghai');
    at('2026-11-27T15:59:00Z'); // Friday 23:59 in Shanghai
    expect((await prepare(terminal, code)).body).toMatchObject({ redeemable: false, reason: 'NOT_VALID_TODAY' });
    const friday = await redeem(terminal, code);
    expect([friday.status, errorCode(friday)]).toEqual([409, 'NOT_VALID_TODAY']);
    at('2026-11-27T16:00:00Z'); // Saturday 00:00
    expect((await prepare(terminal, code)).body).toMatchObject({ redeemable: true, reason: null });
    expect((await redeem(terminal, code)).status).toBe(200);
    at('2026-11-29T15:59:59Z'); // Sunday 23:59:59, the last valid day
    expect((await redeem(terminal, code)).status).toBe(200);
    at('2026-11-29T16:00:00Z'); // Monday 00:00: past the last day
    const monday = await redeem(terminal, code);
    expect([monday.status, errorCode(monday)]).toEqual([409, 'VOUCHER_EXPIRED']);
    const ledger = await server.db.kysely.selectFrom('redemptions as r').innerJoin('vouchers as v', 'v.id', 'r.voucher_id').select('r.count').where('v.code', '=', code).execute();
    expect(ledger).toHaveLength(2);
  });

  it('reads the same instant in another merchant’s zone', async () => {
    const { code, terminal } = await weekendVoucher('America/Los_Angeles');
    at('2026-11-28T07:59:00Z'); // Saturday in Shanghai, still Friday 23:59 in Los Angeles
    const friday = await redeem(terminal, code);
    expect([friday.status, errorCode(friday)]).toEqual([409, 'NOT_VALID_TODAY']);
    at('2026-11-28T08:00:00Z');
    expect((await redeem(terminal, code)).status).toBe(200);
  });

  it('rotates the signing key: new vouchers use the new key, old QR codes verify until the old key’s notAfter', async () => {
    clock = Date.now();
    const world: SalesWorld = await buildSalesWorld(server);
    const terminal = await world.client();
    const channel = new ChannelClient(server, world.merchant.id, world.secret, 'douyin', () => clock);
    const campaign = await world.campaign({ stock: 10 });
    const tokenOf = async (answer: PaidAnswer) =>
      (await server.db.kysely.selectFrom('vouchers').select('qr_token').where('id', '=', answer.vouchers[0]!.voucherId).executeTakeFirstOrThrow()).qr_token!;

    const before = await channel.send<PaidAnswer>(paidEvent({ campaignId: campaign.id, phone: '13800000020', quantity: 1 }));
    const oldToken = await tokenOf(before.body);
    const rotated = await server.sales.deps.keys.rotate(world.merchant.id);
    const after = await channel.send<PaidAnswer>(paidEvent({ campaignId: campaign.id, phone: '13800000021', quantity: 1 }));
    const newToken = await tokenOf(after.body);

    const listed = await terminal.get<{ keys: QrPublicKey[] }>('/merchant-keys');
    expect(listed.body.keys.map((k) => k.kid).sort()).toEqual([rotated.kid, rotated.retiredKid].sort());
    expect(JSON.stringify(listed.body)).not.toMatch(/private|secret/i);
    const old = listed.body.keys.find((k) => k.kid === rotated.retiredKid)!;
    const oldVoucher = await server.db.kysely.selectFrom('vouchers').select('valid_until').where('id', '=', before.body.vouchers[0]!.voucherId).executeTakeFirstOrThrow();
    const campaignEnd = Math.floor(Date.parse(oldVoucher.valid_until) / 1000);
    expect(old.notAfter).toBeGreaterThanOrEqual(campaignEnd);
    expect(decodeVoucherQr(newToken)).toMatchObject({ ok: true, value: { kid: rotated.kid } });
    const nowSeconds = Math.floor(clock / 1000);
    expect(verifyVoucherQr(oldToken, listed.body.keys, nowSeconds).ok).toBe(true);
    expect(verifyVoucherQr(newToken, listed.body.keys, nowSeconds).ok).toBe(true);
    expect(verifyVoucherQr(oldToken, listed.body.keys, old.notAfter! + 1)).toMatchObject({ ok: false, code: 'QR_UNKNOWN_KEY' });

    const stored = await server.db.kysely.selectFrom('merchant_keys').selectAll().where('merchant_id', '=', world.merchant.id).execute();
    expect(stored.map((k) => k.status).sort()).toEqual(['active', 'retired']);
    expect(stored.every((k) => k.private_key_enc.startsWith('v1.'))).toBe(true);
  });
});
