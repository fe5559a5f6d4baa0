import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { PostgresDb } from '../db/open-postgres';

const CHANNEL = 'hexiao_terminal';
const RECONNECT_MS = 1_000;

/**
 * Each node caches terminal sessions for a while (terminal-authenticator); a revoke, disable,
 * rename or re-pairing must reach every node's cache at once, not when the entry runs out. On
 * PostgreSQL the node that changed the terminal says so on a channel every node listens to; SQLite
 * is one node, whose own cache was already cleared.
 */
export async function announceTerminalChange(db: Db, terminalId: string): Promise<void> {
  if (db.kind !== 'postgres') return;
  await sql`SELECT pg_notify(${CHANNEL}, ${`${db.schema}|${terminalId}`})`.execute(db.kysely);
}

export interface TerminalChangeListener {
  stop(): Promise<void>;
}

/**
 * Calls `forget` for each terminal another node (or this one) announced. While the connection is
 * lost announcements can be missed, so a new connection forgets every cached session first.
 */
export async function listenForTerminalChanges(
  db: PostgresDb,
  forget: (terminalId: string) => void,
  forgetAll: () => void,
  logger: Logger,
): Promise<TerminalChangeListener> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ ...db.pool.options });
    next.on('notification', (message) => {
      if (message.channel !== CHANNEL) return;
      const [schema, terminalId] = (message.payload ?? '').split('|');
      if (schema === db.schema && terminalId) forget(terminalId);
    });
    const lost = () => {
      if (stopped || client !== next) return;
      client = undefined;
      next.end().catch(() => undefined);
      retry = setTimeout(() => void connect().catch(() => lost()), RECONNECT_MS);
    };
    next.on('error', (error) => {
      logger.warn({ err: error }, 'terminal change channel: connection lost');
      lost();
    });
    next.on('end', lost);
    client = next;
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    forgetAll();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
