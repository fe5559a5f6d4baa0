import { resolveEndBound } from '../../../core/campaign-bound';
import { ok } from '../../../core/result';
import type { CampaignStatus } from '../../db/schema';
import { findCampaign, selectCampaign, toCampaignRecord } from '../../repositories/backoffice/campaign-rows';
import { setCampaignStatus } from '../../repositories/backoffice/campaign-writes';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { runScript, type TransactionScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, type AppFailure, type Outcome } from '../outcome';
import { viewOf, type CampaignView } from './campaign-columns';
import type { BackofficeDeps } from './deps';
import { CAMPAIGN_NOT_FOUND } from './update-campaign';

const TRANSITIONS = {
  publish: { from: ['draft'], to: 'published' },
  end: { from: ['draft', 'published'], to: 'ended' },
} as const satisfies Record<string, { from: readonly CampaignStatus[]; to: CampaignStatus }>;

export type CampaignTransition = keyof typeof TRANSITIONS;

/** Publishes a draft (its sale must not be over) or ends a campaign; an ended campaign stays ended. */
export async function changeCampaignStatus(
  deps: BackofficeDeps,
  session: MerchantSession,
  campaignId: string,
  transition: CampaignTransition,
): Promise<Outcome<CampaignView>> {
  const db = deps.db;
  const merchantId = session.merchant.id;
  const now = deps.now();
  const { from, to } = TRANSITIONS[transition];

  function* script(): TransactionScript<AppFailure | null> {
    const row = (yield selectCampaign(db, merchantId, campaignId, true)).rows[0];
    if (!row) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
    const current = toCampaignRecord(row, []);
    if (!(from as readonly CampaignStatus[]).includes(current.status)) {
      return failure('CAMPAIGN_STATUS_CONFLICT', `a ${current.status} campaign cannot ${transition}`, { status: current.status });
    }
    if (transition === 'publish' && current.saleEndsAt && resolveEndBound(current.saleEndsAt, session.merchant.timeZone) <= now) {
      return failure('SALE_ENDED', 'the sale window is already over: move it before publishing');
    }
    const at = now.toISOString();
    yield setCampaignStatus(db, merchantId, campaignId, to, from, at);
    yield userAuditInsert(db, { merchantId, userId: session.user.id, action: `campaign.${transition}`, subjectId: campaignId, at }).compile();
    return null;
  }

  const refused = await runScript(db, script);
  if (refused) return refused;
  const campaign = await findCampaign(db, merchantId, campaignId);
  if (!campaign) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
  return ok(viewOf(campaign));
}
