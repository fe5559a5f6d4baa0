import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedemptionRecord, VoucherPreview } from '../../../core/redemption-api';
import { formatVoucherCode } from '../../../core/voucher-code';
import { startServer, type RunningServer } from '../../../server/server';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { ledgerRows, snapshot, voucherRow } from '../../support/server/db-state';
import { buildWorld, pairedClient, type World } from '../../support/server/world';

const redeemBody = (code: string, count = 1, redemptionId = randomUUID()) => ({
  redemptionId,
  code,
  count,
  cashierId: 'cashier-7',
  deviceTime: '2026-11-25T18:30:00+08:00',
});

describe.each(BACKENDS)('prepare → redeem → status (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;
  let a1: ApiClient;
  let b1: ApiClient;

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent' });
    world = await buildWorld(server.db);
    a1 = await pairedClient(server, world.terminals.a1.id);
    b1 = await pairedClient(server, world.terminals.b1.id);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('previews, redeems, answers a retry with the first answer, and reports the status', async () => {
    const voucher = await world.issue(world.campaigns.bothStores, { buyerPhones: ['13812341234'] });

    const preview = await a1.post('/vouchers/prepare', { code: formatVoucherCode(voucher.code) });
    expect(preview.status).toBe(200);
    expect(VoucherPreview.parse(preview.body)).toMatchObject({
      voucherId: voucher.id,
      codeMasked: `**** **** ${voucher.code.slice(-4)}`,
      campaignTitle: '双人套餐',
      kind: 'product',
      faceValueFen: 16800,
      uses: 2,
      redeemed: 0,
      remaining: 2,
      status: 'active',
      buyerPhoneMasked: '138****1234',
      redeemable: true,
      reason: null,
    });

    const body = redeemBody(voucher.code);
    const first = await a1.post('/vouchers/redeem', body);
    expect(first.status).toBe(200);
    const record = RedemptionRecord.parse(first.body);
    expect(record).toMatchObject({
      redemptionId: body.redemptionId,
      voucherId: voucher.id,
      count: 1,
      remaining: 1,
      storeId: world.stores.a.id,
      terminalId: world.terminals.a1.id,
      cashierId: 'cashier-7',
      deviceTime: '2026-11-25T10:30:00.000Z',
      mode: 'online',
      outcome: 'accepted',
    });

    const retry = await a1.post('/vouchers/redeem', { ...body, deviceTime: new Date().toISOString() });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);

    const status = await a1.get(`/redemptions/${body.redemptionId}`);
    expect(status.status).toBe(200);
    expect(status.body).toEqual(first.body);

    expect(await ledgerRows(server.db, voucher.id)).toHaveLength(1);
    expect(await voucherRow(server.db, voucher.code)).toMatchObject({ redeemed: 1, status: 'active' });
    const after = await a1.post('/vouchers/prepare', { code: voucher.code });
    expect(after.body).toMatchObject({ redeemed: 1, remaining: 1, redeemable: true });
  });

  it('marks a fully redeemed voucher exhausted and refuses more, with what remains', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    expect((await b1.post('/vouchers/redeem', redeemBody(voucher.code, 2))).body).toMatchObject({ remaining: 0 });
    expect(await voucherRow(server.db, voucher.code)).toMatchObject({ redeemed: 2, status: 'exhausted' });

    const before = await snapshot(server.db);
    const again = await a1.post('/vouchers/redeem', redeemBody(voucher.code));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'VOUCHER_EXHAUSTED', details: { remaining: 0 } } });
    expect(await snapshot(server.db)).toEqual(before);
    expect((await a1.post('/vouchers/prepare', { code: voucher.code })).body).toMatchObject({
      status: 'exhausted',
      remaining: 0,
      redeemable: false,
      reason: 'VOUCHER_EXHAUSTED',
    });
  });

  it('refuses more uses than remain without touching the voucher', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    const before = await snapshot(server.db);
    const res = await a1.post('/vouchers/redeem', redeemBody(voucher.code, 3));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'VOUCHER_EXHAUSTED', details: { remaining: 2 } } });
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('answers REDEMPTION_ID_REUSED for the same id with another code, count or terminal', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    const otherVoucher = await world.issue(world.campaigns.bothStores);
    const body = redeemBody(voucher.code);
    expect((await a1.post('/vouchers/redeem', body)).status).toBe(200);
    const before = await snapshot(server.db);
    const a2 = await pairedClient(server, world.terminals.a2.id);
    const afterPairing = await snapshot(server.db);
    expect(afterPairing.redemptions).toEqual(before.redemptions);

    for (const [client, changed] of [
      [a1, { ...body, code: otherVoucher.code }],
      [a1, { ...body, count: 2 }],
      [a2, body],
    ] as const) {
      const res = await client.post('/vouchers/redeem', changed);
      expect(res.status).toBe(409);
      expect(errorCode(res)).toBe('REDEMPTION_ID_REUSED');
    }
    expect(await snapshot(server.db)).toEqual(afterPairing);
  });

  it('gives the same not-found answer for unknown codes and codes of another merchant', async () => {
    const foreign = await world.issue(world.other.campaign);
    const unknown = '123456789018';
    const before = await snapshot(server.db);
    const answers = [];
    for (const code of [unknown, foreign.code]) {
      for (const path of ['/vouchers/prepare', '/vouchers/redeem']) {
        const res = await a1.post(path, path.endsWith('prepare') ? { code } : redeemBody(code));
        expect(res.status).toBe(404);
        answers.push(res.body);
      }
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ error: { code: 'VOUCHER_NOT_FOUND' } });
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('says why a voucher cannot be redeemed here and now, and changes nothing', async () => {
    const now = Date.now();
    const cases = [
      { reason: 'NOT_VALID_AT_STORE', voucher: await world.issue(world.campaigns.storeAOnly), client: b1 },
      {
        reason: 'NOT_VALID_AT_STORE',
        voucher: await world.issue(world.campaigns.bothStores, { homeStoreId: world.stores.a.id }),
        client: b1,
      },
      {
        reason: 'VOUCHER_EXPIRED',
        voucher: await world.issue(world.campaigns.bothStores, {
          validFrom: new Date(now - 10 * 86_400_000),
          validUntil: new Date(now - 60_000),
        }),
        client: a1,
      },
      {
        reason: 'VOUCHER_NOT_YET_VALID',
        voucher: await world.issue(world.campaigns.bothStores, {
          validFrom: new Date(now + 3_600_000),
          validUntil: new Date(now + 10 * 86_400_000),
        }),
        client: a1,
      },
    ];
    const voided = await world.issue(world.campaigns.bothStores);
    await server.db.kysely.updateTable('vouchers').set({ status: 'void' }).where('id', '=', voided.id).execute();
    cases.push({ reason: 'VOUCHER_NOT_ACTIVE', voucher: voided, client: a1 });

    const before = await snapshot(server.db);
    for (const { reason, voucher, client } of cases) {
      const preview = await client.post('/vouchers/prepare', { code: voucher.code });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ redeemable: false, reason });
      const res = await client.post('/vouchers/redeem', redeemBody(voucher.code));
      expect(res.status, reason).toBe(409);
      expect(errorCode(res)).toBe(reason);
    }
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('rejects malformed codes, typos and bad bodies before looking anything up', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    const typo = voucher.code.slice(0, 11) + String((Number(voucher.code[11]) + 1) % 10);
    const before = await snapshot(server.db);
    const cases: [string, unknown, string][] = [
      ['/vouchers/prepare', { code: '12345' }, 'CODE_MALFORMED'],
      ['/vouchers/prepare', { code: typo }, 'CODE_CHECK_DIGIT'],
      ['/vouchers/redeem', redeemBody(typo), 'CODE_CHECK_DIGIT'],
      ['/vouchers/redeem', redeemBody('abcd efgh ijkl'), 'CODE_MALFORMED'],
      ['/vouchers/prepare', {}, 'VALIDATION_FAILED'],
      ['/vouchers/redeem', { ...redeemBody(voucher.code), redemptionId: 'not-a-uuid' }, 'VALIDATION_FAILED'],
      ['/vouchers/redeem', { ...redeemBody(voucher.code), deviceTime: 'yesterday' }, 'VALIDATION_FAILED'],
      ['/vouchers/redeem', redeemBody(voucher.code, 0), 'COUNT_INVALID'],
      ['/vouchers/redeem', redeemBody(voucher.code, 100), 'COUNT_INVALID'],
      ['/vouchers/redeem', { ...redeemBody(voucher.code), count: 1.5 }, 'COUNT_INVALID'],
      ['/vouchers/redeem', [redeemBody(voucher.code)], 'VALIDATION_FAILED'],
    ];
    for (const [path, body, code] of cases) {
      const res = await a1.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res), JSON.stringify(body)).toBe(code);
    }
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('finds redemptions only of its own merchant and store', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    const body = redeemBody(voucher.code);
    await a1.post('/vouchers/redeem', body);
    const otherMerchant = await pairedClient(server, world.other.terminal.id);
    expect(errorCode(await otherMerchant.get(`/redemptions/${body.redemptionId}`))).toBe('REDEMPTION_NOT_FOUND');
    expect(errorCode(await a1.get(`/redemptions/${randomUUID()}`))).toBe('REDEMPTION_NOT_FOUND');
    expect(errorCode(await a1.get('/redemptions/not-a-uuid'))).toBe('VALIDATION_FAILED');
    // A terminal reaches only its own store's data: store B's till does not see store A's redemption.
    expect(errorCode(await b1.get(`/redemptions/${body.redemptionId}`))).toBe('REDEMPTION_NOT_FOUND');
    expect((await a1.get(`/redemptions/${body.redemptionId}`)).status).toBe(200);
  });

  it('writes an audit row with the masked code for each redemption', async () => {
    const voucher = await world.issue(world.campaigns.bothStores);
    const body = redeemBody(voucher.code);
    await a1.post('/vouchers/redeem', body);
    const rows = await server.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', body.redemptionId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'voucher.redeem', actor_type: 'terminal', actor_id: world.terminals.a1.id });
    expect(JSON.parse(rows[0]!.details)).toEqual({ code: `**** **** ${voucher.code.slice(-4)}`, count: 1, cashierId: 'cashier-7' });
  });
});
