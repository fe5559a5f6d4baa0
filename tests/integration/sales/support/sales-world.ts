import type { CampaignValidityRules } from '../../../../core/campaign-rules';
import type { Db } from '../../../../server/db/database';
import { createCampaign, createMerchant, createStore, createTerminal } from '../../../../server/repositories/merchant-setup';
import type { RunningServer } from '../../../../server/server';
import { pairedClient } from '../../../support/server/world';

const DAY = 86_400_000;

export interface SaleSettings {
  stock?: number | null;
  perBuyerLimit?: number | null;
  usesPerVoucher?: number;
  saleStartsAt?: Date | null;
  saleEndsAt?: Date | null;
  status?: 'draft' | 'published' | 'ended';
  paymentWindowSeconds?: number;
  validityRules?: CampaignValidityRules;
  validFrom?: Date;
  validUntil?: Date;
}

/** A merchant with one store and terminal, ready to sell; campaigns are added per test. */
export async function buildSalesWorld(server: RunningServer, options: { timeZone?: string; now?: Date } = {}) {
  const db = server.db;
  const now = options.now ?? new Date();
  const merchant = await createMerchant(db, { name: '闪购商户', timeZone: options.timeZone ?? 'Asia/Shanghai' });
  const store = await createStore(db, merchant.id, '一号店');
  const terminal = await createTerminal(db, merchant.id, store.id, '收银台');
  const secret = await server.sales.deps.channelSecrets.create(merchant.id, 'douyin');

  const campaign = async (settings: SaleSettings = {}) => {
    const created = await createCampaign(db, merchant.id, {
      kind: 'product',
      title: '招牌烤鸭',
      priceFen: 4900,
      faceValueFen: 12800,
      usesPerVoucher: settings.usesPerVoucher ?? 1,
      validFrom: settings.validFrom ?? new Date(now.getTime() - DAY),
      validUntil: settings.validUntil ?? new Date(now.getTime() + 30 * DAY),
      storeIds: [store.id],
    });
    await setSale(db, merchant.id, created.id, settings, now);
    return created;
  };
  return { merchant, store, terminal, secret, campaign, client: () => pairedClient(server, terminal.id) };
}

export type SalesWorld = Awaited<ReturnType<typeof buildSalesWorld>>;

async function setSale(db: Db, merchantId: string, campaignId: string, s: SaleSettings, now: Date): Promise<void> {
  await db.kysely
    .updateTable('campaigns')
    .set({
      total_stock: s.stock === undefined ? 100 : s.stock,
      per_buyer_limit: s.perBuyerLimit === undefined ? null : s.perBuyerLimit,
      sale_starts_at: s.saleStartsAt === undefined ? new Date(now.getTime() - DAY).toISOString() : (s.saleStartsAt?.toISOString() ?? null),
      sale_ends_at: s.saleEndsAt === undefined ? new Date(now.getTime() + DAY).toISOString() : (s.saleEndsAt?.toISOString() ?? null),
      status: s.status ?? 'published',
      payment_window_seconds: s.paymentWindowSeconds ?? 900,
      validity_rules: JSON.stringify(s.validityRules ?? {}),
    })
    .where('merchant_id', '=', merchantId)
    .where('id', '=', campaignId)
    .execute();
}

/** Row counts of everything selling writes, to prove a refused request changed nothing. */
export async function salesCounts(db: Db) {
  const count = async (table: 'orders' | 'vouchers' | 'notifications' | 'channel_events' | 'members' | 'member_handles' | 'buyer_counters') =>
    Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const sold = await db.kysely.selectFrom('campaigns').select((eb) => eb.fn.sum<number>('sold_count').as('sold')).executeTakeFirstOrThrow();
  const units = await db.kysely.selectFrom('buyer_counters').select((eb) => eb.fn.sum<number>('units').as('units')).executeTakeFirstOrThrow();
  return {
    orders: await count('orders'),
    vouchers: await count('vouchers'),
    notifications: await count('notifications'),
    events: await count('channel_events'),
    members: await count('members'),
    handles: await count('member_handles'),
    counters: await count('buyer_counters'),
    soldUnits: Number(sold.sold ?? 0),
    counterUnits: Number(units.units ?? 0),
  };
}
