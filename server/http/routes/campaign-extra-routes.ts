import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ok } from '../../../core/result';
import { validityCalendar } from '../../../core/validity-calendar';
import { findCampaign } from '../../repositories/backoffice/campaign-rows';
import { specOf } from '../../use-cases/backoffice/campaign-columns';
import { pauseCampaign } from '../../use-cases/backoffice/campaign-pause';
import { issueByHand, IssueByHandRequest } from '../../use-cases/backoffice/issue-by-hand';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { CAMPAIGN_NOT_FOUND } from '../../use-cases/backoffice/update-campaign';
import { VoidVoucherRequest, voidVoucher, VoucherParams } from '../../use-cases/backoffice/void-voucher';
import { failure } from '../../use-cases/outcome';
import type { SalesDeps } from '../../use-cases/sales/sales-deps';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';
import { CampaignParams } from './campaign-routes';

export const CalendarQuery = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM') });

/** Pause and resume a sale, preview when vouchers can be used, issue vouchers by hand, void an unused one. */
export function campaignExtraRoutes(router: Router, deps: BackofficeDeps, sales: SalesDeps, json: RequestHandler): void {
  const operate = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  for (const action of ['pause', 'resume'] as const) {
    router.post(`/merchant/campaigns/:id/${action}`, operate, async (req, res) => {
      const params = parseInput(CampaignParams, req.params);
      sendOutcome(res, params.ok ? await pauseCampaign(deps, merchantSessionOf(res), params.value.id, action) : params);
    });
  }
  router.get('/merchant/campaigns/:id/calendar', requireMerchantUser(deps, MERCHANT_ROLES.read), async (req, res) => {
    const params = parseInput(CampaignParams, req.params);
    const query = parseInput(CalendarQuery, req.query);
    if (!params.ok || !query.ok) return sendOutcome(res, !params.ok ? params : query);
    const { merchant } = merchantSessionOf(res);
    const campaign = await findCampaign(deps.db, merchant.id, params.value.id);
    if (!campaign) return sendOutcome(res, failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND));
    const days = validityCalendar(specOf(campaign).validity, query.value.month, merchant.timeZone);
    sendOutcome(res, ok({ campaignId: campaign.id, month: query.value.month, timeZone: merchant.timeZone, days }));
  });
  router.post('/merchant/campaigns/:id/vouchers', operate, json, async (req, res) => {
    const params = parseInput(CampaignParams, req.params);
    const input = parseInput(IssueByHandRequest, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await issueByHand(sales, merchantSessionOf(res), params.value.id, input.value));
  });
  router.post('/merchant/vouchers/:id/void', operate, json, async (req, res) => {
    const params = parseInput(VoucherParams, req.params);
    const input = parseInput(VoidVoucherRequest, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await voidVoucher(deps, merchantSessionOf(res), params.value.id, input.value.reason));
  });
}
