import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ok } from '../../../core/result';
import { findStore, listStores, STORE_NOT_FOUND } from '../../repositories/backoffice/store-rows';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { storeScopeOf } from '../../use-cases/backoffice/setup/store-scope';
import { CreateStoreRequest, PageQuery, StoreParams, UpdateStoreRequest } from '../../use-cases/backoffice/setup/store-spec';
import { createStore, updateStore } from '../../use-cases/backoffice/setup/store-writes';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

export const StoreListQuery = PageQuery.extend({ active: z.enum(['true', 'false']).optional() });

/** A merchant's stores: every role may look (a manager at their own), owners open and change them. */
export function storeRoutes(router: Router, deps: BackofficeDeps, json: RequestHandler): void {
  const anyone = requireMerchantUser(deps, MERCHANT_ROLES.anyone);
  const setup = requireMerchantUser(deps, MERCHANT_ROLES.setup);

  router.get('/merchant/stores', anyone, async (req, res) => {
    const query = parseInput(StoreListQuery, req.query);
    if (!query.ok) return sendOutcome(res, query);
    const scope = await storeScopeOf(deps.db, merchantSessionOf(res));
    const active = query.value.active === undefined ? undefined : query.value.active === 'true';
    sendOutcome(res, await listStores(deps.db, scope, { ...query.value, active }));
  });
  router.post('/merchant/stores', setup, json, async (req, res) => {
    const input = parseInput(CreateStoreRequest, req.body);
    sendOutcome(res, input.ok ? await createStore(deps, merchantSessionOf(res), input.value) : input);
  });
  router.get('/merchant/stores/:storeId', anyone, async (req, res) => {
    const params = parseInput(StoreParams, req.params);
    if (!params.ok) return sendOutcome(res, params);
    const store = await findStore(deps.db, await storeScopeOf(deps.db, merchantSessionOf(res)), params.value.storeId);
    sendOutcome(res, store ? ok(store) : STORE_NOT_FOUND());
  });
  router.patch('/merchant/stores/:storeId', setup, json, async (req, res) => {
    const params = parseInput(StoreParams, req.params);
    const input = parseInput(UpdateStoreRequest, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await updateStore(deps, merchantSessionOf(res), params.value.storeId, input.value));
  });
}
