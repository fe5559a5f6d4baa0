import type { Router } from 'express';
import { memberCsv } from '../../counter/member-export';
import { newId } from '../../security/ids';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';

/** `GET /merchant/members.csv`: full phones for owners, masked for everyone else; every export is audited. */
export function memberExportRoutes(router: Router, deps: BackofficeDeps): void {
  router.get('/merchant/members.csv', requireMerchantUser(deps, MERCHANT_ROLES.read), async (_req, res) => {
    const session = merchantSessionOf(res);
    const full = session.user.role === 'owner';
    await deps.db.kysely
      .insertInto('audit_log')
      .values({
        merchant_id: session.merchant.id, id: newId(), at: deps.now().toISOString(), actor_type: 'user', actor_id: session.user.id,
        action: 'member.export', subject_id: null, details: JSON.stringify({ fullPhone: full }),
      })
      .execute();
    res.status(200).setHeader('content-type', 'text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="members.csv"');
    res.write('\uFEFF');
    for await (const chunk of memberCsv(deps.db, session.merchant.id, full)) res.write(chunk);
    res.end();
  });
}
