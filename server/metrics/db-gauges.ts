import { statSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { ServerMetrics } from './server-metrics';

/**
 * Gauges read from the database when scraped, never on the request path: the notification queue
 * (the partial index on queued rows answers it), what the tills last said their outboxes hold,
 * the PostgreSQL pool, and the SQLite file and its write-ahead log.
 */
export function registerDbGauges(metrics: ServerMetrics, db: Db, now: () => Date): void {
  const queued = metrics.gauge('hexiao_notification_queue_depth', 'SMS/DM notifications queued and not yet sent');
  const oldest = metrics.gauge('hexiao_notification_queue_oldest_seconds', 'How long the oldest queued notification has been due (0 when none is)');
  const outbox = metrics.gauge('hexiao_terminal_outbox_pending', 'Outbox entries the tills reported waiting to sync, summed over tills in use');
  const tillsBehind = metrics.gauge('hexiao_terminals_with_pending_outbox', 'Tills in use whose last report had unsynced outbox entries');
  const pool = metrics.gauge<'state'>('hexiao_db_pool_connections', 'PostgreSQL pool connections by state: total, idle, waiting (clients queued for one)', ['state']);
  const fileBytes = metrics.gauge<'file'>('hexiao_sqlite_file_bytes', 'Size of the SQLite database file and its write-ahead log', ['file']);

  metrics.onScrape(async () => {
    if (db.kind === 'postgres') {
      pool.set({ state: 'total' }, db.pool.totalCount);
      pool.set({ state: 'idle' }, db.pool.idleCount);
      pool.set({ state: 'waiting' }, db.pool.waitingCount);
    } else {
      fileBytes.set({ file: 'db' }, sizeOf(db.file));
      fileBytes.set({ file: 'wal' }, sizeOf(`${db.file}-wal`));
    }
    const queue = await db.kysely
      .selectFrom('notifications')
      .select((eb) => [eb.fn.countAll<number>().as('depth'), eb.fn.min('next_attempt_at').as('first_due')])
      .where('state', '=', 'queued')
      .executeTakeFirst();
    queued.set(Number(queue?.depth ?? 0));
    const firstDue = queue?.first_due ? new Date(queue.first_due).getTime() : null;
    oldest.set(firstDue === null ? 0 : Math.max(0, (now().getTime() - firstDue) / 1000));
    const tills = await db.kysely
      .selectFrom('terminals')
      .select([sql<number>`coalesce(sum(pending_outbox), 0)`.as('pending'), sql<number>`sum(case when pending_outbox > 0 then 1 else 0 end)`.as('behind')])
      .where('revoked_at', 'is', null)
      .where('token_hash', 'is not', null)
      .executeTakeFirst();
    outbox.set(Number(tills?.pending ?? 0));
    tillsBehind.set(Number(tills?.behind ?? 0));
  });
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
