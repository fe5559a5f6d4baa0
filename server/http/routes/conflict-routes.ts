import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ok } from '../../../core/result';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { ConflictListQuery, listConflicts, resolveConflict, ResolveConflictRequest } from '../../sync/conflicts/conflict-queries';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';
import { validate } from '../validate';

const Params = z.object({ redemptionId: z.uuid() });

/** Double spends found at sync, for the merchant's owners and managers to review. */
export function conflictRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const staff = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  router.get('/merchant/conflicts', staff, async (req, res) => {
    const query = validate(ConflictListQuery, req.query);
    if (!query.ok) return sendOutcome(res, query);
    sendOutcome(res, ok({ conflicts: await listConflicts(deps.db, merchantSessionOf(res).merchant.id, query.value) }));
  });
  router.post('/merchant/conflicts/:redemptionId/resolve', staff, json, async (req, res) => {
    const params = validate(Params, req.params);
    const body = validate(ResolveConflictRequest, req.body);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await resolveConflict(deps.db, merchantSessionOf(res), params.value.redemptionId, body.value.note, deps.now()));
  });
}
