import type { Router } from 'express';
import { z } from 'zod';
import { listAudit } from '../../repositories/backoffice/audit-queries';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { PageQuery } from '../../use-cases/backoffice/setup/store-spec';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

const Instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

export const AuditQuery = PageQuery.extend({
  actor: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(80).optional(),
  storeId: z.string().min(1).max(64).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});

/** `GET /merchant/audit`: who did what, when, to what — newest first, for owners. */
export function auditRoutes(router: Router, deps: BackofficeDeps): void {
  router.get('/merchant/audit', requireMerchantUser(deps, MERCHANT_ROLES.setup), async (req, res) => {
    const query = parseInput(AuditQuery, req.query);
    sendOutcome(res, query.ok ? await listAudit(deps.db, merchantSessionOf(res).merchant.id, query.value) : query);
  });
}
