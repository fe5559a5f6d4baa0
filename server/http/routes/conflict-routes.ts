import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { withoutBlanks } from '../../use-cases/backoffice/page-query';
import { ConflictListQuery, listConflicts } from '../../sync/conflicts/conflict-queries';
import { resolveConflict, ResolveConflictRequest } from '../../sync/conflicts/conflict-resolve';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

export const Params = z.object({ redemptionId: z.uuid('not a redemption id') });

/** Offline redemptions that went over a limit, for the merchant's owners and managers to review. */
export function conflictRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const staff = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  router.get('/merchant/conflicts', staff, async (req, res) => {
    const query = parseInput(ConflictListQuery, withoutBlanks(req.query));
    sendOutcome(res, query.ok ? await listConflicts(deps.db, merchantSessionOf(res), query.value) : query);
  });
  router.post('/merchant/conflicts/:redemptionId/resolve', staff, json, async (req, res) => {
    const params = parseInput(Params, req.params);
    const body = parseInput(ResolveConflictRequest, req.body);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await resolveConflict(deps.db, merchantSessionOf(res), params.value.redemptionId, body.value, deps.now()));
  });
}
