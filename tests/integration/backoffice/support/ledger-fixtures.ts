import { expect } from 'vitest';
import type { Db } from '../../../../server/db/database';
import type { RedemptionMode, RedemptionOutcome } from '../../../../server/db/schema';
import { newId } from '../../../../server/security/ids';
import type { ApiClient } from '../../../support/server/api-client';

/** A counter user (cashier or manager) of a store, for names in back-office answers. */
export async function addCounterUser(db: Db, merchantId: string, storeId: string, name: string, role: 'cashier' | 'manager' = 'cashier') {
  const id = newId();
  await db.kysely
    .insertInto('terminal_users')
    .values({ merchant_id: merchantId, id, store_id: storeId, name, role, pin_hash: 'x', pin_verifier: 'x', locked_until: null, updated_at: new Date().toISOString() })
    .execute();
  return id;
}

/** Lets a back-office manager see a store's rows. */
export async function manageStore(db: Db, merchantId: string, storeId: string, managerUserId: string) {
  await db.kysely
    .insertInto('store_managers')
    .values({ merchant_id: merchantId, store_id: storeId, manager_id: managerUserId, name: '经理', pin_verifier: 'x', updated_at: new Date().toISOString(), removed_at: null })
    .execute();
}

export interface RedemptionSeed {
  merchantId: string;
  voucherId: string;
  storeId: string;
  terminalId: string;
  serverTime: string;
  redemptionId?: string;
  cashierId?: string | null;
  mode?: RedemptionMode;
  outcome?: RedemptionOutcome;
  count?: number;
}

/** A ledger row written directly (the ledger list reads rows; how they got there is tested elsewhere). */
export async function insertRedemption(db: Db, seed: RedemptionSeed): Promise<string> {
  const id = seed.redemptionId ?? newId();
  await db.kysely
    .insertInto('redemptions')
    .values({
      merchant_id: seed.merchantId,
      redemption_id: id,
      voucher_id: seed.voucherId,
      count: seed.count ?? 1,
      store_id: seed.storeId,
      terminal_id: seed.terminalId,
      cashier_id: seed.cashierId ?? null,
      device_time: seed.serverTime,
      server_time: seed.serverTime,
      mode: seed.mode ?? 'online',
      outcome: seed.outcome ?? 'accepted',
      remaining_after: 0,
      request_fingerprint: 'test',
    })
    .execute();
  return id;
}

/**
 * Ids that sort against time: `count` ids, descending hex prefixes given to rows whose times
 * ascend in groups sharing one instant — so ordering by id alone, or filtering by id while
 * ordering by time, gives a different sequence from the list's order.
 */
export function idsAgainstTime(count: number): { id: string; at: string }[] {
  const base = Date.parse('2026-11-20T08:00:00.000Z');
  return Array.from({ length: count }, (_, i) => ({
    id: `${(0xfff - i).toString(16).padStart(3, '0')}${newId().slice(3)}`,
    at: new Date(base + Math.floor(i / 3) * 60_000).toISOString(),
  }));
}

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

/** Follows `nextCursor` from the first page to the last; fails on any non-200 answer. */
export async function readAllPages<T>(client: ApiClient, path: string, limit: number): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: PageBody<T> } = await client.get<PageBody<T>>(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('paging did not end');
}

export interface ConflictSeed extends RedemptionSeed {
  reason?: string;
  first?: { redemptionId: string; storeId: string; terminalId: string; at: string };
}

/** An offline redemption recorded as a conflict: its ledger row (outcome conflict) and its review row. */
export async function insertConflict(db: Db, seed: ConflictSeed): Promise<string> {
  const id = await insertRedemption(db, { ...seed, mode: 'offline', outcome: 'conflict' });
  await db.kysely
    .insertInto('redemption_conflicts')
    .values({
      merchant_id: seed.merchantId, redemption_id: id, voucher_id: seed.voucherId, store_id: seed.storeId, terminal_id: seed.terminalId, seq: 1,
      count: seed.count ?? 1, device_time: seed.serverTime, server_time: seed.serverTime, reason: seed.reason ?? 'VOUCHER_EXHAUSTED',
      basis: 'provisional', lease_id: null, first_kind: seed.first ? 'redemption' : 'void', first_ref: seed.first?.redemptionId ?? null,
      first_store_id: seed.first?.storeId ?? null, first_terminal_id: seed.first?.terminalId ?? null, first_at: seed.first?.at ?? null,
      status: 'open', resolved_at: null, resolved_by: null, note: null,
    })
    .execute();
  return id;
}
