import type { Router } from 'express';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { migrations } from '../../db/migrate';
import { sendError } from '../send';

/** What the server says about itself while it stops (set by the server's stop()). */
export interface Lifecycle {
  readonly stopping: boolean;
}

/**
 * `/health` (kept as it was: the database answers), `/health/live` (the process answers; no
 * database, so a slow database never gets a node restarted) and `/health/ready` (send traffic
 * here: the database answers, every migration this code knows is applied, and it is not stopping).
 */
export function healthRoutes(router: Router, db: Db, lifecycle: Lifecycle = { stopping: false }): void {
  router.get('/health', async (_req, res) => {
    try {
      await sql`select 1`.execute(db.kysely);
    } catch {
      sendError(res, 'UNAVAILABLE', 'the database is not reachable');
      return;
    }
    res.json({ ok: true, db: db.kind });
  });

  router.get('/health/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true });
  });

  router.get('/health/ready', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (lifecycle.stopping) return sendError(res, 'UNAVAILABLE', 'the server is stopping');
    let applied: Set<string>;
    try {
      applied = await appliedMigrations(db);
    } catch {
      return sendError(res, 'UNAVAILABLE', 'the database is not reachable');
    }
    const pending = Object.keys(migrations(db.kind)).filter((name) => !applied.has(name));
    if (pending.length > 0) return sendError(res, 'UNAVAILABLE', `migrations not applied yet: ${pending.join(', ')}`);
    res.json({ ok: true, db: db.kind, migrations: applied.size });
  });
}

/** Kysely's ledger of applied migrations, in the schema the server uses (search_path on PostgreSQL). */
async function appliedMigrations(db: Db): Promise<Set<string>> {
  const result = await sql<{ name: string }>`select name from kysely_migration`.execute(db.kysely);
  return new Set(result.rows.map((row) => row.name));
}
