import { v7 as uuidv7 } from 'uuid';
import type { ErrorCode } from '../../core/errors';
import { fail, ok, type Result } from '../../core/result';
import type { PosDb } from '../db/pos-db';
import { checkOffline, type OfflineCheck } from '../redeem/offline/check-offline';

/** A voucher put on a bill: redeemed with the sale, in its transaction. */
export interface BillVoucher {
  redemptionId: string;
  voucherId: string;
  campaignId: string;
  campaignTitle: string;
  codeMasked: string;
  kind: 'product' | 'cash';
  faceValueFen: number;
  minSpendFen: number;
  /** The catalog item a product voucher gives, when the campaign names one. */
  itemId: string | null;
  needsPin: boolean;
  check: OfflineCheck;
}

export interface BillVoucherContext {
  storeId: string;
  timeZone: string;
  now: Date;
}

/**
 * Checks a typed or scanned code against the terminal's mirror, as an offline redemption would be,
 * so a bill works the same with or without the server; the server settles it at sync.
 */
export async function lookUpBillVoucher(db: PosDb, input: { code: string } | { qrToken: string }, ctx: BillVoucherContext): Promise<Result<BillVoucher, ErrorCode>> {
  const checked = await checkOffline(db, 'code' in input ? { code: input.code } : { qrToken: input.qrToken }, { ...ctx, count: 1 });
  if (!checked.ok) return checked;
  const check = checked.value;
  if (!check.verdict.ok) return fail(check.verdict.code, 'this voucher cannot be used here now');
  const campaign = check.campaign;
  if (!campaign) return fail('OFFLINE_NOT_READY', 'the voucher’s campaign has not been downloaded yet');
  const rules = campaign.rules as { itemId?: unknown } | null;
  return ok({
    redemptionId: uuidv7(),
    voucherId: check.found.voucher.voucherId,
    campaignId: campaign.campaignId,
    campaignTitle: campaign.title,
    codeMasked: check.preview.codeMasked,
    kind: campaign.kind === 'cash' ? 'cash' : 'product',
    faceValueFen: campaign.faceValueFen,
    minSpendFen: campaign.minSpendFen,
    itemId: typeof rules?.itemId === 'string' ? rules.itemId : null,
    needsPin: check.verdict.needsPin,
    check,
  });
}
