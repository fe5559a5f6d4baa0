import type { Router } from 'express';
import { streamRows } from '../../db/row-stream';
import { ledgerNames, ledgerQuery } from '../../repositories/backoffice/settlement-ledger';
import { dailyStatement, DateRangeQuery, ledgerScope, localDateOfHour, MAX_EXPORT_DAYS } from '../../use-cases/backoffice/daily-settlement';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { csvLine, UTF8_BOM, writeChunk } from '../csv';
import { ledgerLineWriter } from './settlement-csv-line';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

export const LEDGER_CSV_HEADER = [
  'type',
  'at',
  'date',
  'campaign_id',
  'campaign_title',
  'store_id',
  'store_name',
  'reference_id',
  'units',
  'amount_fen',
  'face_value_fen',
] as const;

export const ExportQuery = DateRangeQuery.omit({ storeId: true });
const CHUNK_CHARS = 32_000;

/** Daily statements per store and campaign, and the ledger behind them as a streamed CSV. */
export function settlementRoutes(router: Router, deps: BackofficeDeps): void {
  const read = requireMerchantUser(deps, MERCHANT_ROLES.read);
  router.get('/merchant/settlement/daily', read, async (req, res) => {
    const query = parseInput(DateRangeQuery, req.query);
    sendOutcome(res, query.ok ? await dailyStatement(deps, merchantSessionOf(res), query.value) : query);
  });

  router.get('/merchant/settlement/export.csv', read, async (req, res) => {
    const session = merchantSessionOf(res);
    const query = parseInput(ExportQuery, req.query);
    if (!query.ok) return sendOutcome(res, query);
    const scope = ledgerScope(session, query.value, MAX_EXPORT_DAYS);
    if (!scope.ok) return sendOutcome(res, scope);
    const { from, to } = query.value;
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="hexiao-ledger-${from}-${to}.csv"`,
      'Cache-Control': 'no-store',
    });
    const line = ledgerLineWriter(localDateOfHour(session.merchant.timeZone), await ledgerNames(deps.db, session.merchant.id));
    try {
      if (!(await writeChunk(res, UTF8_BOM + csvLine(LEDGER_CSV_HEADER)))) return;
      let text = '';
      for await (const batch of streamRows(deps.db, ledgerQuery(deps.db, scope.value).compile(deps.db.kysely), 1000)) {
        for (const row of batch) {
          text += line(row);
          // Small chunks: a string over ~128 KB lives in V8's large-object space until a full GC, so
          // one per batch would pile up a file's worth of garbage before it is collected.
          if (text.length >= CHUNK_CHARS) {
            if (!(await writeChunk(res, text))) return;
            text = '';
          }
        }
      }
      if (text && !(await writeChunk(res, text))) return;
      res.end();
    } catch (error) {
      // The status line is gone already: cut the download so it cannot pass for a complete file.
      deps.logger.error({ err: error }, 'settlement export failed mid-stream');
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
