import type { Router } from 'express';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { getSettlement } from '../../use-cases/backoffice/get-settlement';
import { settleCampaignGroupPrice } from '../../use-cases/backoffice/settle-group-price';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';
import { CampaignParams } from './campaign-routes';

/** Group-price settlement: run it (idempotent) once the sale is over, then read what is owed. */
export function campaignSettlementRoutes(router: Router, deps: BackofficeDeps): void {
  const staff = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  router.post('/merchant/campaigns/:id/settle', staff, async (req, res) => {
    const params = parseInput(CampaignParams, req.params);
    sendOutcome(res, params.ok ? await settleCampaignGroupPrice(deps, merchantSessionOf(res), params.value.id) : params);
  });
  router.get('/merchant/campaigns/:id/settlement', requireMerchantUser(deps, MERCHANT_ROLES.read), async (req, res) => {
    const params = parseInput(CampaignParams, req.params);
    sendOutcome(res, params.ok ? await getSettlement(deps, merchantSessionOf(res), params.value.id) : params);
  });
}
