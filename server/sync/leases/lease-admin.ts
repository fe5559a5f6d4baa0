import { z } from 'zod';
import type { LeaseRow } from '../../../core/sync';
import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { failure, type Outcome } from '../../use-cases/outcome';
import { inTransaction } from '../sql/run-steps';
import { first } from '../sql/steps';
import { grantLeases, revokeLease } from './lease-statements';

export const LeaseRequest = z.object({
  storeId: z.string().min(1).max(64),
  /** How long the store may redeem it offline; at most until the voucher expires. Default 72 h. */
  hours: z.number().int().min(1).max(24 * 366).default(72),
});
export type LeaseRequest = z.infer<typeof LeaseRequest>;

export interface LeaseView extends LeaseRow {
  reason: string;
  grantedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

/**
 * Leases a voucher whole to a store, taking it from the store that holds it now (a move). The
 * old holder may have redeemed offline meanwhile: such a redemption comes back as a conflict.
 */
export async function leaseVoucher(db: Db, session: MerchantSession, voucherId: string, input: LeaseRequest, now: Date): Promise<Outcome<LeaseRow>> {
  const merchantId = session.merchant.id;
  const nowIso = now.toISOString();
  const granted = await inTransaction(db, function* () {
    const voucher = yield* first(`SELECT status, uses, redeemed FROM vouchers WHERE merchant_id = ? AND id = ?`, [merchantId, voucherId]);
    const store = yield* first(`SELECT 1 AS one FROM stores WHERE merchant_id = ? AND id = ?`, [merchantId, input.storeId]);
    if (!voucher || !store) return 'not-found' as const;
    const leases = yield* grantLeases(db.kind, {
      merchantId,
      storeId: input.storeId,
      voucherIds: [voucherId],
      expiresAt: new Date(now.getTime() + input.hours * 3_600_000).toISOString(),
      reason: 'merchant',
      nowIso,
      replace: true,
      by: `user:${session.user.id}`,
    });
    return leases[0] ?? ('not-leasable' as const);
  });
  if (granted === 'not-found') return failure('NOT_FOUND', 'no such voucher or store');
  if (granted === 'not-leasable') {
    return failure('VOUCHER_NOT_ACTIVE', 'only an active voucher with uses left, valid at that store, can be leased to it');
  }
  return ok(granted);
}

export async function revokeLeaseById(db: Db, session: MerchantSession, leaseId: string, now: Date): Promise<Outcome<{ leaseId: string; revoked: true }>> {
  const done = await inTransaction(db, () => revokeLease(session.merchant.id, leaseId, now.toISOString(), `user:${session.user.id}`));
  return done ? ok({ leaseId, revoked: true }) : failure('LEASE_NOT_FOUND', 'no unrevoked lease with this id');
}

/** A voucher's leases, oldest first; VOUCHER_NOT_FOUND when the voucher is not this merchant's. */
export async function leasesOfVoucher(db: Db, merchantId: string, voucherId: string): Promise<Outcome<LeaseView[]>> {
  const voucher = await db.kysely.selectFrom('vouchers').select('id').where('merchant_id', '=', merchantId).where('id', '=', voucherId).executeTakeFirst();
  if (!voucher) return failure('VOUCHER_NOT_FOUND', 'no such voucher');
  const rows = await db.kysely
    .selectFrom('leases as l')
    .innerJoin('vouchers as v', (j) => j.onRef('v.merchant_id', '=', 'l.merchant_id').onRef('v.id', '=', 'l.voucher_id'))
    .select(['l.id', 'l.voucher_id', 'l.store_id', 'l.uses', 'l.reason', 'l.granted_at', 'l.expires_at', 'l.revoked_at', 'l.revoked_by', 'v.uses as voucher_uses', 'v.redeemed'])
    .where('l.merchant_id', '=', merchantId)
    .where('l.voucher_id', '=', voucherId)
    .orderBy('l.granted_at')
    .execute();
  return ok(rows.map((r) => ({
    leaseId: r.id,
    voucherId: r.voucher_id,
    storeId: r.store_id,
    uses: r.revoked_at ? 0 : Math.max(0, r.voucher_uses - r.redeemed),
    expiresAt: r.expires_at,
    revoked: r.revoked_at !== null,
    reason: r.reason,
    grantedAt: r.granted_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  })));
}
