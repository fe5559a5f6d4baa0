import type { Db } from '../../db/database';
import { runScript } from '../../repositories/sales/run-script';
import { stmt, type SqlScript } from '../../repositories/sales/sql-script';
import { failure, type Outcome } from '../../use-cases/outcome';
import type { DeliveryCallbackRequest, DeliveryReport, NotificationProvider } from '../provider';

export interface CallbackAnswer {
  ack: { status: number; body: unknown };
  matched: number;
  unmatched: number;
}

/**
 * A provider's delivery report: each sent message it names becomes delivered or failed. Reports
 * for messages not (yet) known as sent are acknowledged and dropped; a later report never
 * overturns an earlier final state.
 */
export async function applyDeliveryCallback(
  deps: { db: Db; provider: NotificationProvider; now: () => Date },
  providerName: string,
  request: DeliveryCallbackRequest,
): Promise<Outcome<CallbackAnswer>> {
  if (providerName !== deps.provider.name) return failure('NOT_FOUND', `no delivery callbacks for provider ${providerName}`);
  const parsed = deps.provider.parseDeliveryCallback(request);
  if (!parsed.ok) return failure(parsed.code, parsed.message);
  const { reports, ack } = parsed.value;
  const matched = await runScript(deps.db, () => applyReports(deps.provider.name, reports, deps.now().toISOString()));
  return { ok: true, value: { ack, matched, unmatched: reports.length - matched } };
}

function* applyReports(provider: string, reports: readonly DeliveryReport[], nowIso: string): SqlScript<number> {
  let matched = 0;
  for (const report of reports) {
    const delivered = report.state === 'delivered';
    const result = yield stmt(
      `UPDATE notifications SET state = ?, delivered_at = ?, last_error = ?, updated_at = ?
        WHERE provider = ? AND provider_message_id = ? AND state = 'sent'`,
      [report.state, delivered ? report.at : null, delivered ? null : `delivery failed: ${report.providerStatus}`.slice(0, 500), nowIso, provider, report.providerMessageId],
    );
    matched += result.affected;
  }
  return matched;
}
