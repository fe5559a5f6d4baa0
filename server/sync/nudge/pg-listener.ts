import pg from 'pg';
import type { Logger } from 'pino';
import type { PostgresDb } from '../../db/open-postgres';
import type { ChangeSource } from './nudge-hub';

export const SYNC_CHANNEL = 'hexiao_sync';

/**
 * LISTENs on the channel the change log's trigger notifies at commit, on a connection of its own,
 * so every server process on the database hears every change. The payload is
 * `schema|merchant|store-or-*`; other schemas (other deployments, tests) are ignored. A lost
 * connection is re-made and every listener nudged, since notifications meanwhile were missed.
 */
export function pgListener(db: PostgresDb, logger: Logger): ChangeSource {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delayMs = 500;

  const connect = async (changed: (m: string, s: string | null) => void, resync: () => void, first: boolean) => {
    const next = new pg.Client({ ...db.pool.options });
    next.on('notification', (message) => {
      const [schema, merchantId, storeId] = (message.payload ?? '').split('|');
      if (schema !== db.schema || !merchantId || storeId === undefined) return;
      changed(merchantId, storeId === '*' ? null : storeId);
    });
    const lost = () => {
      if (stopped || client !== next) return;
      client = undefined;
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
    if (!first) resync();
  };

  return {
    start: (changed, resync) => connect(changed, resync, true),
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
