import { ok } from '../../../core/result';
import { findCampaign, selectCampaign, toCampaignRecord } from '../../repositories/backoffice/campaign-rows';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { runScript, type TransactionScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, type AppFailure, type Outcome } from '../outcome';
import { viewOf, type CampaignView } from './campaign-columns';
import type { BackofficeDeps } from './deps';
import { CAMPAIGN_NOT_FOUND } from './update-campaign';

/**
 * Pauses a published campaign's sale (new orders are refused with CAMPAIGN_NOT_ON_SALE; paid
 * orders and issued vouchers are untouched) or resumes it.
 */
export async function pauseCampaign(
  deps: BackofficeDeps,
  session: MerchantSession,
  campaignId: string,
  action: 'pause' | 'resume',
): Promise<Outcome<CampaignView>> {
  const db = deps.db;
  const merchantId = session.merchant.id;
  const at = deps.now().toISOString();

  function* script(): TransactionScript<AppFailure | null> {
    const row = (yield selectCampaign(db, merchantId, campaignId, true)).rows[0];
    if (!row) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
    const current = toCampaignRecord(row, []);
    const paused = current.pausedAt !== null;
    if (current.status !== 'published' || paused === (action === 'pause')) {
      const state = current.status === 'published' && paused ? 'paused' : current.status;
      return failure('CAMPAIGN_STATUS_CONFLICT', `a ${state} campaign cannot ${action}`, { status: current.status, paused });
    }
    yield db.kysely
      .updateTable('campaigns')
      .set({ paused_at: action === 'pause' ? at : null, updated_at: at })
      .where('merchant_id', '=', merchantId)
      .where('id', '=', campaignId)
      .compile();
    yield userAuditInsert(db, { merchantId, userId: session.user.id, action: `campaign.${action}`, subjectId: campaignId, at }).compile();
    return null;
  }

  const refused = await runScript(db, script);
  if (refused) return refused;
  const campaign = await findCampaign(db, merchantId, campaignId);
  return campaign ? ok(viewOf(campaign)) : failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
}
