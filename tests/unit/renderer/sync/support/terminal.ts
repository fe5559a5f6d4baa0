import { v7 as uuidv7 } from 'uuid';
import { PosDb } from '../../../../../renderer/db/pos-db';
import { checkOffline } from '../../../../../renderer/redeem/offline/check-offline';
import { redeemOffline } from '../../../../../renderer/redeem/offline/offline-redeem';
import { SyncEngine, type SyncEngineOptions } from '../../../../../renderer/sync/sync-engine';
import { createHttpSyncTransport } from '../../../../../renderer/sync/sync-transport';
import { posSyncHandlers } from '../../../../../renderer/app/sync-wiring';

let dbCount = 0;

/** A fresh terminal database under fake-indexeddb. */
export function freshDb(prefix = 'sync-test'): PosDb {
  dbCount += 1;
  return new PosDb(`${prefix}-${process.pid}-${dbCount}-${uuidv7()}`);
}

export function engineFor(
  db: PosDb,
  server: { url: string; token: string },
  identity: { deviceId: string; storeId: string },
  options: Partial<SyncEngineOptions> = {},
): SyncEngine {
  return new SyncEngine({
    db,
    transport: createHttpSyncTransport({ baseUrl: server.url, token: server.token, timeoutMs: 5_000 }),
    deviceId: identity.deviceId,
    storeId: identity.storeId,
    handlers: posSyncHandlers(),
    live: false,
    backoff: { baseMs: 20, maxMs: 200 },
    ...options,
  });
}

/** Checks a code offline and redeems it as the counter would; throws when it cannot. */
export async function redeemCodeOffline(
  db: PosDb,
  code: string,
  ctx: { storeId: string; timeZone?: string; count?: number; approval?: { managerId: string; approvedAt: string } | null; redemptionId?: string },
) {
  const now = new Date();
  const base = { storeId: ctx.storeId, timeZone: ctx.timeZone ?? 'Asia/Shanghai', now };
  const check = await checkOffline(db, { code }, { ...base, count: ctx.count ?? 1 });
  if (!check.ok) return check;
  return redeemOffline(
    db,
    {
      ...(ctx.redemptionId ? { redemptionId: ctx.redemptionId } : {}),
      found: check.value.found,
      count: ctx.count ?? 1,
      cashierId: null,
      cashierName: null,
      approval: ctx.approval ?? null,
      deviceTime: now.toISOString(),
    },
    base,
  );
}
