import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/database';
import { mintPairingCode } from '../repositories/pairing-repository';
import { demoCounterUsers, type DemoCounterUser } from './demo-counter';
import { demoSales, type DemoSales } from './seed-demo-sales';
import { demoBackOffice, type DemoBackOfficeUser } from './demo-users';
import { DEMO_MERCHANT, DEMO_PAIRING_TTL_MS, DEMO_STORES, DEMO_TERMINALS } from './demo-data';

/** What `<dataDir>/demo.json` holds: enough for the launcher to pair the POS and for a person to try codes. */
export interface DemoInfo {
  serverUrl: string;
  pairingCode: string;
  pairingExpiresAt: string;
  /** `code`: the merchant's sign-in code, typed with each back-office login. */
  merchant: { id: string; code: string; name: string; timeZone: string };
  store: { id: string; name: string };
  terminal: { id: string; name: string };
  vouchers: { code: string; campaignTitle: string; uses: number; remaining: number; storeNames: string[] }[];
  /** The flash sale on now and the channel secret that signs its webhooks (absent in older demo data). */
  sales?: DemoSales;
  /** Back-office sign-ins of the demo merchant (`POST /api/v1/merchant/login`). */
  backOffice?: DemoBackOfficeUser[];
  /** Cashier and manager PINs per store for the counter (absent in older demo data). */
  counterUsers?: DemoCounterUser[];
}

export const DEMO_FILE_NAME = 'demo.json';

/** Finds the demo merchant's first 国贸店 terminal and mints it a fresh pairing code; undefined if the demo data is absent. */
export async function prepareDemo(db: Db, serverUrl: string): Promise<DemoInfo | undefined> {
  const k = db.kysely;
  const merchant = await k
    .selectFrom('merchants')
    .select(['merchant_id as id', 'code', 'name', 'time_zone as timeZone'])
    .where('name', '=', DEMO_MERCHANT.name)
    .orderBy('created_at')
    .executeTakeFirst();
  if (!merchant) return undefined;
  const terminal = await k
    .selectFrom('terminals as t')
    .innerJoin('stores as s', (j) => j.onRef('s.merchant_id', '=', 't.merchant_id').onRef('s.id', '=', 't.store_id'))
    .select(['t.id', 't.name', 's.id as store_id', 's.name as store_name'])
    .where('t.merchant_id', '=', merchant.id)
    .where('s.name', '=', DEMO_STORES.guomao)
    .where('t.name', '=', DEMO_TERMINALS[0].name)
    .executeTakeFirst();
  if (!terminal) return undefined;

  const pairing = await mintPairingCode(db, terminal.id, { ttlMs: DEMO_PAIRING_TTL_MS });
  return {
    serverUrl,
    pairingCode: pairing.code,
    pairingExpiresAt: pairing.expiresAt,
    merchant,
    store: { id: terminal.store_id, name: terminal.store_name },
    terminal: { id: terminal.id, name: terminal.name },
    vouchers: await demoVouchers(db, merchant.id),
    sales: await demoSales(db, merchant.id),
    backOffice: await demoBackOffice(db, merchant.id),
    counterUsers: await demoCounterUsers(db, merchant.id),
  };
}

async function demoVouchers(db: Db, merchantId: string): Promise<DemoInfo['vouchers']> {
  const rows = await db.kysely
    .selectFrom('vouchers as v')
    .innerJoin('campaigns as c', (j) => j.onRef('c.merchant_id', '=', 'v.merchant_id').onRef('c.id', '=', 'v.campaign_id'))
    .innerJoin('campaign_stores as cs', (j) =>
      j.onRef('cs.merchant_id', '=', 'c.merchant_id').onRef('cs.campaign_id', '=', 'c.id'),
    )
    .innerJoin('stores as s', (j) => j.onRef('s.merchant_id', '=', 'cs.merchant_id').onRef('s.id', '=', 'cs.store_id'))
    .select(['v.code', 'c.title', 'v.uses', 'v.redeemed', 's.name as store_name', 'v.home_store_id', 's.id as store_id'])
    .where('v.merchant_id', '=', merchantId)
    .orderBy('c.created_at')
    .orderBy('v.id')
    .orderBy('s.name')
    .execute();
  const byCode = new Map<string, DemoInfo['vouchers'][number]>();
  for (const row of rows) {
    if (row.home_store_id !== null && row.home_store_id !== row.store_id) continue;
    const entry = byCode.get(row.code) ?? {
      code: row.code,
      campaignTitle: row.title,
      uses: row.uses,
      remaining: row.uses - row.redeemed,
      storeNames: [],
    };
    entry.storeNames.push(row.store_name);
    byCode.set(row.code, entry);
  }
  return [...byCode.values()];
}

/**
 * Written owner-only (it holds a live pairing code) and atomically: the launcher polls for it and
 * must never read half a file.
 */
export async function writeDemoFile(dataDir: string, demo: DemoInfo): Promise<string> {
  const file = join(dataDir, DEMO_FILE_NAME);
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
  await rename(partial, file);
  return file;
}
