import type { Db } from '../../db/database';

/** What a flash sale writes a row or more to per order. */
const SALE_TABLES = ['orders', 'buyer_counters', 'members', 'member_handles', 'vouchers', 'leases', 'notifications', 'channel_events', 'change_log'];

const FIRST_MARK = 256;
const GROWTH = 4;

/**
 * Keeps PostgreSQL's statistics of the sale's tables up with a sale that grows them from nothing.
 * Foreign-key checks and prepared statements are planned once per connection; planned while a
 * table has no statistics, a check may take an index that matches only merchant_id and then read
 * every row of the merchant, for every row it checks (measured on a fresh database's first sale:
 * each payment read all members through members_phone_uq, and the sale slowed quadratically).
 * Autovacuum looks about once a minute, too late for a sale of a few seconds. So the sale analyses
 * its tables itself each time the rows it wrote grow fourfold (256, 1,024, 4,096 …); ANALYZE also
 * makes every connection plan those statements again. SQLite needs none of this.
 */
export class SaleTableStats {
  private written = 0;
  private nextMark = FIRST_MARK;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Orders the sale just reserved or paid. */
  grew(orders: number): void {
    if (this.db.kind !== 'postgres' || orders <= 0) return;
    this.written += orders;
    if (this.written < this.nextMark || this.running) return;
    while (this.nextMark <= this.written) this.nextMark *= GROWTH;
    this.running = true;
    // SKIP_LOCKED: a table another node is analysing right now is left to it.
    this.db.pool
      .query(`ANALYZE (SKIP_LOCKED) ${SALE_TABLES.join(', ')}`)
      .catch(this.onError)
      .finally(() => (this.running = false));
  }
}
