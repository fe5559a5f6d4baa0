import type { Db } from '../../../server/db/database';
import { createCampaign, createMerchant, createStore, createTerminal, issueVouchers } from '../../../server/repositories/merchant-setup';

/** A merchant with one store, one terminal and vouchers with uses to spare, so no redeem is refused. */
export async function redeemBenchWorld(db: Db, name: string, voucherCount: number) {
  const merchant = await createMerchant(db, { name });
  const store = await createStore(db, merchant.id, `${name} store`);
  const terminal = await createTerminal(db, merchant.id, store.id, `${name} terminal`);
  const now = Date.now();
  const campaign = await createCampaign(db, merchant.id, {
    kind: 'product',
    title: `${name} campaign`,
    priceFen: 100,
    faceValueFen: 100,
    usesPerVoucher: 1_000_000,
    validFrom: new Date(now - 86_400_000),
    validUntil: new Date(now + 86_400_000),
    storeIds: [store.id],
  });
  const vouchers = await issueVouchers(db, merchant.id, campaign, { count: voucherCount });
  return { merchant, store, terminal, codes: vouchers.map((v) => v.code) };
}

export type RedeemBenchWorld = Awaited<ReturnType<typeof redeemBenchWorld>>;
