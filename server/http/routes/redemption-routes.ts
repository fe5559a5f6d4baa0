import type { Router } from 'express';
import { z } from 'zod';
import type { UseCaseDeps } from '../../use-cases/deps';
import { getRedemption } from '../../use-cases/get-redemption';
import { requireTerminal, sessionOf } from '../auth';
import { sendOutcome } from '../send';
import { validate } from '../validate';

export const Params = z.object({ id: z.uuid() });

export function redemptionRoutes(router: Router, deps: UseCaseDeps): void {
  router.get('/redemptions/:id', requireTerminal(deps.authenticator), async (req, res) => {
    const params = validate(Params, req.params);
    sendOutcome(res, params.ok ? await getRedemption(deps, sessionOf(res), params.value.id) : params);
  });
}
