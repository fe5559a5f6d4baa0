import type { Change } from '../../../core/sync';
import type { DbKind } from '../../db/db-kind';
import { COUNTER_KINDS, counterRowsByIds } from '../../counter/counter-pull-rows';
import { readPolicyRow } from '../policy/policy-statements';
import type { Steps } from '../sql/steps';
import type { LogPosition } from './cursor';
import { readTail } from './change-log-reads';
import { campaignsByIds, leasesByIds, merchantKeysByIds, redemptionChanges, type Listed } from './other-rows';
import { vouchersByIds, voucherChanges, type VoucherRead } from './voucher-rows';

export interface TailPage {
  changes: Change[];
  position: LogPosition;
  /** Log rows read: a full page means more may wait. */
  read: number;
  held: boolean;
  /** Vouchers sent, for leases the store's policy grants on pull. */
  vouchers: VoucherRead[];
}

interface Entity {
  kind: string;
  id: string;
  /** A change named this store: an entity it can no longer see is deleted from its mirror. */
  scoped: boolean;
}

/**
 * The log after `after` as changes carrying each row's current state; an entity changed several
 * times in the page is sent once, at its last position.
 */
export function* tailPage(kind: DbKind, merchantId: string, storeId: string, after: LogPosition, limit: number, nowIso: string): Steps<TailPage> {
  const tail = yield* readTail(kind, merchantId, storeId, after, limit);
  const entities = new Map<string, Entity>();
  for (const row of tail.rows) {
    const key = `${row.kind}:${row.entityId}`;
    const scoped = (entities.get(key)?.scoped ?? false) || row.storeId === storeId;
    entities.delete(key);
    entities.set(key, { kind: row.kind, id: row.entityId, scoped });
  }
  const idsOf = (k: string) => [...entities.values()].filter((e) => e.kind === k).map((e) => e.id);
  const vouchers = idsOf('voucher').length ? yield* vouchersByIds(kind, merchantId, storeId, idsOf('voucher')) : [];
  const loaded = new Map<string, Change[] | 'gone'>();
  const put = <T>(k: Change['kind'], items: Listed<T>[]) => {
    for (const item of items) loaded.set(`${k}:${item.id}`, item.visible ? [{ kind: k, id: item.id, op: 'upsert', data: item.data }] : 'gone');
  };
  for (const read of vouchers) loaded.set(`voucher:${read.row.voucherId}`, read.visible ? voucherChanges([read], true) : 'gone');
  if (idsOf('campaign').length) put('campaign', yield* campaignsByIds(kind, merchantId, storeId, idsOf('campaign')));
  if (idsOf('lease').length) put('lease', yield* leasesByIds(kind, merchantId, storeId, idsOf('lease')));
  if (idsOf('merchant_key').length) put('merchant_key', yield* merchantKeysByIds(kind, merchantId, idsOf('merchant_key')));
  if (idsOf('redemption').length) {
    for (const change of yield* redemptionChanges(merchantId, storeId, idsOf('redemption'))) {
      loaded.set(`redemption:${change.id}`, change.op === 'upsert' ? [change] : 'gone');
    }
  }
  for (const k of COUNTER_KINDS) if (idsOf(k).length) put(k, yield* counterRowsByIds(kind, k, merchantId, { storeId, nowIso }, idsOf(k)));
  if (idsOf('store_policy').includes(storeId)) {
    loaded.set(`store_policy:${storeId}`, [{ kind: 'store_policy', id: storeId, op: 'upsert', data: yield* readPolicyRow(merchantId, storeId) }]);
  }

  const changes: Change[] = [];
  for (const [key, entity] of entities) {
    const found = loaded.get(key);
    if (found && found !== 'gone') changes.push(...found);
    else if (entity.scoped || (found === undefined && entity.kind !== 'store_policy')) {
      changes.push({ kind: entity.kind as Change['kind'], id: entity.id, op: 'delete', data: null });
    }
  }
  return {
    changes,
    position: tail.rows.at(-1)?.position ?? after,
    read: tail.rows.length,
    held: tail.held,
    vouchers: vouchers.filter((v) => v.visible),
  };
}

