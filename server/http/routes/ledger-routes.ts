import type { Router } from 'express';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { withoutBlanks } from '../../use-cases/backoffice/page-query';
import { LedgerQuery, listRedemptions } from '../../use-cases/backoffice/redemption-ledger';
import { MERCHANT_ROLES } from '../merchant-roles';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { sendOutcome } from '../send';

/** `GET /merchant/redemptions`: every redemption, one row each, keyset-paged newest first. */
export function ledgerRoutes(router: Router, deps: BackofficeDeps): void {
  router.get('/merchant/redemptions', requireMerchantUser(deps, MERCHANT_ROLES.read), async (req, res) => {
    const query = parseInput(LedgerQuery, withoutBlanks(req.query));
    sendOutcome(res, query.ok ? await listRedemptions(deps, merchantSessionOf(res), query.value) : query);
  });
}
