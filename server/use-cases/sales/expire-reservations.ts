import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { dueReservations, expireCampaignScript } from '../../repositories/sales/expire-reservations-script';
import { runScript } from '../../repositories/sales/run-script';
import { text } from '../../repositories/sales/sql-script';

const RESERVATIONS_PER_SWEEP = 5_000;

/** Releases the stock of every reservation past its payment deadline; safe to run on several nodes. */
export async function expireReservations(db: Db, now: Date): Promise<{ orders: number; units: number }> {
  const nowIso = now.toISOString();
  const due = await runScript(db, function* () {
    return (yield dueReservations(nowIso, RESERVATIONS_PER_SWEEP)).rows;
  });
  const campaigns = new Map(due.map((row) => [`${text(row, 'merchant_id')}/${text(row, 'campaign_id')}`, row]));
  const total = { orders: 0, units: 0 };
  for (const row of campaigns.values()) {
    const released = await runScript(db, () => expireCampaignScript(db.kind, text(row, 'merchant_id'), text(row, 'campaign_id'), nowIso));
    total.orders += released.orders;
    total.units += released.units;
  }
  return total;
}

/** Runs `expireReservations` every `intervalMs` until stopped. */
export class ReservationSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = expireReservations(this.db, this.now())
        .then((released) => {
          if (released.orders > 0) this.logger.info(released, 'expired unpaid reservations');
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'reservation expiry failed'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
