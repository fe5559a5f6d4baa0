import type { Db } from '../../db/database';
import { GroupCommit } from './group-commit';
import { reserveBatchScript, type ReservationJob, type ReservationOutcome } from './reserve-batch-script';
import { runScript } from './run-script';
import type { SaleTableStats } from './sale-table-stats';
import type { ScriptBatcher } from './script-batcher';

const MAX_BATCH = 500;

/**
 * Flash-sale reservations, batched per campaign: requests that arrive together are decided under
 * one lock of the campaign row and written with one commit; a second batch may start (and wait for
 * the lock) while the first commits.
 * SQLite runs one writer anyway, so there each request joins the shared group commit instead and
 * shares its fsync with the payments of the same moment.
 */
export class ReservationDesk {
  private readonly desks = new Map<string, GroupCommit<ReservationJob, ReservationOutcome>>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly shared: ScriptBatcher,
    private readonly stats?: SaleTableStats,
  ) {}

  reserve(merchantId: string, campaignId: string, job: ReservationJob): Promise<ReservationOutcome> {
    if (this.db.kind === 'sqlite') {
      return this.shared.runGrouped(`${merchantId}/${campaignId}`, job, (jobs: ReservationJob[]) =>
        reserveBatchScript(this.db.kind, merchantId, campaignId, jobs, this.now()),
      );
    }
    const key = `${merchantId}/${campaignId}`;
    let desk = this.desks.get(key);
    if (!desk) {
      desk = new GroupCommit(async (jobs) => {
        const outcomes = await runScript(this.db, () => reserveBatchScript(this.db.kind, merchantId, campaignId, jobs, this.now()));
        this.stats?.grew(outcomes.filter((o) => o.ok).length);
        return outcomes.map((value) => ({ ok: true as const, value }));
      }, { maxBatch: MAX_BATCH, maxInFlight: 2 });
      this.desks.set(key, desk);
    }
    return desk.submit(job);
  }
}
