import { signedWebhookHeaders } from '../../../server/notifications/webhook-signature';
import { addMerchantUser } from '../../../server/repositories/backoffice/merchant-user-setup';
import { MERCHANT_HEADER } from '../../../server/use-cases/sales/channel-signature';
import type { RouteSpec } from '../../../server/http/openapi/route-spec';
import { ApiClient } from '../../support/server/api-client';
import { loginBody } from '../../support/server/login-body';
import type { BackendKind } from '../../support/server/backends';
import { startWorldServer } from '../../support/server/world';

export const OWNER_PASSWORD = 'fuzz-owner-secret-1';

/**
 * The world of tests/support/server/world (two merchants, stores, tills, campaigns) with a paired
 * till, a signed-in owner of merchant "main", and a channel secret of its own for `douyin`.
 */
export async function startFuzzWorld(kind: BackendKind) {
  const started = await startWorldServer(kind);
  const { server, world } = started;
  const login = `fuzz-owner-${process.pid}@main.test`;
  await addMerchantUser(server.db, world.merchant.id, { login, name: '店主', role: 'owner', password: OWNER_PASSWORD });
  const signIn = await new ApiClient(server).post<{ token: string }>('/merchant/login', await loginBody(server.db, login, OWNER_PASSWORD));
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
  const ownerToken = signIn.body.token;
  const channel = await new ApiClient(server, ownerToken).post<{ secret: string }>('/merchant/channels', { channel: 'douyin' });
  if (channel.status !== 200) throw new Error(`channel secret: ${channel.status} ${JSON.stringify(channel.body)}`);
  const terminalToken = started.clients[0]!.token!;

  /** The headers a caller with the right credentials sends to this route. */
  const goodAuth = (route: RouteSpec, body: string): Record<string, string> => {
    if (route.auth === 'terminal') return { authorization: `Bearer ${terminalToken}` };
    if (route.auth === 'merchant') return { authorization: `Bearer ${ownerToken}` };
    if (route.auth === 'channel-signature') {
      return { [MERCHANT_HEADER]: world.merchant.id, ...signedWebhookHeaders(channel.body.secret, Math.floor(Date.now() / 1000), body) };
    }
    return {};
  };
  return { ...started, ownerToken, terminalToken, channelSecret: channel.body.secret, goodAuth };
}

export type FuzzWorld = Awaited<ReturnType<typeof startFuzzWorld>>;
