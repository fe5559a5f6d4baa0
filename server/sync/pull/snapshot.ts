import type { Change } from '../../../core/sync';
import type { DbKind } from '../../db/db-kind';
import { readPolicyRow } from '../policy/policy-statements';
import { first, type Steps } from '../sql/steps';
import type { SnapshotCursor } from './cursor';
import { COUNTER_KINDS, counterPage, counterSnapshotTotal, isCounterKind } from '../../counter/counter-pull-rows';
import { campaignsPage, conflictsPage, leasesPage, merchantKeysPage } from './other-rows';
import { visibleAtStore, voucherChanges, voucherPage, type VoucherRead } from './voucher-rows';

/** The order a first sync lists a store's rows in: what verifies a voucher comes before the vouchers. */
const KINDS = ['store_policy', 'merchant_key', 'campaign', 'voucher', 'lease', 'redemption', ...COUNTER_KINDS] as const;
type SnapshotKind = (typeof KINDS)[number];

interface Scope {
  kind: DbKind;
  merchantId: string;
  storeId: string;
  nowIso: string;
}

/** How many rows the snapshot will list, counted when it starts (for progress). */
export function* snapshotTotal(s: Scope): Steps<number> {
  const count = function* (sql: string, params: unknown[]) {
    return Number((yield* first(sql, params))?.['n'] ?? 0);
  };
  const keys = yield* count(`SELECT count(*) AS n FROM merchant_keys WHERE merchant_id = ? AND (status = 'active' OR not_after > ?)`, [s.merchantId, s.nowIso]);
  const campaigns = yield* count(
    `SELECT count(*) AS n FROM campaign_stores WHERE merchant_id = ? AND store_id = ?`,
    [s.merchantId, s.storeId],
  );
  const vouchers = yield* count(
    `SELECT count(*) AS n FROM vouchers AS v WHERE v.merchant_id = ? AND v.status = 'active' AND v.valid_until > ? AND ${visibleAtStore('v')}`,
    [s.merchantId, s.nowIso, s.storeId, s.storeId],
  );
  const leases = yield* count(
    `SELECT count(*) AS n FROM leases WHERE merchant_id = ? AND store_id = ? AND revoked_at IS NULL AND expires_at > ?`,
    [s.merchantId, s.storeId, s.nowIso],
  );
  const conflicts = yield* count(`SELECT count(*) AS n FROM redemption_conflicts WHERE merchant_id = ? AND store_id = ? AND status = 'open'`, [
    s.merchantId,
    s.storeId,
  ]);
  return 1 + keys + campaigns + vouchers + leases + conflicts + (yield* counterSnapshotTotal(s.merchantId, s.storeId));
}

interface KindPage {
  changes: Change[];
  vouchers?: VoucherRead[];
  /** Rows read, and the id to continue after. */
  count: number;
  lastId: string;
}

function* readKind(s: Scope, kind: SnapshotKind, after: string, limit: number): Steps<KindPage> {
  const listed = <T>(items: { id: string; data: T }[], k: Change['kind']): KindPage => ({
    changes: items.map((item) => ({ kind: k, id: item.id, op: 'upsert', data: item.data })),
    count: items.length,
    lastId: items.at(-1)?.id ?? after,
  });
  if (isCounterKind(kind)) return yield* counterPage(s.kind, kind, s.merchantId, s, after, limit);
  switch (kind) {
    case 'store_policy': {
      if (after !== '') return { changes: [], count: 0, lastId: after };
      const policy = yield* readPolicyRow(s.merchantId, s.storeId);
      return listed([{ id: s.storeId, data: policy }], 'store_policy');
    }
    case 'merchant_key':
      return listed(yield* merchantKeysPage(s.merchantId, after, limit, s.nowIso), 'merchant_key');
    case 'campaign':
      return listed(yield* campaignsPage(s.merchantId, s.storeId, after, limit), 'campaign');
    case 'voucher': {
      const reads = yield* voucherPage(s.kind, s.merchantId, s.storeId, after, limit, s.nowIso);
      return { changes: voucherChanges(reads, false), vouchers: reads, count: reads.length, lastId: reads.at(-1)?.row.voucherId ?? after };
    }
    case 'lease':
      return listed(yield* leasesPage(s.merchantId, s.storeId, after, limit, s.nowIso), 'lease');
    case 'redemption': {
      const changes = yield* conflictsPage(s.merchantId, s.storeId, after, limit);
      return { changes, count: changes.length, lastId: changes.at(-1)?.id ?? after };
    }
  }
}

export interface SnapshotPage {
  changes: Change[];
  /** Null when the snapshot is complete: continue with the tail. */
  next: SnapshotCursor | null;
  done: number;
  /** Vouchers listed, for leases the store's policy grants on pull. */
  vouchers: VoucherRead[];
}

/** The next page of a first sync: up to `limit` rows, kind after kind, by id. */
export function* snapshotPage(s: Scope, cursor: SnapshotCursor, limit: number): Steps<SnapshotPage> {
  let k = cursor.k;
  let after = cursor.a;
  let done = cursor.d;
  const changes: Change[] = [];
  const vouchers: VoucherRead[] = [];
  while (k < KINDS.length && changes.length < limit) {
    const want = limit - changes.length;
    const page = yield* readKind(s, KINDS[k]!, after, want);
    changes.push(...page.changes);
    vouchers.push(...(page.vouchers ?? []));
    done += page.count;
    if (page.count < want) {
      k += 1;
      after = '';
    } else {
      after = page.lastId;
    }
  }
  // A page that ends exactly with the last rows would leave an empty page (and progress standing
  // still) for the next pull: look one row ahead, kind by kind, and end the snapshot here instead.
  while (changes.length >= limit && k < KINDS.length && (yield* readKind(s, KINDS[k]!, after, 1)).count === 0) {
    k += 1;
    after = '';
  }
  return { changes, next: k < KINDS.length ? { ...cursor, k, a: after, d: done } : null, done, vouchers };
}
