import type { QrSigningKey, Ed25519Sign } from '../../../core/voucher-qr';
import type { Db } from '../../db/database';
import type { PaidAnswer } from '../../use-cases/sales/channel-event';
import type { CampaignFacts } from './campaign-directory';
import { GroupCommit } from './group-commit';
import type { Recipient } from './issue-vouchers-script';
import { payReservedBatchScript, type ReservedPayment } from './pay-reserved-batch-script';
import { runScript } from './run-script';
import type { SaleTableStats } from './sale-table-stats';
import type { ScriptBatcher } from './script-batcher';

const MAX_BATCH = 256;

export interface PaymentJob extends ReservedPayment {
  merchantId: string;
  facts: CampaignFacts;
  signingKey: QrSigningKey;
}

export interface PaymentDeskOptions {
  now: () => Date;
  sign: Ed25519Sign;
  recipientFor: (phone: string, handleKey: string | null) => Recipient;
  /** Told when a batch failed as a whole and its payments go one by one. */
  onBatchFailure: (error: unknown) => void;
  stats?: SaleTableStats;
}

/**
 * Payments of our reserved orders, batched per campaign and channel the way reservations are: the
 * payments that arrive together are applied by one script (payReservedBatchScript) with one
 * commit. On SQLite they join the shared group commit. Answers null for a payment the batch does
 * not handle (or could not apply); the caller then runs the general payment script.
 */
export class PaymentDesk {
  private readonly desks = new Map<string, GroupCommit<PaymentJob, PaidAnswer | null>>();
  private lastFailure: unknown;

  constructor(
    private readonly db: Db,
    private readonly shared: ScriptBatcher,
    private readonly options: PaymentDeskOptions,
  ) {}

  /** A batch that fails as a whole (one bad row sinks a multi-row statement) leaves every payment to the general script. */
  pay(job: PaymentJob): Promise<PaidAnswer | null> {
    return this.batched(job).catch((error: unknown) => {
      // Every payment of the batch is rejected with the same error: tell it once.
      if (error !== this.lastFailure) this.options.onBatchFailure(error);
      this.lastFailure = error;
      return null;
    });
  }

  private batched(job: PaymentJob): Promise<PaidAnswer | null> {
    const key = `${job.merchantId}/${job.campaignId}/${job.event.channel}`;
    if (this.db.kind === 'sqlite') return this.shared.runGrouped(`pay:${key}`, job, (jobs: PaymentJob[]) => this.script(jobs));
    let desk = this.desks.get(key);
    if (!desk) {
      desk = new GroupCommit(async (jobs) => {
        const answers = await runScript(this.db, () => this.script(jobs));
        this.options.stats?.grew(answers.filter((a) => a !== null).length);
        return answers.map((value) => ({ ok: true as const, value }));
      }, { maxBatch: MAX_BATCH, maxInFlight: 2 });
      this.desks.set(key, desk);
    }
    return desk.submit(job);
  }

  private script(jobs: PaymentJob[]) {
    const first = jobs[0]!;
    const ctx = {
      kind: this.db.kind,
      merchantId: first.merchantId,
      channel: first.event.channel,
      facts: first.facts,
      signingKey: first.signingKey,
      sign: this.options.sign,
      nowIso: this.options.now().toISOString(),
      recipientFor: this.options.recipientFor,
    };
    return payReservedBatchScript(ctx, jobs);
  }
}
