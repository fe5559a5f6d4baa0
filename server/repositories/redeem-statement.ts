import type { Db } from '../db/database';
import { redeemOnPostgres } from './redeem-postgres';
import { redeemOnSqlite } from './redeem-sqlite';

export interface RedeemParams {
  merchantId: string;
  code: string;
  count: number;
  storeId: string;
  terminalId: string;
  cashierId: string | null;
  redemptionId: string;
  deviceTime: string;
  serverTime: string;
  fingerprint: string;
  auditId: string;
  auditDetails: string;
  /**
   * The campaign whose validity rules (weekday, hours, blackout dates) the caller has checked for
   * `serverTime`; a campaign with rules is redeemed only when it is this one.
   */
  rulesPassedCampaignId?: string | null;
}

export type RedeemAttempt =
  | { kind: 'accepted'; voucherId: string; remaining: number; campaignTitle: string }
  /** No row matched the conditions: unknown code, not redeemable here and now, or not enough uses. */
  | { kind: 'not-applied' }
  /** The redemption id is already in the ledger; nothing was changed. */
  | { kind: 'duplicate-id' };

/** One conditional update plus the ledger and audit inserts, in one transaction. */
export type RedeemStatement = (params: RedeemParams) => Promise<RedeemAttempt>;

export function redeemStatementFor(db: Db): RedeemStatement {
  return db.kind === 'postgres' ? redeemOnPostgres(db) : redeemOnSqlite(db);
}
