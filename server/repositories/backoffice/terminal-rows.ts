import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import { afterKey, decodeCursor, toPage, type KeysetOrder, type Page } from '../../db/keyset-page';
import { failure, type Outcome } from '../../use-cases/outcome';
import type { StoreScope } from './store-rows';

export type TerminalStatus = 'unpaired' | 'paired' | 'disabled' | 'revoked';

export interface TerminalView {
  id: string;
  storeId: string;
  name: string;
  status: TerminalStatus;
  disabled: boolean;
  pairedAt: string | null;
  revokedAt: string | null;
  /** An unused pairing code is outstanding until then (null when none, or it has expired). */
  pairingExpiresAt: string | null;
  lastSeenAt: string | null;
  lastSyncAt: string | null;
  pendingOutbox: number | null;
  appVersion: string | null;
  createdAt: string;
}

const ORDER: KeysetOrder = { columns: ['t.created_at', 't.id'], direction: 'asc' };

function terminalQuery(db: Db, scope: StoreScope) {
  let query = db.kysely
    .selectFrom('terminals as t')
    .select([
      't.id',
      't.store_id',
      't.name',
      't.token_hash',
      't.disabled',
      't.paired_at',
      't.revoked_at',
      't.pairing_expires_at',
      't.last_seen_at',
      't.last_sync_at',
      't.pending_outbox',
      't.app_version',
      't.created_at',
    ])
    .where('t.merchant_id', '=', scope.merchantId);
  if (scope.storeIds) query = query.where('t.store_id', 'in', scope.storeIds.length > 0 ? [...scope.storeIds] : ['']);
  return query;
}

type Row = Awaited<ReturnType<ReturnType<typeof terminalQuery>['executeTakeFirstOrThrow']>>;

function statusOf(row: Row): TerminalStatus {
  if (Number(row.disabled) === 1) return 'disabled';
  if (row.token_hash !== null) return 'paired';
  return row.revoked_at !== null ? 'revoked' : 'unpaired';
}

function toView(row: Row, now: string): TerminalView {
  return {
    id: row.id,
    storeId: row.store_id,
    name: row.name,
    status: statusOf(row),
    disabled: Number(row.disabled) === 1,
    pairedAt: row.paired_at,
    revokedAt: row.revoked_at,
    pairingExpiresAt: row.pairing_expires_at !== null && row.pairing_expires_at > now ? row.pairing_expires_at : null,
    lastSeenAt: row.last_seen_at,
    lastSyncAt: row.last_sync_at,
    pendingOutbox: row.pending_outbox === null ? null : Number(row.pending_outbox),
    appVersion: row.app_version,
    createdAt: row.created_at,
  };
}

export async function findTerminal(db: Db, scope: StoreScope, terminalId: string, now: Date): Promise<TerminalView | undefined> {
  const row = await terminalQuery(db, scope).where('t.id', '=', terminalId).executeTakeFirst();
  return row ? toView(row, now.toISOString()) : undefined;
}

export async function listTerminals(
  db: Db,
  scope: StoreScope,
  storeId: string,
  page: { limit: number; cursor?: string | undefined },
  now: Date,
): Promise<Outcome<Page<TerminalView>>> {
  let query = terminalQuery(db, scope).where('t.store_id', '=', storeId);
  if (page.cursor) {
    const key = decodeCursor(page.cursor, ORDER);
    if (!key.ok) return key;
    query = query.where(afterKey(ORDER, key.value));
  }
  const rows = await query.orderBy('t.created_at').orderBy('t.id').limit(page.limit + 1).execute();
  const at = now.toISOString();
  return ok(toPage(rows, page.limit, (r) => [r.created_at, r.id], (r) => toView(r, at)));
}

export const TERMINAL_NOT_FOUND = () => failure('TERMINAL_NOT_FOUND', 'no till with this id');
