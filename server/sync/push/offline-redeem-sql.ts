import { AUDIT_COLUMNS, REDEMPTION_COLUMNS, redeemUpdateSql } from '../../repositories/redeem-sql';
import type { DbKind } from '../../db/db-kind';
import { first, q, rowsPlannedEachTime, type Statement, type Steps } from '../sql/steps';

export interface OfflineRedeemParams {
  merchantId: string;
  code: string;
  count: number;
  storeId: string;
  terminalId: string;
  cashierId: string | null;
  redemptionId: string;
  deviceTime: string;
  serverTime: string;
  /** When it happened by the server's clock: validity is judged then, leases now. */
  businessTime: string;
  fingerprint: string;
  auditId: string;
  auditDetails: string;
  rulesPassedCampaignId: string | null;
  skewMs: number | null;
  basis: 'lease' | 'provisional';
}

// The online redeem's conditional update, judged at the entry's business time. A redemption id
// already in the ledger never gets here (see `redemptionIdsInLedger`); one inserted meanwhile by a
// concurrent request makes the ledger insert fail, and the entry is applied again on its own.
const UPDATE = redeemUpdateSql('$businessTime');

const LEDGER = `INSERT INTO redemptions (${REDEMPTION_COLUMNS}, clock_skew_ms, offline_basis)
  VALUES ($merchantId, $redemptionId, $voucherId, $count, $storeId, $terminalId, $cashierId, $deviceTime, $serverTime,
          'offline', $outcome, $remaining, $fingerprint, $skewMs, $basis)`;

const AUDIT = `INSERT INTO audit_log (${AUDIT_COLUMNS})
  VALUES ($merchantId, $auditId, $serverTime, 'terminal', $terminalId, $auditAction, $redemptionId, $auditDetails)`;

// PostgreSQL: update, ledger row and audit row in one statement, one round trip.
const PG_ACCEPT = `
WITH u AS (${UPDATE}),
r AS (
  INSERT INTO redemptions (${REDEMPTION_COLUMNS}, clock_skew_ms, offline_basis)
  SELECT $merchantId::text, $redemptionId::text, u.voucher_id, $count::integer, $storeId::text, $terminalId::text,
         $cashierId::text, $deviceTime::timestamptz, $serverTime::timestamptz, 'offline', 'accepted', u.remaining,
         $fingerprint::text, $skewMs::bigint, $basis::text
    FROM u
),
a AS (
  INSERT INTO audit_log (${AUDIT_COLUMNS})
  SELECT $merchantId::text, $auditId::text, $serverTime::timestamptz, 'terminal', $terminalId::text,
         'voucher.redeem.offline', $redemptionId::text, $auditDetails::text
    FROM u
)
SELECT voucher_id, remaining, campaign_title FROM u`;

/** `$name` → `?` with the values in order; every name must be given (null is a value). */
export function bind(text: string, params: Record<string, unknown>): Statement {
  const values: unknown[] = [];
  const sql = text.replace(/\$([A-Za-z]+(?:_\d+)?)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for $${name}`);
    values.push(params[name]);
    return '?';
  });
  return q(sql, values);
}

export interface AcceptedRow {
  voucherId: string;
  remaining: number;
  campaignTitle: string;
}

/** Applies the redemption if the voucher allows it now; undefined when nothing matched. */
export function* acceptOffline(kind: DbKind, p: OfflineRedeemParams): Steps<AcceptedRow | undefined> {
  if (kind === 'postgres') {
    const statement = bind(PG_ACCEPT, { ...p });
    const row = yield* first(statement.sql, statement.params);
    return row && toAccepted(row);
  }
  const update = bind(UPDATE, { ...p });
  const row = yield* first(update.sql, update.params);
  if (!row) return undefined;
  const accepted = toAccepted(row);
  yield ledgerRow(p, 'accepted', accepted.voucherId, accepted.remaining);
  yield auditRow(p, 'voucher.redeem.offline');
  return accepted;
}

export function ledgerRow(p: OfflineRedeemParams, outcome: 'accepted' | 'conflict', voucherId: string, remaining: number): Statement {
  return bind(LEDGER, { ...p, outcome, voucherId, remaining });
}

export function auditRow(p: OfflineRedeemParams, action: string): Statement {
  return bind(AUDIT, { ...p, auditAction: action });
}

function toAccepted(row: Record<string, unknown>): AcceptedRow {
  return { voucherId: String(row['voucher_id']), remaining: Number(row['remaining']), campaignTitle: String(row['campaign_title']) };
}

/** Which of these redemption ids are in the ledger already: one query per group of entries. */
export function* redemptionIdsInLedger(kind: DbKind, merchantId: string, ids: string[]): Steps<Set<string>> {
  if (ids.length === 0) return new Set();
  // Each dialect's shape that probes the primary key once per id, whatever the table's size.
  const found = yield* rowsPlannedEachTime(
    kind === 'postgres'
      ? `SELECT r.redemption_id FROM json_array_elements_text(CAST(? AS json)) AS c(id)
           JOIN redemptions AS r ON r.merchant_id = ? AND r.redemption_id = c.id`
      : `SELECT r.redemption_id FROM redemptions AS r WHERE r.merchant_id = ? AND r.redemption_id IN (SELECT value FROM json_each(?))`,
    kind === 'postgres' ? [JSON.stringify(ids), merchantId] : [merchantId, JSON.stringify(ids)],
  );
  return new Set(found.map((row) => String(row['redemption_id'])));
}
