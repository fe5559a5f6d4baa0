import { ok } from '../../../core/result';
import { selectHasSold, selectStoresWithRedemptions } from '../../repositories/backoffice/campaign-facts';
import { findCampaign, selectCampaign, selectCampaignStores, toCampaignRecord } from '../../repositories/backoffice/campaign-rows';
import { addCampaignStores, removeCampaignStores, updateCampaign as updateCampaignRow } from '../../repositories/backoffice/campaign-writes';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { runScript, type TransactionScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, type AppFailure, type Outcome } from '../outcome';
import { columnsOf, specOf, viewOf, type CampaignView } from './campaign-columns';
import { crossFieldErrors, mergeSpec, type UpdateCampaignRequest } from './campaign-spec';
import type { BackofficeDeps } from './deps';
import { invalidFields } from './field-errors';
import { changedFields, lockedChanges } from './safe-change';
import { unknownStores } from './store-check';

export const CAMPAIGN_NOT_FOUND = 'no campaign with this id';

/**
 * Changes a campaign that has not ended. Once it has sold, only safe changes pass: what buyers paid
 * for stays, stock never drops below what is sold, and no store where its vouchers were redeemed is
 * removed. Runs with the campaign row locked, so a sale cannot slip in between check and write.
 */
export async function updateCampaign(
  deps: BackofficeDeps,
  session: MerchantSession,
  campaignId: string,
  change: UpdateCampaignRequest,
): Promise<Outcome<CampaignView>> {
  const db = deps.db;
  const merchantId = session.merchant.id;
  const timeZone = session.merchant.timeZone;
  const at = deps.now().toISOString();
  const refused = await runScript(db, script);
  if (refused) return refused;
  const updated = await findCampaign(db, merchantId, campaignId);
  if (!updated) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
  return ok(viewOf(updated));

  function* script(): TransactionScript<AppFailure | null> {
    const row = (yield selectCampaign(db, merchantId, campaignId, true)).rows[0];
    if (!row) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
    const current = toCampaignRecord(row, (yield selectCampaignStores(db, merchantId, [campaignId])).rows);
    if (current.status === 'ended') return failure('CAMPAIGN_STATUS_CONFLICT', 'an ended campaign cannot change', { status: 'ended' });
    const before = specOf(current);
    const after = mergeSpec(before, change);
    const errors = crossFieldErrors(after, timeZone);
    if (errors.length > 0) return invalidFields(errors);
    if (change.storeIds) {
      const storeProblem = yield* unknownStores(db, merchantId, change.storeIds);
      if (storeProblem) return storeProblem;
    }
    const changed = changedFields(before, after);
    const sold = Number((yield selectHasSold(db, merchantId, campaignId)).rows[0]?.['sold']) === 1;
    const locked = sold ? lockedChanges(changed) : [];
    if (locked.length > 0) {
      return failure('CAMPAIGN_FIELD_LOCKED', `cannot change ${locked.join(', ')} after the first sale`, { fields: locked });
    }
    if (after.totalStock !== null && after.totalStock < current.soldCount) {
      return failure('STOCK_BELOW_SOLD', `${current.soldCount} units are already sold`, { soldCount: current.soldCount });
    }
    const removed = before.storeIds.filter((id) => !after.storeIds.includes(id));
    const redeemedAt = (yield selectStoresWithRedemptions(db, merchantId, campaignId, removed)).rows.map((r) => String(r['store_id']));
    if (redeemedAt.length > 0) {
      return failure('STORE_HAS_REDEMPTIONS', 'vouchers of this campaign were redeemed at a store being removed', {
        storeIds: redeemedAt,
      });
    }
    const updated = yield updateCampaignRow(db, merchantId, campaignId, columnsOf(after, timeZone), at);
    if (updated.affected !== 1) throw new Error(`campaign ${campaignId} changed under its lock`);
    yield* removeCampaignStores(db, merchantId, campaignId, removed);
    yield* addCampaignStores(db, merchantId, campaignId, after.storeIds.filter((id) => !before.storeIds.includes(id)));
    yield userAuditInsert(db, {
      merchantId,
      userId: session.user.id,
      action: 'campaign.update',
      subjectId: campaignId,
      details: { fields: changed },
      at,
    }).compile();
    return null;
  }
}
