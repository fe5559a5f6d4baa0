import type { RequestHandler, Router } from 'express';
import { ok } from '../../../core/result';
import type { ChannelSecretStore } from '../../repositories/sales/channel-secret-store';
import { ChannelParams, changeChannelSecret, CreateChannelRequest, listChannels, RotateChannelRequest } from '../../use-cases/backoffice/channel-secrets';
import type { BackofficeDeps } from '../../use-cases/backoffice/deps';
import { parseInput } from '../../use-cases/backoffice/field-errors';
import { merchantSessionOf, requireMerchantUser } from '../merchant-auth';
import { MERCHANT_ROLES } from '../merchant-roles';
import { sendOutcome } from '../send';

/** The merchant's webhook secrets per channel: list, create (shown once), rotate with a grace period. */
export function merchantChannelRoutes(router: Router, deps: BackofficeDeps, store: ChannelSecretStore, json: RequestHandler): void {
  const owner = requireMerchantUser(deps, MERCHANT_ROLES.setup);
  router.get('/merchant/channels', owner, async (_req, res) => {
    sendOutcome(res, ok(await listChannels(deps, merchantSessionOf(res).merchant.id)));
  });
  router.post('/merchant/channels', owner, json, async (req, res) => {
    const input = parseInput(CreateChannelRequest, req.body);
    if (!input.ok) return sendOutcome(res, input);
    sendOutcome(res, await changeChannelSecret(deps, store, merchantSessionOf(res), input.value.channel, { kind: 'create' }));
  });
  router.post('/merchant/channels/:channel/rotate', owner, json, async (req, res) => {
    const params = parseInput(ChannelParams, req.params);
    const input = parseInput(RotateChannelRequest, req.body ?? {});
    if (!params.ok || !input.ok) return sendOutcome(res, !params.ok ? params : input);
    const change = { kind: 'rotate' as const, graceMinutes: input.value.graceMinutes };
    sendOutcome(res, await changeChannelSecret(deps, store, merchantSessionOf(res), params.value.channel, change));
  });
}
