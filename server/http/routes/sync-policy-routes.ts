import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { getStorePolicy, ManagerPinInput, removeManager, setManagerPin, setStorePolicy, StorePolicyInput } from '../../sync/policy/policy-admin';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';
import { validate } from '../validate';

export const StoreParams = z.object({ storeId: z.string().min(1).max(64) });
export const ManagerParams = StoreParams.extend({ userId: z.string().min(1).max(64) });

/** A store's offline policy and the managers who may approve offline there (owners decide). */
export function syncPolicyRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const staff = requireMerchantUser(deps, MERCHANT_ROLES.operate);
  const owner = requireMerchantUser(deps, MERCHANT_ROLES.setup);
  router.get('/merchant/stores/:storeId/offline-policy', staff, async (req, res) => {
    const params = validate(StoreParams, req.params);
    sendOutcome(res, params.ok ? await getStorePolicy(deps.db, merchantSessionOf(res), params.value.storeId) : params);
  });
  router.put('/merchant/stores/:storeId/offline-policy', owner, json, async (req, res) => {
    const params = validate(StoreParams, req.params);
    const body = validate(StorePolicyInput, req.body);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    sendOutcome(res, await setStorePolicy(deps.db, merchantSessionOf(res), params.value.storeId, body.value, deps.now()));
  });
  router.put('/merchant/stores/:storeId/managers/:userId', owner, json, async (req, res) => {
    const params = validate(ManagerParams, req.params);
    const body = validate(ManagerPinInput, req.body);
    if (!params.ok || !body.ok) return sendOutcome(res, !params.ok ? params : body);
    const { storeId, userId } = params.value;
    sendOutcome(res, await setManagerPin(deps.db, merchantSessionOf(res), storeId, userId, body.value.pin, deps.now()));
  });
  router.delete('/merchant/stores/:storeId/managers/:userId', owner, async (req, res) => {
    const params = validate(ManagerParams, req.params);
    if (!params.ok) return sendOutcome(res, params);
    sendOutcome(res, await removeManager(deps.db, merchantSessionOf(res), params.value.storeId, params.value.userId, deps.now()));
  });
}
