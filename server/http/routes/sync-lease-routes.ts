import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ok } from '../../../core/result';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { LeaseRequest, leasesOfVoucher, leaseVoucher, revokeLeaseById } from '../../sync/leases/lease-admin';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';
import { validate } from '../validate';

export const VoucherParams = z.object({ voucherId: z.string().min(1).max(64) });
export const LeaseParams = z.object({ leaseId: z.string().min(1).max(64) });

/** Which store may redeem a voucher offline: see, grant or move, and revoke its lease. */
export function syncLeaseRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const staff = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  router.get('/merchant/vouchers/:voucherId/leases', staff, async (req, res) => {
    const params = validate(VoucherParams, req.params);
    if (!params.ok) return sendOutcome(res, params);
    const leases = await leasesOfVoucher(deps.db, merchantSessionOf(res).merchant.id, params.value.voucherId);
    sendOutcome(res, leases.ok ? ok({ leases: leases.value }) : leases);
  });
  router.post('/merchant/vouchers/:voucherId/lease', staff, json, async (req, res) => {
    const params = validate(VoucherParams, req.params);
    const body = validate(LeaseRequest, req.body);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await leaseVoucher(deps.db, merchantSessionOf(res), params.value.voucherId, body.value, deps.now()));
  });
  router.post('/merchant/leases/:leaseId/revoke', staff, async (req, res) => {
    const params = validate(LeaseParams, req.params);
    sendOutcome(res, params.ok ? await revokeLeaseById(deps.db, merchantSessionOf(res), params.value.leaseId, deps.now()) : params);
  });
}
