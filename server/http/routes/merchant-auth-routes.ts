import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ok } from '../../../core/result';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { login } from '../../use-cases/backoffice/login';
import { logout } from '../../use-cases/backoffice/logout';
import { changeOwnPassword, ChangeOwnPasswordRequest } from '../../use-cases/backoffice/set-password';
import { merchantSessionOf, merchantTokenOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

export const LoginRequest = z.strictObject({
  /** The merchant's sign-in code: logins are unique per merchant only. */
  merchant: z.string().min(1).max(64),
  login: z.string().min(1).max(254),
  password: z.string().min(1).max(200),
});

/** Back-office sign-in: a password login trades for an expiring bearer token. */
export function merchantAuthRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const signedIn = requireMerchantUser(deps, MERCHANT_ROLES.anyone);
  router.post('/merchant/login', json, async (req, res) => {
    const input = parseInput(LoginRequest, req.body);
    sendOutcome(res, input.ok ? await login(deps, input.value, req.ip ?? 'unknown') : input);
  });
  router.post('/merchant/logout', signedIn, async (_req, res) => {
    sendOutcome(res, await logout(deps, merchantSessionOf(res), merchantTokenOf(res)));
  });
  router.get('/merchant/me', signedIn, (_req, res) => {
    sendOutcome(res, ok(merchantSessionOf(res)));
  });
  router.post('/merchant/me/password', signedIn, json, async (req, res) => {
    const input = parseInput(ChangeOwnPasswordRequest, req.body);
    sendOutcome(res, input.ok ? await changeOwnPassword(deps, merchantSessionOf(res), input.value) : input);
  });
}
