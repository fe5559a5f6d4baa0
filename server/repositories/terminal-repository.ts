import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { TerminalSession } from './terminal-session';

function sessionQuery(kysely: Kysely<Database>) {
  return kysely
    .selectFrom('terminals as t')
    .innerJoin('stores as s', (j) => j.onRef('s.merchant_id', '=', 't.merchant_id').onRef('s.id', '=', 't.store_id'))
    .innerJoin('merchants as m', 'm.merchant_id', 't.merchant_id')
    .select([
      't.id as terminal_id',
      't.name as terminal_name',
      's.id as store_id',
      's.name as store_name',
      'm.merchant_id',
      'm.name as merchant_name',
      'm.time_zone',
    ]);
}

type SessionRow = {
  terminal_id: string;
  terminal_name: string;
  store_id: string;
  store_name: string;
  merchant_id: string;
  merchant_name: string;
  time_zone: string;
};

function toSession(row: SessionRow): TerminalSession {
  return {
    terminal: { id: row.terminal_id, name: row.terminal_name },
    store: { id: row.store_id, name: row.store_name },
    merchant: { id: row.merchant_id, name: row.merchant_name, timeZone: row.time_zone },
  };
}

/** The terminal a device token belongs to, and whether it is disabled (its token is kept but refused). */
export async function findSessionByTokenHash(
  kysely: Kysely<Database>,
  tokenHash: string,
): Promise<{ session: TerminalSession; disabled: boolean } | undefined> {
  const row = await sessionQuery(kysely).select('t.disabled').where('t.token_hash', '=', tokenHash).executeTakeFirst();
  return row ? { session: toSession(row), disabled: Number(row.disabled) === 1 } : undefined;
}

export async function findSessionByTerminal(
  kysely: Kysely<Database>,
  merchantId: string,
  terminalId: string,
): Promise<TerminalSession | undefined> {
  const row = await sessionQuery(kysely)
    .where('t.merchant_id', '=', merchantId)
    .where('t.id', '=', terminalId)
    .executeTakeFirst();
  return row ? toSession(row) : undefined;
}
