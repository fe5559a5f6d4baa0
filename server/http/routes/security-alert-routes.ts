import type { Router } from 'express';
import { listSecurityAlerts } from '../../repositories/backoffice/security-alerts';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { PageQuery } from '../../use-cases/backoffice/setup/store-spec';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

/** `GET /merchant/security-alerts`: lockouts and slowed-down logins, newest first, for owners. */
export function securityAlertRoutes(router: Router, deps: BackofficeDeps): void {
  router.get('/merchant/security-alerts', requireMerchantUser(deps, MERCHANT_ROLES.setup), async (req, res) => {
    const query = parseInput(PageQuery, req.query);
    sendOutcome(res, query.ok ? await listSecurityAlerts(deps.db, merchantSessionOf(res).merchant.id, query.value) : query);
  });
}
