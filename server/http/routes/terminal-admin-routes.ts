import type { Request, RequestHandler, Router } from 'express';
import { ok } from '../../../core/result';
import { findStore, STORE_NOT_FOUND } from '../../repositories/backoffice/store-rows';
import { findTerminal, listTerminals, TERMINAL_NOT_FOUND } from '../../repositories/backoffice/terminal-rows';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { mintTerminalPairingCode } from '../../use-cases/backoffice/setup/pairing-codes';
import { storeScopeOf } from '../../use-cases/backoffice/setup/store-scope';
import { PageQuery, StoreParams, TerminalParams } from '../../use-cases/backoffice/setup/store-spec';
import { addTerminal, changeTerminal, TerminalName, type TerminalAdminDeps } from '../../use-cases/backoffice/setup/terminal-writes';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

/** The origin the back office was reached on: the POS pairs with the same server. */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** Tills of a store: owners for every store, a manager for theirs. */
export function terminalAdminRoutes(router: Router, deps: TerminalAdminDeps, json: RequestHandler): void {
  const operate = requireMerchantUser(deps, MERCHANT_ROLES.operate);

  router.get('/merchant/stores/:storeId/terminals', operate, async (req, res) => {
    const params = parseInput(StoreParams, req.params);
    const query = parseInput(PageQuery, req.query);
    if (!params.ok || !query.ok) return sendOutcome(res, !params.ok ? params : query);
    const scope = await storeScopeOf(deps.db, merchantSessionOf(res));
    if (!(await findStore(deps.db, scope, params.value.storeId))) return sendOutcome(res, STORE_NOT_FOUND());
    sendOutcome(res, await listTerminals(deps.db, scope, params.value.storeId, query.value, deps.now()));
  });
  router.post('/merchant/stores/:storeId/terminals', operate, json, async (req, res) => {
    const params = parseInput(StoreParams, req.params);
    const input = parseInput(TerminalName, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await addTerminal(deps, merchantSessionOf(res), params.value.storeId, input.value.name));
  });
  router.get('/merchant/terminals/:terminalId', operate, async (req, res) => {
    const params = parseInput(TerminalParams, req.params);
    if (!params.ok) return sendOutcome(res, params);
    const scope = await storeScopeOf(deps.db, merchantSessionOf(res));
    const terminal = await findTerminal(deps.db, scope, params.value.terminalId, deps.now());
    sendOutcome(res, terminal ? ok(terminal) : TERMINAL_NOT_FOUND());
  });
  router.patch('/merchant/terminals/:terminalId', operate, json, async (req, res) => {
    const params = parseInput(TerminalParams, req.params);
    const input = parseInput(TerminalName, req.body);
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    sendOutcome(res, await changeTerminal(deps, merchantSessionOf(res), params.value.terminalId, { kind: 'rename', name: input.value.name }));
  });
  for (const kind of ['disable', 'enable', 'revoke'] as const) {
    router.post(`/merchant/terminals/:terminalId/${kind}`, operate, async (req, res) => {
      const params = parseInput(TerminalParams, req.params);
      sendOutcome(res, params.ok ? await changeTerminal(deps, merchantSessionOf(res), params.value.terminalId, { kind }) : params);
    });
  }
  router.post('/merchant/terminals/:terminalId/pairing-code', operate, async (req, res) => {
    const params = parseInput(TerminalParams, req.params);
    sendOutcome(res, params.ok ? await mintTerminalPairingCode(deps, merchantSessionOf(res), params.value.terminalId, originOf(req)) : params);
  });
}
