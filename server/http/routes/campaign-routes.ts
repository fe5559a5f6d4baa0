import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ok } from '../../../core/result';
import { findCampaign, listCampaigns } from '../../repositories/backoffice/campaign-rows';
import { viewOf } from '../../use-cases/backoffice/campaign-columns';
import { CreateCampaignRequest, UpdateCampaignRequest } from '../../use-cases/backoffice/campaign-spec';
import { changeCampaignStatus } from '../../use-cases/backoffice/campaign-status';
import { createCampaign } from '../../use-cases/backoffice/create-campaign';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { CAMPAIGN_NOT_FOUND, updateCampaign } from '../../use-cases/backoffice/update-campaign';
import { failure } from '../../use-cases/outcome';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

export const CampaignParams = z.object({ id: z.uuid('not a campaign id') });
export const ListQuery = z.object({ status: z.enum(['draft', 'published', 'ended']).optional() });

/** Campaign CRUD for owners and managers. Updates are POSTs, like every write of this API. */
export function campaignRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const staff = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  const readers = requireMerchantUser(deps, MERCHANT_ROLES.read);

  router.get('/merchant/campaigns', readers, async (req, res) => {
    const query = parseInput(ListQuery, req.query);
    if (!query.ok) return sendOutcome(res, query);
    const campaigns = await listCampaigns(deps.db, merchantSessionOf(res).merchant.id, query.value.status);
    sendOutcome(res, ok({ campaigns: campaigns.map(viewOf) }));
  });
  router.post('/merchant/campaigns', staff, json, async (req, res) => {
    const input = parseInput(CreateCampaignRequest, req.body);
    sendOutcome(res, input.ok ? await createCampaign(deps, merchantSessionOf(res), input.value) : input);
  });
  router.get('/merchant/campaigns/:id', readers, async (req, res) => {
    const params = parseInput(CampaignParams, req.params);
    if (!params.ok) return sendOutcome(res, params);
    const campaign = await findCampaign(deps.db, merchantSessionOf(res).merchant.id, params.value.id);
    sendOutcome(res, campaign ? ok(viewOf(campaign)) : failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND));
  });
  router.post('/merchant/campaigns/:id', staff, json, async (req, res) => {
    const params = parseInput(CampaignParams, req.params);
    const input = parseInput(UpdateCampaignRequest, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await updateCampaign(deps, merchantSessionOf(res), params.value.id, input.value));
  });
  for (const transition of ['publish', 'end'] as const) {
    router.post(`/merchant/campaigns/:id/${transition}`, staff, async (req, res) => {
      const params = parseInput(CampaignParams, req.params);
      sendOutcome(res, params.ok ? await changeCampaignStatus(deps, merchantSessionOf(res), params.value.id, transition) : params);
    });
  }
}
