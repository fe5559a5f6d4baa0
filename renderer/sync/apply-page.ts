import type { z } from 'zod';
import {
  CampaignRow,
  CounterSettingsRow,
  LeaseRow,
  MerchantKeyRow,
  RedemptionChangeRow,
  StorePolicyRow,
  TerminalUserRow,
  VoucherRow,
  type Change,
  type ChangeKind,
  type PullResponse,
} from '../../core/sync';
import type { LocalRedemption, PosDb } from '../db/pos-db';
import { deleteMeta, writeMeta } from '../db/sync-meta';
import type { PulledKind, SyncHandlers } from './sync-handlers';

function parsed<T>(schema: z.ZodType<T>) {
  return (change: Change): T | null => {
    const result = schema.safeParse(change.data);
    return result.success ? result.data : null;
  };
}

/** The kinds the engine stores itself: the mirror the offline check reads, straight from the contract. */
const MIRROR_KINDS: Partial<Record<ChangeKind, PulledKind>> = {
  voucher: { table: (db) => db.vouchers, row: parsed(VoucherRow) },
  lease: { table: (db) => db.leases, row: parsed(LeaseRow) },
  campaign: { table: (db) => db.campaigns, row: parsed(CampaignRow) },
  merchant_key: { table: (db) => db.merchantKeys, row: parsed(MerchantKeyRow) },
  store_policy: { table: (db) => db.storePolicies, row: parsed(StorePolicyRow) },
  redemption: { table: (db) => db.serverRedemptions, row: parsed(RedemptionChangeRow) },
  terminal_user: { table: (db) => db.terminalUsers, row: parsed(TerminalUserRow) },
  counter_settings: { table: (db) => db.counterSettings, row: parsed(CounterSettingsRow) },
};

export interface PageApplied {
  upserts: number;
  deletes: number;
  /** Rows that did not fit the contract and were left out rather than blocking the sync. */
  skipped: number;
}

/** A settled redemption of this terminal coming back from the server (a conflict found at review, say). */
function settle(local: LocalRedemption, row: RedemptionChangeRow, now: number): LocalRedemption {
  return { ...local, status: row.outcome, remaining: row.remaining, serverTime: row.serverTime, settledAt: local.settledAt ?? now };
}

function kindSpec(handlers: SyncHandlers, kind: ChangeKind): PulledKind | undefined {
  return MIRROR_KINDS[kind] ?? handlers.kind(kind);
}

/**
 * Applies one pull page in ONE transaction: on `reset` the mirror is dropped first; the last change
 * per row wins; each kind goes in with one bulkPut and one bulkDelete; the cursor moves with the rows.
 * Kinds no registered feature stores are skipped.
 */
export async function applyPage(db: PosDb, handlers: SyncHandlers, page: PullResponse, now: number): Promise<PageApplied> {
  const latest = new Map<string, Change>();
  for (const change of page.changes) latest.set(`${change.kind}\u0000${change.id}`, change);
  const puts = new Map<ChangeKind, unknown[]>();
  const deletes = new Map<ChangeKind, string[]>();
  const add = <T>(map: Map<ChangeKind, T[]>, kind: ChangeKind, item: T): void => {
    const list = map.get(kind);
    if (list) list.push(item);
    else map.set(kind, [item]);
  };
  const counts = { upserts: 0, deletes: 0, skipped: 0 };
  for (const change of latest.values()) {
    const spec = kindSpec(handlers, change.kind);
    if (!spec) {
      counts.skipped += 1;
      continue;
    }
    const row = change.op === 'delete' ? undefined : spec.row(change);
    if (change.op === 'delete') add(deletes, change.kind, change.id);
    else if (row === null) counts.skipped += 1;
    else add(puts, change.kind, row);
    if (change.op === 'delete') counts.deletes += 1;
    else if (row !== null) counts.upserts += 1;
  }
  const settled = (puts.get('redemption') ?? []) as RedemptionChangeRow[];

  await db.transaction('rw', [...db.mirrorTables(), db.redemptions, db.syncMeta, ...handlers.pullTables(db)], async () => {
    if (page.reset) for (const table of db.mirrorTables()) await table.clear();
    for (const [kind, rows] of puts) if (rows.length > 0) puts.set(kind, await handlers.adjustPulled(db, kind, rows));
    for (const [kind, rows] of puts) await kindSpec(handlers, kind)!.table(db).bulkPut(rows);
    for (const [kind, ids] of deletes) await kindSpec(handlers, kind)!.table(db).bulkDelete(ids);
    if (settled.length > 0) {
      const locals = await db.redemptions.bulkGet(settled.map((r) => r.redemptionId));
      const updates = locals.flatMap((local, i) => (local ? [settle(local, settled[i]!, now)] : []));
      await db.redemptions.bulkPut(updates);
    }
    if (page.cursor) await writeMeta(db, 'cursor', page.cursor);
    else await deleteMeta(db, 'cursor');
    // While a snapshot is under way the mirror is partial: offline checks must not trust it yet.
    await writeMeta(db, 'snapshot', page.snapshot && page.hasMore ? (page.progress ?? { done: 0, total: 0 }) : null);
  });
  return counts;
}
