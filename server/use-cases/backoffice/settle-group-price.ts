import { resolveEndBound } from '../../../core/campaign-bound';
import { settleGroupPrice } from '../../../core/group-price';
import { ok } from '../../../core/result';
import { selectCampaign, toCampaignRecord } from '../../repositories/backoffice/campaign-rows';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import {
  insertRefunds,
  insertSettlement,
  selectOpenReservations,
  selectPayingBuyers,
  selectRefundTotals,
  selectSettlement,
  toSettlementRow,
  type SettlementRow,
} from '../../repositories/backoffice/settlement-statements';
import { runScript, type TransactionScript } from '../../repositories/backoffice/transaction-script';
import { userAuditInsert } from '../../repositories/backoffice/user-audit';
import { failure, type AppFailure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { CAMPAIGN_NOT_FOUND } from './update-campaign';

export interface GroupPriceSettlement extends SettlementRow {
  campaignId: string;
  /** What each unit gets back from the list price. */
  refundPerUnitFen: number;
  /** True when an earlier run had already settled it; nothing was written this time. */
  alreadySettled: boolean;
}

function answer(campaignId: string, row: SettlementRow, alreadySettled: boolean): GroupPriceSettlement {
  return { campaignId, ...row, refundPerUnitFen: row.listPriceFen - row.finalPriceFen, alreadySettled };
}

/**
 * Fixes the group price of a campaign whose sale is over: the tier reached by the number of paying
 * buyers sets the final unit price, and each paid order gets an append-only refund row for what it
 * paid above it. Idempotent: a second run returns the first result and writes nothing.
 */
export async function settleCampaignGroupPrice(
  deps: BackofficeDeps,
  session: MerchantSession,
  campaignId: string,
): Promise<Outcome<GroupPriceSettlement>> {
  const db = deps.db;
  const merchantId = session.merchant.id;
  const now = deps.now();
  const at = now.toISOString();

  function* script(): TransactionScript<AppFailure | GroupPriceSettlement> {
    const row = (yield selectCampaign(db, merchantId, campaignId, true)).rows[0];
    if (!row) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
    const settled = (yield selectSettlement(db, merchantId, campaignId)).rows[0];
    if (settled) return answer(campaignId, toSettlementRow(settled), true);
    const campaign = toCampaignRecord(row, []);
    if (!campaign.groupPriceTiers) return failure('NO_GROUP_PRICE', 'this campaign has no group price tiers');
    const saleOver =
      campaign.status === 'ended' ||
      (campaign.saleEndsAt !== null && resolveEndBound(campaign.saleEndsAt, session.merchant.timeZone) <= now);
    if (!saleOver) {
      return failure('SETTLEMENT_NOT_READY', 'the sale is still open: settle once it has ended', { saleEndsAt: campaign.saleEndsAt });
    }
    const open = Number((yield selectOpenReservations(db, merchantId, campaignId, at)).rows[0]?.['open'] ?? 0);
    if (open > 0) {
      return failure('SETTLEMENT_NOT_READY', `${open} reservations may still be paid`, { openReservations: open });
    }
    const buyers = Number((yield selectPayingBuyers(db, merchantId, campaignId)).rows[0]?.['buyers'] ?? 0);
    const price = settleGroupPrice({ listPriceFen: campaign.priceFen, tiers: campaign.groupPriceTiers }, buyers);
    yield insertRefunds(db, merchantId, campaignId, price.priceFen, at);
    const totals = (yield selectRefundTotals(db, merchantId, campaignId)).rows[0];
    const settlement: SettlementRow = {
      listPriceFen: campaign.priceFen,
      buyerCount: buyers,
      tierMinBuyers: price.tier?.minBuyers ?? null,
      finalPriceFen: price.priceFen,
      refundCount: Number(totals?.['refunds'] ?? 0),
      totalRefundFen: Number(totals?.['total'] ?? 0),
      settledAt: at,
      settledBy: session.user.id,
    };
    yield insertSettlement(db, merchantId, campaignId, settlement);
    const { settledAt: _at, settledBy: _by, ...figures } = settlement;
    yield userAuditInsert(db, { merchantId, userId: session.user.id, action: 'campaign.settle', subjectId: campaignId, details: figures, at }).compile();
    return answer(campaignId, settlement, false);
  }

  const result = await runScript(db, script);
  return 'ok' in result ? result : ok(result);
}
