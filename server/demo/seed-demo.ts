import type { Db } from '../db/database';
import { createCampaign, createMerchant, createStore, createTerminal, issueVouchers } from '../repositories/merchant-setup';
import { seedDemoCounter } from './demo-counter';
import { seedDemoSales } from './seed-demo-sales';
import { seedDemoUsers } from './demo-users';
import { DEMO_MERCHANT, DEMO_STORES, DEMO_TERMINALS, DEMO_VOUCHERS_PER_CAMPAIGN, demoCampaigns, demoPhones } from './demo-data';

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('merchants').select('merchant_id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Seeds the demo merchant, its stores, terminals, campaigns and vouchers. Call on an empty database only. */
export async function seedDemo(db: Db, now = new Date()): Promise<void> {
  const merchant = await createMerchant(db, { ...DEMO_MERCHANT, now });
  const storeIds = new Map<string, string>();
  for (const name of Object.values(DEMO_STORES)) storeIds.set(name, (await createStore(db, merchant.id, name)).id);
  const storeId = (name: string) => {
    const id = storeIds.get(name);
    if (!id) throw new Error(`demo store ${name} is missing`);
    return id;
  };
  for (const terminal of DEMO_TERMINALS) await createTerminal(db, merchant.id, storeId(terminal.store), terminal.name);

  let phoneOffset = 0;
  for (const { stores, ...input } of demoCampaigns(now)) {
    const campaign = await createCampaign(db, merchant.id, { ...input, storeIds: stores.map(storeId) });
    await issueVouchers(db, merchant.id, campaign, {
      count: DEMO_VOUCHERS_PER_CAMPAIGN,
      buyerPhones: demoPhones(DEMO_VOUCHERS_PER_CAMPAIGN, phoneOffset),
    });
    phoneOffset += DEMO_VOUCHERS_PER_CAMPAIGN;
  }
  await seedDemoSales(db, merchant.id, [...storeIds.values()], now);
  await seedDemoUsers(db, merchant.id, now);
  await seedDemoCounter(db, merchant.id, storeIds, now);
}
