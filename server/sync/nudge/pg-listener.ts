import pg from 'pg';
import type { Logger } from 'pino';
import type { PostgresDb } from '../../db/open-postgres';
import type { ChangeSource } from './nudge-hub';

export const SYNC_CHANNEL = 'hexiao_sync';
const WATCH_EVERY_MS = 200;
const ELECT_EVERY_MS = 1_000;

/**
 * Every server process LISTENs on one channel. One of them (whoever holds an advisory lock for
 * this schema) watches the change log and NOTIFYs the scopes that changed: writers never NOTIFY,
 * because PostgreSQL serialises the commits of every transaction that does, and the redeem path
 * commits thousands of times a second. The watcher reads whole transactions at a time: each pass
 * covers the transaction ids between the last pass's xmin and this one's, so nothing is missed.
 * Payload `schema|merchant|store`, `*` for every store; `schema|*|*` asks everyone to pull (a new
 * watcher does not know what happened before it took over). A lost connection is re-made and
 * every local listener nudged.
 */
export function pgListener(db: PostgresDb, logger: Logger): ChangeSource {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let elect: NodeJS.Timeout | undefined;
  let delayMs = 500;
  let watchedFrom: string | null = null;
  let busy = false;

  const step = async (current: pg.Client) => {
    if (busy || client !== current) return;
    busy = true;
    try {
      if (watchedFrom === null) {
        const won = await current.query<{ won: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS won`, [`${SYNC_CHANNEL}:${db.schema}`]);
        if (!won.rows[0]?.won) return;
        watchedFrom = (await current.query<{ x: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`)).rows[0]!.x;
        await current.query(`SELECT pg_notify($1, $2)`, [SYNC_CHANNEL, `${db.schema}|*|*`]);
        return;
      }
      const found = await current.query<{ upto: string; merchant_id: string | null; store_id: string | null }>(
        `WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS upto)
         SELECT w.upto::text AS upto, c.merchant_id, c.store_id FROM w
           LEFT JOIN LATERAL (SELECT DISTINCT merchant_id, store_id FROM ${quoted(db.schema)}.change_log
                               WHERE xid >= CAST($1 AS xid8) AND xid < w.upto) AS c ON true`,
        [watchedFrom],
      );
      const scopes = found.rows.filter((r) => r.merchant_id !== null);
      if (scopes.length > 0) {
        await current.query(`SELECT pg_notify($1, $2 || '|' || m || '|' || coalesce(s, '*')) FROM unnest($3::text[], $4::text[]) AS t(m, s)`, [
          SYNC_CHANNEL,
          db.schema,
          scopes.map((r) => r.merchant_id),
          scopes.map((r) => r.store_id),
        ]);
      }
      watchedFrom = found.rows[0]?.upto ?? watchedFrom;
    } catch (error) {
      // A pass cut short by stop() or by a lost connection (re-made elsewhere) is not news.
      if (!stopped && client === current) logger.warn({ err: error }, 'sync notifications: watching the change log failed');
    } finally {
      busy = false;
    }
  };

  const connect = async (changed: (m: string, s: string | null) => void, resync: () => void, first: boolean) => {
    const next = new pg.Client({ ...db.pool.options });
    next.on('notification', (message) => {
      const [schema, merchantId, storeId] = (message.payload ?? '').split('|');
      if (schema !== db.schema || !merchantId || storeId === undefined) return;
      if (merchantId === '*') resync();
      else changed(merchantId, storeId === '*' ? null : storeId);
    });
    const lost = () => {
      if (stopped || client !== next) return;
      client = undefined;
      watchedFrom = null;
      clearInterval(elect);
      next.end().catch(() => undefined);
      retry = setTimeout(() => void connect(changed, resync, false).catch(() => undefined), delayMs);
      delayMs = Math.min(delayMs * 2, 10_000);
    };
    next.on('error', (error) => {
      logger.warn({ err: error }, 'sync notifications: connection lost');
      lost();
    });
    next.on('end', lost);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${SYNC_CHANNEL}`);
    } catch (error) {
      if (first) {
        client = undefined;
        await next.end().catch(() => undefined);
        throw error;
      }
      lost();
      return;
    }
    delayMs = 500;
    let last = 0;
    elect = setInterval(() => {
      // The watcher passes often; the others only try for the lock now and then.
      if (watchedFrom !== null || Date.now() - last >= ELECT_EVERY_MS) {
        last = Date.now();
        void step(next);
      }
    }, WATCH_EVERY_MS);
    elect.unref();
    void step(next);
    if (!first) resync();
  };

  return {
    start: (changed, resync) => connect(changed, resync, true),
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      clearInterval(elect);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
