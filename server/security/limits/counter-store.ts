import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/database';
import { lockoutMs, nextStrike, type CounterRow, type EscalatingTier } from './escalation';

export interface AddResult {
  hits: number;
  /** Set when this call locked the key. */
  lock?: { until: number; strike: number; forMs: number };
}

/**
 * The `security_counters` table, shared by every node on the same database. Each change is one
 * atomic UPSERT (a window that ran out starts again at the new hits), and a lock is taken by a
 * conditional update that only one of several racing callers wins, so a key is never locked twice
 * for the same hits. Statements are hand-written: the hot redeem path reads these rows on each request.
 */
export class CounterStore {
  private readonly readers = new Map<number, Statement>();
  private sqliteUpsert: Statement | undefined;
  private sqliteLock: Statement | undefined;
  private sqliteSum: Statement | undefined;

  constructor(private readonly db: Db) {}

  async read(keys: readonly string[]): Promise<Map<string, CounterRow>> {
    const rows = new Map<string, CounterRow>();
    if (keys.length === 0) return rows;
    const list = keys.map((_, i) => (this.db.kind === 'postgres' ? `$${i + 1}` : '?')).join(', ');
    const text = `SELECT counter_key, window_start, hits, strikes, locked_until, last_lock_at FROM security_counters WHERE counter_key IN (${list})`;
    let found: Record<string, unknown>[];
    if (this.db.kind === 'sqlite') {
      let stmt = this.readers.get(keys.length);
      if (!stmt) this.readers.set(keys.length, (stmt = this.db.sqlite.prepare(text)));
      found = stmt.all(...keys) as Record<string, unknown>[];
    } else {
      found = (await this.db.pool.query({ name: `security_counters_read_${keys.length}`, text, values: [...keys] })).rows as Record<string, unknown>[];
    }
    for (const r of found) rows.set(String(r['counter_key']), toRow(r));
    return rows;
  }

  /** Adds `n` hits to `key` at `now`, and locks it when they reach the tier's limit. */
  async add(key: string, n: number, tier: EscalatingTier, now: number): Promise<AddResult> {
    const row = await this.upsert(key, n, tier.windowMs, now);
    if (row.hits < tier.maxHits) return { hits: row.hits };
    const strike = nextStrike(tier, row, now);
    const forMs = lockoutMs(tier, strike);
    const until = now + forMs;
    const after = Math.min(tier.hitsAfterLock ?? 0, tier.maxHits - 1);
    const won = await this.lock(key, { hits: after, strike, until, now, maxHits: tier.maxHits, oldStrikes: row.strikes });
    return won ? { hits: row.hits, lock: { until, strike, forMs } } : { hits: row.hits };
  }

  /**
   * Adds each key's hits in one transaction (one statement on PostgreSQL) and returns every key's
   * total: the rate limiter's periodic sync. Keys carry their window, so a plain sum is enough; they
   * are written in sorted order, so two nodes syncing at once cannot deadlock.
   */
  async addMany(hits: ReadonlyMap<string, number>, now: number): Promise<Map<string, number>> {
    const keys = [...hits.keys()].sort();
    const totals = new Map<string, number>();
    if (keys.length === 0) return totals;
    if (this.db.kind === 'sqlite') {
      this.sqliteSum ??= this.db.sqlite.prepare(
        `INSERT INTO security_counters (counter_key, window_start, hits) VALUES (@key, @now, @n)
         ON CONFLICT (counter_key) DO UPDATE SET hits = security_counters.hits + excluded.hits RETURNING hits`,
      );
      const sum = this.sqliteSum;
      this.db.sqlite.transaction(() => {
        for (const key of keys) totals.set(key, Number((sum.get({ key, now, n: hits.get(key) ?? 0 }) as { hits: number }).hits));
      })();
      return totals;
    }
    const result = await this.db.pool.query({
      name: 'security_counters_sum',
      text: `INSERT INTO security_counters (counter_key, window_start, hits)
             SELECT k, $2::bigint, n FROM unnest($1::text[], $3::integer[]) AS t(k, n)
             ON CONFLICT (counter_key) DO UPDATE SET hits = security_counters.hits + excluded.hits
             RETURNING counter_key, hits`,
      values: [keys, now, keys.map((k) => hits.get(k) ?? 0)],
    });
    for (const r of result.rows as Record<string, unknown>[]) totals.set(String(r['counter_key']), Number(r['hits']));
    return totals;
  }

  /** Forgets a key (a successful login clears its account's failures). */
  async clear(key: string): Promise<void> {
    await this.db.kysely.deleteFrom('security_counters').where('counter_key', '=', key).execute();
  }

  /** Drops rows whose window, lock and strike memory all ended before `before` (keys of old rate windows). */
  async sweep(prefix: string, before: number): Promise<void> {
    await this.db.kysely
      .deleteFrom('security_counters')
      .where('counter_key', 'like', `${prefix}%`)
      .where('window_start', '<', before)
      .where('locked_until', '<', before)
      .execute();
  }

  private async upsert(key: string, n: number, windowMs: number, now: number): Promise<CounterRow> {
    if (this.db.kind === 'sqlite') {
      this.sqliteUpsert ??= this.db.sqlite.prepare(
        `INSERT INTO security_counters (counter_key, window_start, hits, strikes, locked_until, last_lock_at)
         VALUES (@key, @now, @n, 0, 0, 0)
         ON CONFLICT (counter_key) DO UPDATE SET
           hits = CASE WHEN security_counters.window_start <= @now - @window THEN @n ELSE security_counters.hits + @n END,
           window_start = CASE WHEN security_counters.window_start <= @now - @window THEN @now ELSE security_counters.window_start END
         RETURNING window_start, hits, strikes, locked_until, last_lock_at`,
      );
      return toRow(this.sqliteUpsert.get({ key, now, n, window: windowMs }) as Record<string, unknown>);
    }
    const result = await this.db.pool.query({
      name: 'security_counters_add',
      text: `INSERT INTO security_counters (counter_key, window_start, hits, strikes, locked_until, last_lock_at)
             VALUES ($1, $2::bigint, $3::integer, 0, 0, 0)
             ON CONFLICT (counter_key) DO UPDATE SET
               hits = CASE WHEN security_counters.window_start <= $2::bigint - $4::bigint THEN $3::integer ELSE security_counters.hits + $3::integer END,
               window_start = CASE WHEN security_counters.window_start <= $2::bigint - $4::bigint THEN $2::bigint ELSE security_counters.window_start END
             RETURNING window_start, hits, strikes, locked_until, last_lock_at`,
      values: [key, now, n, windowMs],
    });
    return toRow(result.rows[0] as Record<string, unknown>);
  }

  private async lock(key: string, p: { hits: number; strike: number; until: number; now: number; maxHits: number; oldStrikes: number }): Promise<boolean> {
    if (this.db.kind === 'sqlite') {
      this.sqliteLock ??= this.db.sqlite.prepare(
        `UPDATE security_counters SET hits = @hits, window_start = @now, strikes = @strike, locked_until = @until, last_lock_at = @now
         WHERE counter_key = @key AND hits >= @maxHits AND strikes = @oldStrikes`,
      );
      return this.sqliteLock.run({ key, ...p }).changes === 1;
    }
    const result = await this.db.pool.query({
      name: 'security_counters_lock',
      text: `UPDATE security_counters SET hits = $2::integer, window_start = $3::bigint, strikes = $4::integer, locked_until = $5::bigint, last_lock_at = $3::bigint
             WHERE counter_key = $1 AND hits >= $6::integer AND strikes = $7::integer`,
      values: [key, p.hits, p.now, p.strike, p.until, p.maxHits, p.oldStrikes],
    });
    return result.rowCount === 1;
  }
}

function toRow(r: Record<string, unknown>): CounterRow {
  // PostgreSQL hands bigint columns back as text.
  return {
    windowStart: Number(r['window_start']),
    hits: Number(r['hits']),
    strikes: Number(r['strikes']),
    lockedUntil: Number(r['locked_until']),
    lastLockAt: Number(r['last_lock_at']),
  };
}
