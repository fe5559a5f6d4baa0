import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatVoucherCode } from '../../../../core/voucher-code';
import { createPosServerApi } from '../../../../renderer/api/pos-server-api';
import { openPosDb } from '../../../../renderer/db/instance';
import type { PosDb } from '../../../../renderer/db/pos-db';
import { recordPending } from '../../../../renderer/db/redemption-history';
import { readSetting } from '../../../../renderer/db/settings';
import { useStaffStore } from '../../../../renderer/staff/staff-store';
import { useHistoryStore } from '../../../../renderer/redeem/history-store';
import { useLocaleStore } from '../../../../renderer/i18n/locale-store';
import { useRedeemStore } from '../../../../renderer/redeem/redeem-store';
import { useSessionStore } from '../../../../renderer/pairing/session-store';
import { mintPairingCode, startServer, type RunningServer } from '../../../../server';

// The stores against the real server over HTTP; IndexedDB is fake-indexeddb (Node has none).
let server: RunningServer;
let dir: string;
let db: PosDb;
let dbCount = 0;
let fetchCalls = 0;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hexiao-stores-'));
  server = await startServer({ port: 0, dataDir: dir, demo: true, logLevel: 'silent' });
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    fetchCalls += 1;
    return realFetch(...args);
  };
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  setActivePinia(createPinia());
  db = openPosDb(`pos-test-${++dbCount}`);
});

const demo = () => server.demo!;
const unusedVoucher = (uses: number): string => {
  const voucher = demo().vouchers.find((v) => v.uses === uses && v.storeNames.includes(demo().store.name) && !used.has(v.code));
  if (!voucher) throw new Error(`no unused ${uses}-use demo voucher left`);
  used.add(voucher.code);
  return voucher.code;
};
const used = new Set<string>();

/** Pairs a fresh POS with a newly minted code for the demo terminal. */
const CASHIER = { userId: 'u-xiaowang', name: '小王', role: 'cashier' as const };

/** A paired POS with, unless told otherwise, a cashier signed in (every redemption names one). */
async function pairedSession(signedIn = true) {
  const session = useSessionStore();
  const { code } = await mintPairingCode(server.db, demo().terminal.id);
  await session.init({ serverUrl: server.url, pairingCode: code });
  expect(session.phase).toBe('paired');
  if (signedIn) useStaffStore().current = { ...CASHIER };
  return session;
}

describe('session store', () => {
  it('pairs from the launch config, stores the pairing and finds it again after a restart', async () => {
    const session = await pairedSession();
    expect(session.pairing).toMatchObject({ storeName: demo().store.name, terminalName: demo().terminal.name, timeZone: 'Asia/Shanghai' });
    expect((await readSetting(db, 'pairing'))?.token).toBe(session.pairing?.token);

    setActivePinia(createPinia());
    const restarted = useSessionStore();
    await restarted.init({ serverUrl: null, pairingCode: null });
    expect(restarted.phase).toBe('paired');
    expect(restarted.pairing?.terminalId).toBe(demo().terminal.id);
  });

  it('refuses a wrong pairing code and a bad address, the latter without a request', async () => {
    const session = useSessionStore();
    await session.init({ serverUrl: null, pairingCode: null });
    expect(await session.pair(server.url, 'NOPE-NOPE')).toBe(false);
    expect(session.problem).toBe('PAIRING_CODE_INVALID');
    expect(session.phase).toBe('unpaired');
    const before = fetchCalls;
    expect(await session.pair('ftp://server', 'X')).toBe(false);
    expect(session.problem).toBe('INVALID_URL');
    expect(await session.pair(server.url, '  ')).toBe(false);
    expect(session.problem).toBe('MISSING_CODE');
    expect(fetchCalls).toBe(before);
  });

  it('goes back to pairing when the token is revoked by a new pairing of the same terminal', async () => {
    const session = await pairedSession();
    const { code } = await mintPairingCode(server.db, demo().terminal.id);
    expect((await createPosServerApi({ baseUrl: server.url }).pair(code)).ok).toBe(true);
    await session.refreshIdentity();
    await expect.poll(() => session.phase).toBe('unpaired');
    expect(session.revoked).toBe(true);
    expect(await readSetting(db, 'pairing')).toBeUndefined();
  });
});

describe('redeem store', () => {
  it('refuses a typo without any request and keeps what was typed', async () => {
    await pairedSession();
    const redeem = useRedeemStore();
    const code = unusedVoucher(2);
    redeem.input = formatVoucherCode(`${code.slice(0, 11)}${(Number(code[11]) + 1) % 10}`);
    const before = fetchCalls;
    await redeem.submitCode();
    expect(fetchCalls).toBe(before);
    expect(redeem.phase).toBe('inputError');
    expect(redeem.errorCode).toBe('CODE_CHECK_DIGIT');
    expect(redeem.input).not.toBe('');
    redeem.input = '1234';
    await redeem.submitCode();
    expect(redeem.errorCode).toBe('CODE_MALFORMED');
  });

  it('previews, keeps the count within 1..remaining, redeems and records it locally', async () => {
    await pairedSession();
    const redeem = useRedeemStore();
    const history = useHistoryStore();
    redeem.input = formatVoucherCode(unusedVoucher(2)).replace(/ /g, '-');
    await redeem.submitCode();
    expect(redeem.phase).toBe('preview');
    expect(redeem.preview).toMatchObject({ remaining: 2, uses: 2, redeemable: true });
    redeem.adjustCount(5);
    expect(redeem.count).toBe(2);
    redeem.adjustCount(-9);
    expect(redeem.count).toBe(1);
    redeem.adjustCount(1);
    await redeem.enter();
    expect(redeem.phase).toBe('success');
    expect(redeem.result).toMatchObject({ count: 2, remaining: 0, outcome: 'accepted' });
    expect(history.recent).toHaveLength(1);
    expect(history.recent[0]).toMatchObject({ status: 'accepted', count: 2, remaining: 0 });
    expect(history.recent[0]!.codeMasked).toMatch(/^\*\*\*\* \*\*\*\* \d{4}$/);
  });

  it('redeems nothing with nobody signed in, then names the cashier who signed in', async () => {
    await pairedSession(false);
    const redeem = useRedeemStore();
    const code = unusedVoucher(2);
    redeem.input = code;
    await redeem.submitCode();
    const before = fetchCalls;
    await redeem.confirm();
    expect([redeem.phase, redeem.errorCode, fetchCalls]).toEqual(['refused', 'CASHIER_REQUIRED', before]);
    useStaffStore().current = { ...CASHIER };
    redeem.input = code;
    await redeem.submitCode();
    await redeem.confirm();
    expect(redeem.phase).toBe('success');
    expect(redeem.result?.cashierId).toBe(CASHIER.userId);
    expect(useHistoryStore().recent[0]).toMatchObject({ status: 'accepted', cashierName: '小王' });
    const [row] = await server.db.kysely.selectFrom('redemptions').select('cashier_id').where('redemption_id', '=', redeem.result!.redemptionId).execute();
    expect(row?.cashier_id).toBe(CASHIER.userId);
  });

  it('starts one redemption however often Enter is pressed', async () => {
    await pairedSession();
    const redeem = useRedeemStore();
    const code = unusedVoucher(2);
    redeem.input = code;
    await redeem.submitCode();
    await Promise.all([redeem.enter(), redeem.enter(), redeem.confirm()]);
    expect(redeem.phase).toBe('success');
    expect(useHistoryStore().recent).toHaveLength(1);
    const rows = await server.db.kysely
      .selectFrom('redemptions as r')
      .innerJoin('vouchers as v', (j) => j.onRef('v.merchant_id', '=', 'r.merchant_id').onRef('v.id', '=', 'r.voucher_id'))
      .select(['r.redemption_id', 'r.count'])
      .where('v.code', '=', code)
      .execute();
    expect(rows).toEqual([{ redemption_id: redeem.result!.redemptionId, count: 1 }]);
  });

  it('shows why a voucher used up elsewhere cannot be redeemed, with 0 left', async () => {
    const session = await pairedSession();
    const redeem = useRedeemStore();
    const code = unusedVoucher(1);
    redeem.input = code;
    await redeem.submitCode();
    expect(redeem.phase).toBe('preview');
    // Another terminal redeems it between the preview and the confirmation.
    const other = await session.api!.redeem({ redemptionId: uuidv7(), code, count: 1, cashierId: 'cashier-1', deviceTime: new Date().toISOString() });
    expect(other.ok).toBe(true);
    await redeem.confirm();
    expect(redeem.phase).toBe('failure');
    expect(redeem.errorCode).toBe('VOUCHER_EXHAUSTED');
    expect(redeem.preview?.remaining).toBe(0);
    expect(useHistoryStore().recent[0]).toMatchObject({ status: 'rejected', errorCode: 'VOUCHER_EXHAUSTED' });

    redeem.input = code;
    await redeem.submitCode();
    expect(redeem.phase).toBe('refused');
    expect(redeem.errorCode).toBe('VOUCHER_EXHAUSTED');
  });

  it('abandons a look-up on Esc and ignores its late answer', async () => {
    await pairedSession();
    const redeem = useRedeemStore();
    redeem.input = unusedVoucher(2);
    const lookUp = redeem.submitCode();
    expect(redeem.phase).toBe('checking');
    redeem.clear();
    await lookUp;
    expect(redeem.phase).toBe('idle');
    expect(redeem.preview).toBeNull();
  });
});

describe('history store', () => {
  it('settles pending redemptions from the server’s records', async () => {
    const session = await pairedSession();
    const history = useHistoryStore();
    const landed = uuidv7();
    const lost = uuidv7();
    const code = unusedVoucher(1);
    expect((await session.api!.redeem({ redemptionId: landed, code, count: 1, cashierId: 'cashier-1', deviceTime: new Date().toISOString() })).ok).toBe(true);
    for (const redemptionId of [landed, lost]) {
      await recordPending(db, { redemptionId, codeMasked: '**** **** 0000', campaignTitle: 't', count: 1, deviceTime: new Date().toISOString() });
    }
    expect(await history.reconcilePending()).toBe(2);
    const byId = new Map(history.recent.map((entry) => [entry.redemptionId, entry]));
    expect(byId.get(landed)).toMatchObject({ status: 'accepted', remaining: 0 });
    expect(byId.get(lost)).toMatchObject({ status: 'rejected', errorCode: 'REDEMPTION_NOT_FOUND' });
  });

  it('settles a pending redemption the server recorded offline as a conflict as a conflict, never as accepted', async () => {
    const session = await pairedSession();
    const history = useHistoryStore();
    const code = unusedVoucher(1);
    expect((await session.api!.redeem({ redemptionId: uuidv7(), code, count: 1, cashierId: 'cashier-1', deviceTime: new Date().toISOString() })).ok).toBe(true);
    // This terminal's answer was lost; it redeemed offline under the same id, which the server found spent.
    const conflicted = uuidv7();
    const deviceTime = new Date().toISOString();
    const push = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.pairing!.token}` },
      body: JSON.stringify({
        deviceId: session.pairing!.terminalId,
        entries: [{ seq: 1, clientId: uuidv7(), intent: 'voucher.redeem@1', deviceTime, args: { redemptionId: conflicted, code, count: 1, cashierId: 'cashier-1', basis: 'provisional', leaseId: null, approval: null } }],
      }),
    });
    expect(((await push.json()) as { results: { status: string }[] }).results[0]?.status).toBe('conflict');
    await recordPending(db, { redemptionId: conflicted, codeMasked: '**** **** 0000', campaignTitle: 't', count: 1, deviceTime });
    expect(await history.reconcilePending()).toBe(1);
    expect(history.recent.find((entry) => entry.redemptionId === conflicted)).toMatchObject({ status: 'conflict', errorCode: 'REDEMPTION_CONFLICT' });
  });
});

describe('locale store', () => {
  it('starts in Chinese and remembers the choice', async () => {
    const locale = useLocaleStore();
    await locale.load();
    expect(locale.locale).toBe('zh-CN');
    await locale.choose('en');
    setActivePinia(createPinia());
    const again = useLocaleStore();
    await again.load();
    expect(again.locale).toBe('en');
  });
});
