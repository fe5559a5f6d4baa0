import type { Router } from 'express';
import { z } from 'zod';
import { shiftReport } from '../../counter/shift-report-sql';
import { withoutTransaction } from '../../sync/sql/run-steps';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendError, sendFailure } from '../send';
import { validate } from '../validate';

export const ShiftParams = z.object({ id: z.uuid('not a shift id') });

/** `GET /merchant/shifts/:id/report`: the X (open shift) or Z (closed) figures computed from the server's rows. */
export function reportRoutes(router: Router, deps: BackofficeDeps): void {
  router.get('/merchant/shifts/:id/report', requireMerchantUser(deps, MERCHANT_ROLES.read), async (req, res) => {
    const params = validate(ShiftParams, req.params);
    if (!params.ok) return sendFailure(res, params);
    const found = await withoutTransaction(deps.db, () => shiftReport(merchantSessionOf(res).merchant.id, params.value.id.toLowerCase()));
    if (!found) return sendError(res, 'SHIFT_NOT_FOUND', 'no such shift');
    res.status(200).json({ ...found, kind: found.shift.closedAt === null ? 'X' : 'Z' });
  });
}
