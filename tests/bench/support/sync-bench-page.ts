import { dammCheckDigit } from '../../../core/damm';
import { generateVoucherCode } from '../../../core/voucher-code';
import type { VoucherRow } from '../../../core/sync';
import { PosDb } from '../../../renderer/db/pos-db';
import { writeMeta } from '../../../renderer/db/sync-meta';
import { checkOffline } from '../../../renderer/redeem/offline/check-offline';
import { SyncEngine } from '../../../renderer/sync/sync-engine';
import { createHttpSyncTransport } from '../../../renderer/sync/sync-transport';
import { posSyncHandlers } from '../../../renderer/app/sync-wiring';

// Runs inside Chromium (bundled by sync-terminal.ts): the terminal's own code on real IndexedDB.

const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

/** The first sync of a fresh terminal through the sync engine, timed end to end. */
async function download(o: { serverUrl: string; token: string; deviceId: string; storeId: string; dbName: string }) {
  const db = new PosDb(o.dbName);
  const engine = new SyncEngine({
    db,
    transport: createHttpSyncTransport({ baseUrl: o.serverUrl, token: o.token, timeoutMs: 120_000 }),
    deviceId: o.deviceId,
    storeId: o.storeId,
    handlers: posSyncHandlers(),
    live: false,
  });
  const started = performance.now();
  const result = await engine.syncOnce();
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(`sync failed: ${result.code}`);
  const vouchers = await db.vouchers.count();
  db.close();
  return { seconds, vouchers };
}

/** The same rows put straight into an empty database of the same schema, in the same page sizes. */
async function rawPut(o: { fromDb: string; toDb: string; chunk: number }) {
  const from = new PosDb(o.fromDb);
  const tables = from.mirrorTables().map((t) => t.name);
  const rows = new Map<string, unknown[]>();
  for (const name of tables) rows.set(name, await from.table(name).toArray());
  from.close();
  const to = new PosDb(o.toDb);
  await to.open();
  const started = performance.now();
  for (const [name, all] of rows) {
    for (let i = 0; i < all.length; i += o.chunk) {
      await to.transaction('rw', to.table(name), () => to.table(name).bulkPut(all.slice(i, i + o.chunk)));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  to.close();
  return { seconds, rows: [...rows.values()].reduce((n, r) => n + r.length, 0) };
}

/** Fills a mirror with `rows` vouchers, then times look-up → verdict for known and unknown codes. */
async function verifyLatency(o: { dbName: string; rows: number; lookups: number; storeId: string }) {
  const db = new PosDb(o.dbName);
  const now = Date.now();
  const sample: string[] = [];
  // Codes unique by construction (the mirror's code index is unique): a random base plus the row number.
  const base = Math.floor(Math.random() * 9e10);
  const codeOf = (n: number): string => {
    const body = String(base + n).padStart(11, '0');
    return `${body}${dammCheckDigit(body)}`;
  };
  const fillStarted = performance.now();
  for (let i = 0; i < o.rows; i += 10_000) {
    const chunk: VoucherRow[] = Array.from({ length: Math.min(10_000, o.rows - i) }, (_, k) => ({
      voucherId: `v${i + k}`,
      code: codeOf(i + k),
      campaignId: 'c1',
      uses: 2,
      redeemed: 0,
      status: 'active',
      validFrom: new Date(now - 86_400_000).toISOString(),
      validUntil: new Date(now + 30 * 86_400_000).toISOString(),
      buyerPhoneMasked: null,
      storeIds: [o.storeId],
      version: 1,
    }));
    if (sample.length < o.lookups) sample.push(...chunk.slice(0, 50).map((v) => v.code));
    await db.vouchers.bulkPut(chunk);
  }
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  await db.campaigns.put({ campaignId: 'c1', title: 'bench', kind: 'product', faceValueFen: 1000, minSpendFen: 0, rules: {} });
  await db.storePolicies.put({
    storeId: o.storeId,
    provisional: { enabled: true, maxCountPerTerminal: 50, maxValueFenPerTerminal: 1_000_000, maxOfflineHours: 24, managerPinAboveFen: 100_000 },
    reverseWindowMinutes: 30,
  });
  await writeMeta(db, 'cursor', 'bench');
  await writeMeta(db, 'lastContactAt', now);
  const latencies: number[] = [];
  let redeemable = 0;
  for (let i = 0; i < o.lookups; i++) {
    const code = i % 10 === 9 ? generateVoucherCode(randomBytes) : sample[Math.floor(Math.random() * sample.length)]!;
    const started = performance.now();
    const checked = await checkOffline(db, { code }, { storeId: o.storeId, timeZone: 'Asia/Shanghai', now: new Date(), count: 1 });
    latencies.push(performance.now() - started);
    if (checked.ok && checked.value.verdict.ok) redeemable += 1;
  }
  db.close();
  return { latencies, redeemable, fillSeconds };
}

declare global {
  interface Window {
    hexiaoBench: { download: typeof download; rawPut: typeof rawPut; verifyLatency: typeof verifyLatency };
  }
}

window.hexiaoBench = { download, rawPut, verifyLatency };
