import type { Table } from 'dexie';
import type { Change, ChangeKind, EntryResult } from '../../core/sync';
import type { PosDb } from '../db/pos-db';
import type { OutboxRecord } from '../db/sync-tables';

/** How the pulled changes of one kind are stored. */
export interface PulledKind {
  table: (db: PosDb) => Table;
  /** Turns a change's data into the stored row, or null when it does not fit the contract. */
  row: (change: Change) => unknown;
}

/**
 * What one feature adds to the sync engine. The engine knows no feature: each registers its
 * handler when the app is composed (renderer/app/sync-wiring.ts), and the engine calls them in
 * the order they were registered.
 */
export interface SyncHandler {
  /** Change kinds the feature stores from a pull. */
  kinds?: Partial<Record<ChangeKind, PulledKind>>;
  /** Tables it writes while a pull page is applied, for that page's transaction. */
  pullTables?: (db: PosDb) => readonly Table[];
  /** Rewrites a page's rows of one kind just before they are stored (called only when there are some). */
  adjustPulled?: { kind: ChangeKind; rows: (db: PosDb, rows: unknown[]) => Promise<unknown[]> };
  /** Tables its answers to pushed entries touch, for the push's transaction. */
  pushTables?: (db: PosDb) => readonly Table[];
  /** Records the server's answer to a pushed entry (each handler sees every entry and picks its own). */
  applyResult?: (db: PosDb, entry: OutboxRecord, result: EntryResult, now: number) => Promise<void>;
}

/** The handlers of one composed app, handed to the sync engine. */
export class SyncHandlers {
  private readonly handlers: SyncHandler[] = [];
  private readonly kinds = new Map<ChangeKind, PulledKind>();

  register(handler: SyncHandler): this {
    for (const [kind, spec] of Object.entries(handler.kinds ?? {}) as [ChangeKind, PulledKind][]) {
      if (this.kinds.has(kind)) throw new Error(`sync kind ${kind} is registered twice`);
      this.kinds.set(kind, spec);
    }
    this.handlers.push(handler);
    return this;
  }

  kind(kind: ChangeKind): PulledKind | undefined {
    return this.kinds.get(kind);
  }

  pullTables(db: PosDb): Table[] {
    return this.handlers.flatMap((h) => [...(h.pullTables?.(db) ?? [])]);
  }

  pushTables(db: PosDb): Table[] {
    return this.handlers.flatMap((h) => [...(h.pushTables?.(db) ?? [])]);
  }

  async adjustPulled(db: PosDb, kind: ChangeKind, rows: unknown[]): Promise<unknown[]> {
    let adjusted = rows;
    for (const h of this.handlers) if (h.adjustPulled?.kind === kind) adjusted = await h.adjustPulled.rows(db, adjusted);
    return adjusted;
  }

  async applyResult(db: PosDb, entry: OutboxRecord, result: EntryResult, now: number): Promise<void> {
    for (const h of this.handlers) await h.applyResult?.(db, entry, result, now);
  }
}
