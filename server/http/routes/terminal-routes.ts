import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ok } from '../../../core/result';
import type { UseCaseDeps } from '../../use-cases/deps';
import { pairTerminal } from '../../use-cases/pair-terminal';
import { requireTerminal, sessionOf } from '../auth';
import { sendOutcome } from '../send';
import { validate } from '../validate';

export const PairRequest = z.object({ pairingCode: z.string().min(1).max(32) });

export function terminalRoutes(router: Router, deps: UseCaseDeps, json: RequestHandler): void {
  router.post('/terminals/pair', json, async (req, res) => {
    const input = validate(PairRequest, req.body);
    sendOutcome(res, input.ok ? await pairTerminal(deps, input.value, req.ip ?? 'unknown') : input);
  });
  router.get('/terminals/me', requireTerminal(deps.authenticator), (_req, res) => {
    sendOutcome(res, ok(sessionOf(res)));
  });
}
