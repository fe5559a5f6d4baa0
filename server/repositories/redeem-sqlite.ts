import type { SqliteDb } from '../db/open-sqlite';
import { isUniqueViolation } from '../db/errors';
import { AUDIT_COLUMNS, REDEEM_UPDATE, REDEMPTION_COLUMNS } from './redeem-sql';
import type { RedeemAttempt, RedeemParams, RedeemStatement } from './redeem-statement';
import { GroupCommit } from './sales/group-commit';

interface Row {
  voucher_id: string;
  remaining: number;
  campaign_title: string;
}

export function redeemOnSqlite(db: SqliteDb): RedeemStatement {
  const update = db.sqlite.prepare<[RedeemParams], Row>(REDEEM_UPDATE);
  const insertRedemption = db.sqlite.prepare<[RedeemParams & { voucherId: string; remaining: number }]>(`
    INSERT INTO redemptions (${REDEMPTION_COLUMNS})
    VALUES ($merchantId, $redemptionId, $voucherId, $count, $storeId, $terminalId, $cashierId, $deviceTime,
            $serverTime, 'online', 'accepted', $remaining, $fingerprint)`);
  const insertAudit = db.sqlite.prepare<[RedeemParams]>(`
    INSERT INTO audit_log (${AUDIT_COLUMNS})
    VALUES ($merchantId, $auditId, $serverTime, 'terminal', $terminalId, 'voucher.redeem', $redemptionId, $auditDetails)`);

  const redeemOne = db.sqlite.transaction((params: RedeemParams): RedeemAttempt => {
    const row = update.get({ ...params, rulesPassedCampaignId: params.rulesPassedCampaignId ?? null });
    if (!row) return { kind: 'not-applied' };
    insertRedemption.run({ ...params, voucherId: row.voucher_id, remaining: row.remaining });
    insertAudit.run(params);
    return { kind: 'accepted', voucherId: row.voucher_id, remaining: row.remaining, campaignTitle: row.campaign_title };
  });

  const attempt = (params: RedeemParams): RedeemAttempt => {
    try {
      return redeemOne(params);
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: 'duplicate-id' };
      throw error;
    }
  };
  // The redeems of the same moment share one commit (one fsync): each runs in its own savepoint,
  // so one that fails is rolled back alone, and none is answered before the commit.
  const batch = db.sqlite.transaction((jobs: RedeemParams[]) =>
    jobs.map((params) => {
      try {
        return { ok: true as const, value: attempt(params) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
  const group = new GroupCommit<RedeemParams, RedeemAttempt>(async (jobs) => batch.immediate(jobs), GROUP);
  return (params) => group.submit(params);
}

const GROUP = { maxBatch: 64, maxInFlight: 1 };
