import { maskPhone } from '../../../core/mask';
import { ok } from '../../../core/result';
import { findCampaign } from '../../repositories/backoffice/campaign-rows';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { listRefunds, selectSettlement, toSettlementRow } from '../../repositories/backoffice/settlement-statements';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import type { GroupPriceSettlement } from './settle-group-price';
import { CAMPAIGN_NOT_FOUND } from './update-campaign';

export interface SettlementReport {
  settlement: GroupPriceSettlement | null;
  refunds: {
    orderId: string;
    buyerPhoneMasked: string;
    units: number;
    paidUnitPriceFen: number;
    finalUnitPriceFen: number;
    refundFen: number;
  }[];
}

/** The settled group price of a campaign and what each order is owed (phones masked); null before settling. */
export async function getSettlement(deps: BackofficeDeps, session: MerchantSession, campaignId: string): Promise<Outcome<SettlementReport>> {
  const merchantId = session.merchant.id;
  if (!(await findCampaign(deps.db, merchantId, campaignId))) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
  const row = (await deps.db.kysely.executeQuery(selectSettlement(deps.db, merchantId, campaignId))).rows[0];
  if (!row) return ok({ settlement: null, refunds: [] });
  const settled = toSettlementRow(row as Record<string, unknown>);
  const refunds = await listRefunds(deps.db, merchantId, campaignId);
  return ok({
    settlement: { campaignId, ...settled, refundPerUnitFen: settled.listPriceFen - settled.finalPriceFen, alreadySettled: true },
    refunds: refunds.map((r) => ({
      orderId: r.order_id,
      buyerPhoneMasked: maskPhone(r.buyer_phone),
      units: Number(r.units),
      paidUnitPriceFen: Number(r.paid_unit_price_fen),
      finalUnitPriceFen: Number(r.final_unit_price_fen),
      refundFen: Number(r.refund_fen),
    })),
  });
}
