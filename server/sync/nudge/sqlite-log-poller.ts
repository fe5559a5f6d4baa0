import type { SqliteDb } from '../../db/open-sqlite';
import type { ChangeSource } from './nudge-hub';

/**
 * On SQLite every writer is this process, and every change lands in the change log by trigger:
 * reading the log's new scopes a few times a second hears them all, whoever wrote them.
 */
export function sqliteLogPoller(db: SqliteDb, intervalMs = 200): ChangeSource {
  let timer: NodeJS.Timeout | undefined;
  let lastId = 0;
  return {
    async start(changed) {
      const latest = db.sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM change_log');
      const scopes = db.sqlite.prepare<[number], { merchant_id: string; store_id: string | null; last: number }>(
        'SELECT merchant_id, store_id, max(id) AS last FROM change_log WHERE id > ? GROUP BY merchant_id, store_id',
      );
      lastId = Number((latest.get() as { id: number }).id);
      timer = setInterval(() => {
        if (!db.sqlite.open) return;
        for (const scope of scopes.all(lastId)) {
          lastId = Math.max(lastId, scope.last);
          changed(scope.merchant_id, scope.store_id);
        }
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
