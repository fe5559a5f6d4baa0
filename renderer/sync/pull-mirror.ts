import type { PosDb } from '../db/pos-db';
import { readMeta, writeMeta } from '../db/sync-meta';
import { applyPage } from './apply-page';
import type { StepResult } from './push-outbox';
import type { SyncHandlers } from './sync-handlers';
import type { SyncTransport } from './sync-transport';

/** A change committed this long before a pull began is surely in what that pull returned. */
export const FRESHNESS_MARGIN_MS = 10_000;

export interface PullContext {
  db: PosDb;
  transport: SyncTransport;
  handlers: SyncHandlers;
  clock: () => number;
  limit: number;
  onContact: () => Promise<void>;
  onPage: (snapshot: { done: number; total: number } | null) => void;
}

/**
 * Pulls pages until the tail is reached: a snapshot on the first sync (or after a reset), then
 * the change log. The next page is requested while the current one is written to IndexedDB, the
 * slow side of a terminal; the cursor moves only with the rows it covers.
 */
export async function pullAll(ctx: PullContext): Promise<StepResult> {
  const { db, transport, handlers, clock, limit } = ctx;
  const startedAt = clock();
  const cursor = (await readMeta(db, 'cursor')) ?? null;
  let next = transport.pull({ cursor, limit });
  for (;;) {
    const outcome = await next;
    if (outcome.kind === 'retry') return { ok: false, retry: true, code: outcome.code };
    if (outcome.kind === 'refused') return { ok: false, retry: false, code: outcome.code };
    await ctx.onContact();
    const page = outcome.response;
    const prefetch = page.hasMore ? transport.pull({ cursor: page.cursor, limit }) : null;
    ctx.onPage(page.snapshot && page.hasMore ? (page.progress ?? { done: 0, total: 0 }) : null);
    await applyPage(db, handlers, page, clock());
    if (!prefetch) break;
    next = prefetch;
  }
  await writeMeta(db, 'mirrorFreshAsOf', startedAt - FRESHNESS_MARGIN_MS);
  return { ok: true };
}
