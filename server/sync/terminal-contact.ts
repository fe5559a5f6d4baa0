import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { parseTerminalReport } from '../../core/terminal-report';
import type { Db } from '../db/database';
import { sessionOf } from '../http/auth';

/**
 * After `requireTerminal` on the sync routes: keeps when the till was last seen, what it last
 * reported (pending outbox, app version) and, once the request has succeeded, when it last synced.
 * A value the till did not send keeps the previous one.
 */
export function recordTerminalContact(deps: { db: Db; now: () => Date; logger: Logger }): RequestHandler {
  return async (req, res, next) => {
    const { terminal, merchant } = sessionOf(res);
    const report = parseTerminalReport((name) => req.get(name));
    const terminalRow = () => deps.db.kysely.updateTable('terminals').where('merchant_id', '=', merchant.id).where('id', '=', terminal.id);
    await terminalRow()
      .set({
        last_seen_at: deps.now().toISOString(),
        ...(report.pendingOutbox !== null ? { pending_outbox: report.pendingOutbox } : {}),
        ...(report.appVersion !== null ? { app_version: report.appVersion } : {}),
      })
      .execute();
    res.on('finish', () => {
      if (res.statusCode !== 200) return;
      terminalRow()
        .set({ last_sync_at: deps.now().toISOString() })
        .execute()
        .catch((error: unknown) => deps.logger.warn({ err: error, terminalId: terminal.id }, 'could not record the last sync'));
    });
    next();
  };
}
