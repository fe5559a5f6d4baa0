import { ok } from '../../../core/result';
import { findCampaign } from '../../repositories/backoffice/campaign-rows';
import { orderFigures, voucherFigures, type OrderFigures, type VoucherFigures } from '../../repositories/backoffice/campaign-stats-queries';
import type { MerchantSession } from '../../repositories/backoffice/merchant-session';
import { failure, type Outcome } from '../outcome';
import type { BackofficeDeps } from './deps';
import { CAMPAIGN_NOT_FOUND } from './update-campaign';

export interface CampaignStats {
  campaignId: string;
  status: string;
  totalStock: number | null;
  /** Units reserved or paid (the campaign's sold count). */
  soldUnits: number;
  remainingStock: number | null;
  orders: OrderFigures & { netFen: number };
  vouchers: VoucherFigures;
  /** Redeemed uses over redeemable uses; null before any voucher. */
  redemptionRate: number | null;
  /** Vouchers with a use redeemed over vouchers not voided. */
  voucherRedemptionRate: number | null;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Sales and redemption figures of one campaign of the merchant. */
export async function campaignStats(deps: BackofficeDeps, session: MerchantSession, campaignId: string): Promise<Outcome<CampaignStats>> {
  const merchantId = session.merchant.id;
  const campaign = await findCampaign(deps.db, merchantId, campaignId);
  if (!campaign) return failure('CAMPAIGN_NOT_FOUND', CAMPAIGN_NOT_FOUND);
  const [orders, vouchers] = await Promise.all([
    orderFigures(deps.db, merchantId, campaignId),
    voucherFigures(deps.db, merchantId, campaignId),
  ]);
  return ok({
    campaignId,
    status: campaign.status,
    totalStock: campaign.totalStock,
    soldUnits: campaign.soldCount,
    remainingStock: campaign.totalStock === null ? null : Math.max(0, campaign.totalStock - campaign.soldCount),
    orders: { ...orders, netFen: orders.paidFen - orders.refundedFen },
    vouchers,
    redemptionRate: ratio(vouchers.redeemedUses, vouchers.uses),
    voucherRedemptionRate: ratio(vouchers.redeemedVouchers, vouchers.issued - vouchers.voided),
  });
}
