import type { Router } from 'express';
import { campaignStats } from '../../use-cases/backoffice/campaign-stats';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';
import { CampaignParams } from './campaign-routes';

/** Sales and redemption figures, for owners and managers. */
export function statsRoutes(router: Router, deps: BackofficeDeps): void {
  router.get('/merchant/campaigns/:id/stats', requireMerchantUser(deps, MERCHANT_ROLES.read), async (req, res) => {
    const params = parseInput(CampaignParams, req.params);
    sendOutcome(res, params.ok ? await campaignStats(deps, merchantSessionOf(res), params.value.id) : params);
  });
}
