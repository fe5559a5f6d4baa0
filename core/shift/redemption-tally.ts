/** One redemption a terminal made while a shift was open, on 核销 or on a bill, as a report counts it. */
export interface ShiftRedemptionFact {
  /** What groups it: the campaign's id where known, else its title (the terminal keeps only the title). */
  campaignKey: string;
  title: string;
  /** Uses redeemed. */
  count: number;
  offline: boolean;
  /** A reversal (已撤销) not refused: the uses went back to the voucher. */
  reversed: boolean;
}

export interface RedemptionCounts {
  /** Redemptions made (reversed ones included). */
  redemptions: number;
  /** Uses they took. */
  uses: number;
  offline: number;
  reversed: number;
}

export interface CampaignRedemptions extends RedemptionCounts {
  campaignKey: string;
  title: string;
}

export interface RedemptionTally extends RedemptionCounts {
  /** Ordered by title, then key: the terminal and the server list them alike. */
  byCampaign: CampaignRedemptions[];
}

const add = (c: RedemptionCounts, f: ShiftRedemptionFact): void => {
  c.redemptions += 1;
  c.uses += f.count;
  if (f.offline) c.offline += 1;
  if (f.reversed) c.reversed += 1;
};

/** The same figures on the terminal (its Dexie rows) and on the server (its ledger). */
export function tallyRedemptions(facts: readonly ShiftRedemptionFact[]): RedemptionTally {
  const total: RedemptionCounts = { redemptions: 0, uses: 0, offline: 0, reversed: 0 };
  const campaigns = new Map<string, CampaignRedemptions>();
  for (const f of facts) {
    add(total, f);
    const c = campaigns.get(f.campaignKey) ?? { campaignKey: f.campaignKey, title: f.title, redemptions: 0, uses: 0, offline: 0, reversed: 0 };
    add(c, f);
    campaigns.set(f.campaignKey, c);
  }
  const byCampaign = [...campaigns.values()].sort((a, b) => (a.title === b.title ? (a.campaignKey < b.campaignKey ? -1 : 1) : a.title < b.title ? -1 : 1));
  return { ...total, byCampaign };
}
