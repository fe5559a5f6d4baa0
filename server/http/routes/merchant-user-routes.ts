import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { findMerchantUser, listMerchantUsers } from '../../repositories/backoffice/merchant-user-repository';
import { changeUser, ChangeRoleRequest } from '../../use-cases/backoffice/change-user';
import { createUser, CreateUserRequest } from '../../use-cases/backoffice/create-user';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { resetPassword, ResetPasswordRequest } from '../../use-cases/backoffice/set-password';
import { setManagerStores, SetStoresRequest } from '../../use-cases/backoffice/setup/manager-store-assignment';
import { PageQuery } from '../../use-cases/backoffice/setup/store-spec';
import { ok } from '../../../core/result';
import { failure } from '../../use-cases/outcome';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

export const UserParams = z.object({ id: z.uuid() });

/** Back-office users of the signed-in merchant: owners manage them (roles, a manager's stores), managers may look. */
export function merchantUserRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const anyRole = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  const owner = requireMerchantUser(deps, MERCHANT_ROLES.setup);

  router.get('/merchant/users', anyRole, async (req, res) => {
    const query = parseInput(PageQuery, req.query);
    sendOutcome(res, query.ok ? await listMerchantUsers(deps.db, merchantSessionOf(res).merchant.id, query.value) : query);
  });
  router.get('/merchant/users/:id', anyRole, async (req, res) => {
    const params = parseInput(UserParams, req.params);
    if (!params.ok) return sendOutcome(res, params);
    const user = await findMerchantUser(deps.db, merchantSessionOf(res).merchant.id, params.value.id);
    sendOutcome(res, user ? ok(user) : failure('USER_NOT_FOUND', 'no user with this id'));
  });
  router.post('/merchant/users', owner, json, async (req, res) => {
    const input = parseInput(CreateUserRequest, req.body);
    sendOutcome(res, input.ok ? await createUser(deps, merchantSessionOf(res), input.value) : input);
  });
  router.post('/merchant/users/:id/role', owner, json, async (req, res) => {
    const params = parseInput(UserParams, req.params);
    const input = parseInput(ChangeRoleRequest, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await changeUser(deps, merchantSessionOf(res), params.value.id, { role: input.value.role }));
  });
  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    router.post(`/merchant/users/:id/${action}`, owner, async (req, res) => {
      const params = parseInput(UserParams, req.params);
      sendOutcome(res, params.ok ? await changeUser(deps, merchantSessionOf(res), params.value.id, { disabled }) : params);
    });
  }
  router.put('/merchant/users/:id/stores', owner, json, async (req, res) => {
    const params = parseInput(UserParams, req.params);
    const input = parseInput(SetStoresRequest, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await setManagerStores(deps, merchantSessionOf(res), params.value.id, input.value.storeIds));
  });
  router.post('/merchant/users/:id/password', owner, json, async (req, res) => {
    const params = parseInput(UserParams, req.params);
    const input = parseInput(ResetPasswordRequest, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await resetPassword(deps, merchantSessionOf(res), params.value.id, input.value.password));
  });
}
