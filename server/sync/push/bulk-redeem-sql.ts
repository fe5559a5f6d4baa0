import { AUDIT_COLUMNS, REDEMPTION_COLUMNS, redeemUpdateSql } from '../../repositories/redeem-sql';
import { rows, type Steps } from '../sql/steps';
import { bind, type AcceptedRow, type OfflineRedeemParams } from './offline-redeem-sql';

/** Entries per statement: each is the single-row redeem update, so the plan is the proven one. */
export const BULK_SIZE = 25;

/** The update's parameters that differ per entry; merchant, store and server time are shared. */
const IN_UPDATE = ['code', 'count', 'businessTime', 'rulesPassedCampaignId'] as const;

/** The rest of an entry, for its ledger and audit rows, as a JSON row joined by position. */
const LEDGER_FIELDS = {
  ord: 'integer',
  count: 'integer',
  redemptionId: 'text',
  cashierId: 'text',
  deviceTime: 'timestamptz',
  fingerprint: 'text',
  auditId: 'text',
  auditDetails: 'text',
  skewMs: 'bigint',
  basis: 'text',
} as const;

function updateFor(i: number): string {
  const single = redeemUpdateSql('$businessTime');
  return single.replace(/\$([A-Za-z]+)/g, (whole, name: string) => ((IN_UPDATE as readonly string[]).includes(name) ? `$${name}_${i}` : whole));
}

const COLUMNS = Object.entries(LEDGER_FIELDS)
  .map(([name, type]) => `"${name}" ${type}`)
  .join(', ');

/**
 * PostgreSQL: BULK_SIZE copies of the online redeem's conditional update in one statement (each a
 * data-modifying CTE on one voucher by its code), then the ledger and audit rows of those that
 * applied. One round trip for many entries, and each update keeps the single-row plan: a join
 * over all of a merchant's vouchers would be chosen from stale statistics after a bulk issuance.
 */
const BULK_ACCEPT = (() => {
  const updates = Array.from({ length: BULK_SIZE }, (_, i) => `u${i} AS (${updateFor(i)})`);
  const union = Array.from({ length: BULK_SIZE }, (_, i) => `SELECT ${i} AS ord, voucher_id, remaining, campaign_title FROM u${i}`).join('\n UNION ALL ');
  return `
WITH ${updates.join(',\n')},
u AS (${union}),
j AS (SELECT * FROM json_to_recordset(CAST($rows AS json)) AS j(${COLUMNS})),
r AS (
  INSERT INTO redemptions (${REDEMPTION_COLUMNS}, clock_skew_ms, offline_basis)
  SELECT $merchantId::text, j."redemptionId", u.voucher_id, j."count", $storeId::text, $terminalId::text, j."cashierId",
         j."deviceTime", $serverTime::timestamptz, 'offline', 'accepted', u.remaining, j."fingerprint", j."skewMs", j."basis"
    FROM u JOIN j ON j."ord" = u.ord
),
a AS (
  INSERT INTO audit_log (${AUDIT_COLUMNS})
  SELECT $merchantId::text, j."auditId", $serverTime::timestamptz, 'terminal', $terminalId::text, 'voucher.redeem.offline',
         j."redemptionId", j."auditDetails"
    FROM u JOIN j ON j."ord" = u.ord
)
SELECT ord, voucher_id, remaining, campaign_title FROM u`;
})();

/**
 * Applies up to BULK_SIZE entries on different vouchers at once and returns the applied ones by
 * redemption id; the others are then worked out one by one, exactly as if this had not been tried.
 * Unused slots name no voucher (an empty code matches none).
 */
export function* bulkAcceptOffline(entries: OfflineRedeemParams[]): Steps<Map<string, AcceptedRow>> {
  const first = entries[0];
  if (!first || entries.length > BULK_SIZE) throw new Error(`a bulk redeem takes 1 to ${BULK_SIZE} entries`);
  const values: Record<string, unknown> = { ...first };
  for (let i = 0; i < BULK_SIZE; i++) {
    const p = entries[i];
    for (const name of IN_UPDATE) values[`${name}_${i}`] = p ? p[name] : name === 'code' ? '' : name === 'count' ? 1 : name === 'businessTime' ? first.businessTime : null;
  }
  values['rows'] = JSON.stringify(entries.map((p, ord) => ({ ...Object.fromEntries(Object.keys(LEDGER_FIELDS).map((k) => [k, p[k as keyof OfflineRedeemParams]])), ord })));
  const statement = bind(BULK_ACCEPT, values);
  const applied = yield* rows(statement.sql, statement.params);
  const byOrd = new Map(applied.map((row) => [Number(row['ord']), row]));
  const accepted = new Map<string, AcceptedRow>();
  entries.forEach((p, ord) => {
    const row = byOrd.get(ord);
    if (row) accepted.set(p.redemptionId, { voucherId: String(row['voucher_id']), remaining: Number(row['remaining']), campaignTitle: String(row['campaign_title']) });
  });
  return accepted;
}
