import type { Router } from 'express';
import { dashboard, DashboardQuery } from '../../use-cases/backoffice/dashboard';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

/** The day's figures for the back office's home page. */
export function dashboardRoutes(router: Router, deps: BackofficeDeps): void {
  router.get('/merchant/dashboard', requireMerchantUser(deps, MERCHANT_ROLES.read), async (req, res) => {
    const query = parseInput(DashboardQuery, req.query);
    sendOutcome(res, query.ok ? await dashboard(deps, merchantSessionOf(res), query.value) : query);
  });
}
