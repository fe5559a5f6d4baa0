import { z } from 'zod';
import { ok } from '../../../core/result';
import { normalizePhone } from '../../notifications/recipient';
import { issueByHandScript, type ByHandAnswer } from '../../repositories/backoffice/issue-by-hand-script';
import { findCampaign } from '../../repositories/backoffice/campaign-rows';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { runScript } from '../../repositories/sales/run-script';
import { failure, type Outcome } from '../outcome';
import { chooseRecipient } from '../sales/handle-channel-event';
import type { SalesDeps } from '../sales/sales-deps';
import { invalidFields } from './field-errors';
import { CAMPAIGN_NOT_FOUND } from './update-campaign';

export const IssueByHandRequest = z.strictObject({
  requestId: z.uuid('a UUID the client keeps for retries'),
  phone: z.string().min(5).max(32),
  count: z.int().min(1).max(50),
});
export type IssueByHandRequest = z.infer<typeof IssueByHandRequest>;

/**
 * Issues vouchers of a campaign to a phone by hand (a gift, a make-good): they are sent like bought
 * ones. Refused for a draft campaign or one whose vouchers have expired. Retrying with the same
 * `requestId` answers the same vouchers.
 */
export async function issueByHand(deps: SalesDeps, session: MerchantSession, campaignId: string, input: IssueByHandRequest): Promise<Outcome<ByHandAnswer>> {
  const merchantId = session.merchant.id;
  const phone = normalizePhone(input.phone);
  if (!phone) return invalidFields([{ field: 'phone', message: 'not a phone number' }]);
  // The status and validity from the row itself: the directory's facts are cached for a few seconds.
  const campaign = await findCampaign(deps.db, merchantId, campaignId);
  const facts = campaign && (await deps.campaigns.factsOf(merchantId, campaignId));
  if (!campaign || !facts) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
  const now = deps.now();
  if (campaign.status === 'draft') return failure('CAMPAIGN_STATUS_CONFLICT', 'publish the campaign before issuing its vouchers', { status: campaign.status });
  if (new Date(campaign.validUntil) <= now) return failure('VOUCHER_EXPIRED', 'this campaign’s vouchers have expired');
  const signingKey = await deps.keys.activeSigningKey(merchantId);
  const ctx = { kind: deps.db.kind, merchantId, facts, signingKey, sign: deps.sign, nowIso: now.toISOString() };
  const request = { requestId: input.requestId, phone, count: input.count, recipient: chooseRecipient(deps, phone, null), userId: session.user.id };
  const answer = await runScript(deps.db, () => issueByHandScript(ctx, request));
  if (!answer.duplicate) deps.nudge();
  return ok(answer);
}
