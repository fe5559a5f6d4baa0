import type { Change, PullQuery, PullResponse } from '../../../core/sync';
import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import type { TerminalSession } from '../../repositories/terminal-session';
import { failure, type Outcome } from '../../use-cases/outcome';
import { leasesOnPull } from '../leases/policy-leases';
import { inTransaction, withoutTransaction } from '../sql/run-steps';
import { cursorIsStale, tailStart } from './change-log-reads';
import { decodeCursor, encodeCursor, positionOf, type Cursor, type TailCursor } from './cursor';
import { snapshotPage, snapshotTotal } from './snapshot';
import { tailPage } from './tail-changes';
import type { VoucherRead } from './voucher-rows';

export interface PullDeps {
  db: Db;
  now: () => Date;
  /** How long a pull waits for an open older transaction to end before answering without its rows. */
  watermarkWaitMs?: number;
}

const RESET: PullResponse = { changes: [], cursor: '', hasMore: true, reset: true, snapshot: false, progress: null };

/** The store's changes after a cursor: a paged snapshot first, then the change log's tail. */
export async function pullChanges(deps: PullDeps, session: TerminalSession, query: PullQuery): Promise<Outcome<PullResponse>> {
  const scope = { kind: deps.db.kind, merchantId: session.merchant.id, storeId: session.store.id, nowIso: deps.now().toISOString() };
  if (!query.cursor) {
    const start = await withoutTransaction(deps.db, function* () {
      const position = yield* tailStart(scope.kind);
      return { position, total: yield* snapshotTotal(scope) };
    });
    const first: Cursor = { v: 1, t: 'snap', m: scope.merchantId, s: scope.storeId, x: start.position.xid, i: start.position.id, k: 0, a: '', d: 0, n: start.total };
    return ok(await snapshot(deps, session, first, query.limit));
  }
  const cursor = decodeCursor(query.cursor);
  if (!cursor) return failure('VALIDATION_FAILED', 'cursor: not a cursor this server gave out');
  if (cursor.m !== scope.merchantId || cursor.s !== scope.storeId) return ok(RESET);
  if (await withoutTransaction(deps.db, () => cursorIsStale(scope.kind, scope.merchantId, positionOf(cursor)))) return ok(RESET);
  if (cursor.t === 'snap') return ok(await snapshot(deps, session, cursor, query.limit));
  return ok(await tail(deps, session, cursor, query.limit));
}

async function snapshot(deps: PullDeps, session: TerminalSession, cursor: Extract<Cursor, { t: 'snap' }>, limit: number): Promise<PullResponse> {
  const scope = { kind: deps.db.kind, merchantId: session.merchant.id, storeId: session.store.id, nowIso: deps.now().toISOString() };
  const page = await withoutTransaction(deps.db, () => snapshotPage(scope, cursor, limit));
  const granted = await grantOnPull(deps, session, page.vouchers);
  const total = Math.max(cursor.n, page.done);
  const next: Cursor = page.next ?? { v: 1, t: 'tail', m: cursor.m, s: cursor.s, x: cursor.x, i: cursor.i };
  // The last snapshot page still says more: the tail since the snapshot began follows at once.
  return { changes: [...page.changes, ...granted], cursor: encodeCursor(next), hasMore: true, reset: false, snapshot: true, progress: { done: page.next ? page.done : total, total } };
}

async function tail(deps: PullDeps, session: TerminalSession, cursor: TailCursor, limit: number): Promise<PullResponse> {
  const deadline = Date.now() + (deps.watermarkWaitMs ?? 1_000);
  const read = () => withoutTransaction(deps.db, () => tailPage(deps.db.kind, session.merchant.id, session.store.id, positionOf(cursor), limit, deps.now().toISOString()));
  let page = await read();
  // An older transaction holds changes back: wait briefly for it rather than answer short.
  while (page.held && page.read < limit && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 25));
    page = await read();
  }
  const granted = await grantOnPull(deps, session, page.vouchers);
  const next: TailCursor = { ...cursor, x: page.position.xid, i: page.position.id };
  return {
    changes: [...page.changes, ...granted],
    cursor: encodeCursor(next),
    hasMore: page.read >= limit || page.held,
    reset: false,
    snapshot: false,
    progress: null,
  };
}

function grantOnPull(deps: PullDeps, session: TerminalSession, vouchers: VoucherRead[]): Promise<Change[]> {
  if (vouchers.length === 0) return Promise.resolve([]);
  return inTransaction(deps.db, () => leasesOnPull(deps.db.kind, session.merchant.id, session.store.id, vouchers, deps.now()));
}
