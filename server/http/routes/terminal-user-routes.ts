import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { ErrorCode } from '../../../core/errors';
import {
  addStoreTerminalUser, changeTerminalUser, listTerminalUsers, NewTerminalUser, TerminalPinChange, TerminalRoleChange,
} from '../../counter/terminal-user-admin';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';
import { validate } from '../validate';

export const StoreParams = z.object({ storeId: z.string().min(1).max(64) });
export const UserParams = z.object({ id: z.string().min(1).max(64) });
const pinOrOther = (fields: string[]): ErrorCode => (fields.includes('pin') ? 'PIN_FORMAT_INVALID' : 'VALIDATION_FAILED');

/**
 * The cashiers and managers who sign in at a store's counter with a PIN: owners for every store,
 * a manager for the stores they manage. Terminals get every change by sync.
 */
export function terminalUserRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const staff = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  router.get('/merchant/stores/:storeId/terminal-users', staff, async (req, res) => {
    const params = validate(StoreParams, req.params);
    sendOutcome(res, params.ok ? await listTerminalUsers(deps.db, merchantSessionOf(res), params.value.storeId, deps.now()) : params);
  });
  router.post('/merchant/stores/:storeId/terminal-users', staff, json, async (req, res) => {
    const params = validate(StoreParams, req.params);
    const body = validate(NewTerminalUser, req.body, pinOrOther);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await addStoreTerminalUser(deps.db, merchantSessionOf(res), params.value.storeId, body.value, deps.now()));
  });
  router.post('/merchant/terminal-users/:id/pin', staff, json, async (req, res) => {
    const params = validate(UserParams, req.params);
    const body = validate(TerminalPinChange, req.body, pinOrOther);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await changeTerminalUser(deps.db, merchantSessionOf(res), params.value.id, { pin: body.value.pin }, deps.now()));
  });
  router.post('/merchant/terminal-users/:id/role', staff, json, async (req, res) => {
    const params = validate(UserParams, req.params);
    const body = validate(TerminalRoleChange, req.body);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await changeTerminalUser(deps.db, merchantSessionOf(res), params.value.id, { role: body.value.role }, deps.now()));
  });
  for (const [action, active] of [['disable', false], ['enable', true]] as const) {
    router.post(`/merchant/terminal-users/:id/${action}`, staff, async (req, res) => {
      const params = validate(UserParams, req.params);
      sendOutcome(res, params.ok ? await changeTerminalUser(deps.db, merchantSessionOf(res), params.value.id, { active }, deps.now()) : params);
    });
  }
}
