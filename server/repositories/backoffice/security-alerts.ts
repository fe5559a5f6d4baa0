import { ok } from '../../../core/result';
import type { Db } from '../../db/database';
import { afterKey, decodeCursor, toPage, type KeysetOrder, type Page } from '../../db/keyset-page';
import { newId } from '../../security/ids';
import type { Outcome } from '../../use-cases/outcome';

/** What happened: a code-guessing lockout of a terminal, store or address; a login being slowed down. */
export type SecurityAlertKind = 'code_guessing.locked' | 'login.throttled';

export interface SecurityAlert {
  id: string;
  at: string;
  kind: SecurityAlertKind;
  /** `terminal:<id>`, `store:<id>`, `address:<ip>`, `account:<login>`. */
  subject: string;
  details: Record<string, unknown>;
}

export async function insertSecurityAlert(
  db: Db,
  alert: { merchantId: string; kind: SecurityAlertKind; subject: string; details: Record<string, unknown>; at: string },
): Promise<void> {
  await db.kysely
    .insertInto('security_alerts')
    .values({
      alert_id: newId(),
      merchant_id: alert.merchantId,
      kind: alert.kind,
      subject: alert.subject,
      details: JSON.stringify(alert.details),
      created_at: alert.at,
    })
    .execute();
}

const ORDER: KeysetOrder = { columns: ['created_at', 'alert_id'], direction: 'desc' };

/** A merchant's security alerts, newest first, keyset-paged. */
export async function listSecurityAlerts(
  db: Db,
  merchantId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Outcome<Page<SecurityAlert>>> {
  let query = db.kysely
    .selectFrom('security_alerts')
    .select(['alert_id', 'created_at', 'kind', 'subject', 'details'])
    .where('merchant_id', '=', merchantId);
  if (page.cursor) {
    const key = decodeCursor(page.cursor, ORDER);
    if (!key.ok) return key;
    query = query.where(afterKey(ORDER, key.value));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('alert_id', 'desc').limit(page.limit + 1).execute();
  return ok(
    toPage(
      rows,
      page.limit,
      (r) => [r.created_at, r.alert_id],
      (r) => ({
        id: r.alert_id,
        at: r.created_at,
        kind: r.kind as SecurityAlertKind,
        subject: r.subject,
        details: JSON.parse(r.details) as Record<string, unknown>,
      }),
    ),
  );
}
