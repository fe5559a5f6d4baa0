import { CampaignValidityRules } from '../../../core/campaign-rules';
import type { CampaignKind } from '../../../core/redemption-api';
import type { Db } from '../../db/database';
import { TtlCache } from './ttl-cache';

/** What issuing and messaging need to know about a campaign; changes rarely, so it is cached briefly. */
export interface CampaignFacts {
  merchantId: string;
  campaignId: string;
  title: string;
  kind: CampaignKind;
  status: 'draft' | 'published' | 'ended';
  usesPerVoucher: number;
  validFrom: string;
  validUntil: string;
  validityRules: CampaignValidityRules;
  storeNames: string[];
  timeZone: string;
}

const FACTS_TTL_MS = 10_000;

export class CampaignDirectory {
  private readonly merchants: TtlCache<string>;
  private readonly facts: TtlCache<CampaignFacts>;

  constructor(
    private readonly db: Db,
    clock: () => number = Date.now,
  ) {
    this.merchants = new TtlCache(Number.POSITIVE_INFINITY, clock);
    this.facts = new TtlCache(FACTS_TTL_MS, clock);
  }

  /** The merchant owning a campaign id (ids are UUIDv7, unique across merchants); never changes. */
  merchantOf(campaignId: string): Promise<string | undefined> {
    return this.merchants.get(campaignId, async () => {
      const rows = await this.db.kysely.selectFrom('campaigns').select('merchant_id').where('id', '=', campaignId).limit(2).execute();
      return rows.length === 1 ? rows[0]!.merchant_id : undefined;
    });
  }

  factsOf(merchantId: string, campaignId: string): Promise<CampaignFacts | undefined> {
    return this.facts.get(`${merchantId}/${campaignId}`, () => this.loadFacts(merchantId, campaignId));
  }

  private async loadFacts(merchantId: string, campaignId: string): Promise<CampaignFacts | undefined> {
    const row = await this.db.kysely
      .selectFrom('campaigns as c')
      .innerJoin('merchants as m', 'm.merchant_id', 'c.merchant_id')
      .select(['c.title', 'c.kind', 'c.status', 'c.uses_per_voucher', 'c.valid_from', 'c.valid_until', 'c.validity_rules', 'm.time_zone'])
      .where('c.merchant_id', '=', merchantId)
      .where('c.id', '=', campaignId)
      .executeTakeFirst();
    if (!row) return undefined;
    const stores = await this.db.kysely
      .selectFrom('campaign_stores as cs')
      .innerJoin('stores as s', (j) => j.onRef('s.merchant_id', '=', 'cs.merchant_id').onRef('s.id', '=', 'cs.store_id'))
      .select('s.name')
      .where('cs.merchant_id', '=', merchantId)
      .where('cs.campaign_id', '=', campaignId)
      .orderBy('s.name')
      .execute();
    const value: CampaignFacts = {
      merchantId,
      campaignId,
      title: row.title,
      kind: row.kind,
      status: row.status,
      usesPerVoucher: row.uses_per_voucher,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      validityRules: parseValidityRules(row.validity_rules),
      storeNames: stores.map((s) => s.name),
      timeZone: row.time_zone,
    };
    return value;
  }
}

/** Stored rules that no longer parse restrict nothing rather than block every voucher. */
export function parseValidityRules(json: string): CampaignValidityRules {
  try {
    const parsed = CampaignValidityRules.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
