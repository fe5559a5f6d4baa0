import type { PostgresDb } from '../db/open-postgres';
import { isUniqueViolation } from '../db/errors';
import { AUDIT_COLUMNS, REDEEM_UPDATE, REDEMPTION_COLUMNS } from './redeem-sql';
import type { RedeemParams, RedeemStatement } from './redeem-statement';

const ORDER: (keyof RedeemParams)[] = [
  'merchantId',
  'code',
  'count',
  'storeId',
  'terminalId',
  'cashierId',
  'redemptionId',
  'deviceTime',
  'serverTime',
  'fingerprint',
  'auditId',
  'auditDetails',
  'rulesPassedCampaignId',
];

function positional(text: string): string {
  return text.replace(/\$([A-Za-z]+)/g, (_, name: string) => {
    const index = ORDER.indexOf(name as keyof RedeemParams);
    if (index < 0) throw new Error(`unknown redeem parameter $${name}`);
    return `$${index + 1}`;
  });
}

// One statement, one round trip: the update, the ledger row and the audit row commit together.
const TEXT = positional(`
WITH u AS (${REDEEM_UPDATE}),
r AS (
  INSERT INTO redemptions (${REDEMPTION_COLUMNS})
  SELECT $merchantId::text, $redemptionId::text, u.voucher_id, $count::integer, $storeId::text, $terminalId::text,
         $cashierId::text, $deviceTime::timestamptz, $serverTime::timestamptz, 'online', 'accepted', u.remaining,
         $fingerprint::text
    FROM u
),
a AS (
  INSERT INTO audit_log (${AUDIT_COLUMNS})
  SELECT $merchantId::text, $auditId::text, $serverTime::timestamptz, 'terminal', $terminalId::text,
         'voucher.redeem', $redemptionId::text, $auditDetails::text
    FROM u
)
SELECT voucher_id, remaining, campaign_title FROM u`);

interface Row {
  voucher_id: string;
  remaining: number;
  campaign_title: string;
}

export function redeemOnPostgres(db: PostgresDb): RedeemStatement {
  return async (params) => {
    try {
      const result = await db.pool.query<Row>({
        name: 'hexiao_redeem_v2',
        text: TEXT,
        values: ORDER.map((key) => params[key] ?? null),
      });
      const row = result.rows[0];
      if (!row) return { kind: 'not-applied' };
      return { kind: 'accepted', voucherId: row.voucher_id, remaining: row.remaining, campaignTitle: row.campaign_title };
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: 'duplicate-id' };
      throw error;
    }
  };
}
