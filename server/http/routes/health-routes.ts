import type { Router } from 'express';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { sendError } from '../send';

export function healthRoutes(router: Router, db: Db): void {
  router.get('/health', async (_req, res) => {
    try {
      await sql`select 1`.execute(db.kysely);
    } catch {
      sendError(res, 'UNAVAILABLE', 'the database is not reachable');
      return;
    }
    res.json({ ok: true, db: db.kind });
  });
}
