import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import type { MerchantRole } from '../../../server/db/schema';
import { MERCHANT_ROLES } from '../../../server/http/merchant-roles';
import { addMerchantUser } from '../../../server/repositories/backoffice/merchant-user-setup';
import { createCampaign, createMerchant, createStore, createTerminal } from '../../../server/repositories/merchant-setup';
import { newId } from '../../../server/security/ids';
import { errorCode, type ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { signIn, startBackofficeServer, type BackofficeServer } from './support/backoffice-world';

type RoleClass = keyof typeof MERCHANT_ROLES;
const ROLES: MerchantRole[] = ['owner', 'manager', 'finance', 'support'];

/**
 * Who may call every `/merchant/...` route. A route added without a line here fails the test by
 * name; a line whose route is gone fails it too.
 */
const EXPECTED: Record<string, RoleClass | 'public'> = {
  'POST /merchant/login': 'public',
  'POST /merchant/logout': 'anyone',
  'GET /merchant/me': 'anyone',
  'POST /merchant/me/password': 'anyone',
  'GET /merchant/users': 'operate',
  'GET /merchant/users/:id': 'operate',
  'POST /merchant/users': 'setup',
  'POST /merchant/users/:id/role': 'setup',
  'POST /merchant/users/:id/disable': 'setup',
  'POST /merchant/users/:id/enable': 'setup',
  'PUT /merchant/users/:id/stores': 'setup',
  'POST /merchant/users/:id/password': 'setup',
  'GET /merchant/stores': 'anyone',
  'POST /merchant/stores': 'setup',
  'GET /merchant/stores/:storeId': 'anyone',
  'PATCH /merchant/stores/:storeId': 'setup',
  'GET /merchant/stores/:storeId/terminals': 'operate',
  'POST /merchant/stores/:storeId/terminals': 'operate',
  'GET /merchant/terminals/:terminalId': 'operate',
  'PATCH /merchant/terminals/:terminalId': 'operate',
  'POST /merchant/terminals/:terminalId/disable': 'operate',
  'POST /merchant/terminals/:terminalId/enable': 'operate',
  'POST /merchant/terminals/:terminalId/revoke': 'operate',
  'POST /merchant/terminals/:terminalId/pairing-code': 'operate',
  'GET /merchant/audit': 'setup',
  'GET /merchant/security-alerts': 'setup',
  'GET /merchant/campaigns': 'read',
  'POST /merchant/campaigns': 'operate',
  'GET /merchant/campaigns/:id': 'read',
  'POST /merchant/campaigns/:id': 'operate',
  'POST /merchant/campaigns/:id/publish': 'operate',
  'POST /merchant/campaigns/:id/end': 'operate',
  'GET /merchant/campaigns/:id/stats': 'read',
  'POST /merchant/campaigns/:id/settle': 'operate',
  'GET /merchant/campaigns/:id/settlement': 'read',
  'GET /merchant/support/orders/:ref': 'support',
  'POST /merchant/support/voucher-lookup': 'support',
  'GET /merchant/support/search': 'support',
  'POST /merchant/support/vouchers/:id/resend-target': 'setup',
  'PUT /merchant/catalog': 'setup',
  'GET /merchant/counter-settings': 'operate',
  'PUT /merchant/counter-settings': 'setup',
  'GET /merchant/stores/:storeId/terminal-users': 'operate',
  'POST /merchant/stores/:storeId/terminal-users': 'operate',
  'POST /merchant/terminal-users/:id/pin': 'operate',
  'POST /merchant/terminal-users/:id/role': 'operate',
  'POST /merchant/terminal-users/:id/disable': 'operate',
  'POST /merchant/terminal-users/:id/enable': 'operate',
  'GET /merchant/members.csv': 'read',
  'GET /merchant/shifts/:id/report': 'read',
  'GET /merchant/vouchers/:voucherId/leases': 'operate',
  'POST /merchant/vouchers/:voucherId/lease': 'operate',
  'POST /merchant/leases/:leaseId/revoke': 'operate',
  'GET /merchant/stores/:storeId/offline-policy': 'operate',
  'PUT /merchant/stores/:storeId/offline-policy': 'setup',
  'PUT /merchant/stores/:storeId/managers/:userId': 'setup',
  'DELETE /merchant/stores/:storeId/managers/:userId': 'setup',
  'GET /merchant/conflicts': 'operate',
  'POST /merchant/conflicts/:redemptionId/resolve': 'operate',
  'GET /merchant/dashboard': 'read',
  'GET /merchant/settlement/daily': 'read',
  'GET /merchant/settlement/export.csv': 'read',
  'POST /merchant/live/ticket': 'read',
  // The event stream takes a one-use ticket from /live/ticket, not a session.
  'GET /merchant/live/events': 'public',
  'POST /merchant/support/phone-lookup': 'support',
  'GET /merchant/support/vouchers/:id/history': 'support',
  'GET /merchant/support/notifications/:id': 'support',
  'POST /merchant/support/vouchers/:id/resend': 'support',
  'GET /merchant/members': 'anyone',
  'GET /merchant/members/:id': 'anyone',
  'GET /merchant/members/:id/sales': 'anyone',
  'GET /merchant/members/:id/redemptions': 'anyone',
  'GET /merchant/members/:id/points': 'anyone',
  'PUT /merchant/members/:id/tags': 'operate',
  'GET /merchant/redemptions': 'read',
  'GET /merchant/channels': 'setup',
  'POST /merchant/channels': 'setup',
  'POST /merchant/channels/:channel/rotate': 'setup',
  'POST /merchant/campaigns/:id/pause': 'operate',
  'POST /merchant/campaigns/:id/resume': 'operate',
  'GET /merchant/campaigns/:id/calendar': 'read',
  'POST /merchant/campaigns/:id/vouchers': 'operate',
  'POST /merchant/vouchers/:id/void': 'operate',
};

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /merchant/...` route on the app, found by walking the router stack. */
function merchantRoutes(): string[] {
  const app = createApp({ db: running.server.db, logger: running.server.logger });
  const found: string[] = [];
  const walk = (stack: readonly Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths.filter((p) => p.startsWith('/merchant/'))) {
          for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${path}`);
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

let running: BackofficeServer;

async function merchantWithEveryRole(tag: string) {
  const db = running.server.db;
  const merchant = await createMerchant(db, { name: `矩阵${tag}` });
  const store = await createStore(db, merchant.id, `${tag} 店`);
  const terminal = await createTerminal(db, merchant.id, store.id, `${tag}1`);
  const campaign = await createCampaign(db, merchant.id, {
    kind: 'product', title: '矩阵券', priceFen: 100, faceValueFen: 100, usesPerVoucher: 1,
    validFrom: new Date(Date.now() - 86_400_000), validUntil: new Date(Date.now() + 86_400_000), storeIds: [store.id],
  });
  const users = {} as Record<MerchantRole, { id: string; login: string }>;
  const clients = {} as Record<MerchantRole, ApiClient>;
  for (const role of ROLES) {
    const login = `${role}${tag}${process.pid}${Date.now()}@matrix.test`;
    users[role] = await addMerchantUser(db, merchant.id, { login, name: role, role, password: 'matrix-secret-1' });
    clients[role] = await signIn(running.server, login, 'matrix-secret-1');
  }
  await db.kysely.insertInto('merchant_user_stores').values({ merchant_id: merchant.id, user_id: users.manager.id, store_id: store.id, created_at: new Date().toISOString() }).execute();
  return { merchant, store, terminal, campaign, users, clients };
}

describe.each(BACKENDS)('back-office role matrix (%s)', (kind) => {
  let a: Awaited<ReturnType<typeof merchantWithEveryRole>>;
  let b: Awaited<ReturnType<typeof merchantWithEveryRole>>;
  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    a = await merchantWithEveryRole('a');
    b = await merchantWithEveryRole('b');
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('has an expectation for every merchant route, and a route for every expectation', () => {
    const routes = merchantRoutes();
    expect(routes.filter((r) => !(r in EXPECTED)), 'routes with no line in EXPECTED').toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !routes.includes(r)), 'lines in EXPECTED with no route').toEqual([]);
  });

  it('answers each role as MERCHANT_ROLES says: allowed is never 401/403 (nor 500), denied is 403 FORBIDDEN', async () => {
    const wrong: string[] = [];
    for (const route of merchantRoutes()) {
      const roleClass = EXPECTED[route];
      if (!roleClass || roleClass === 'public') continue;
      const [method = 'GET', pattern = ''] = route.split(' ');
      // Unknown ids: an allowed caller gets a not-found or a validation error, and nothing changes.
      const path = pattern.replace(/:[A-Za-z]+/g, () => newId());
      const allowed: readonly MerchantRole[] = MERCHANT_ROLES[roleClass];
      for (const role of ROLES) {
        // Signing out ends the session the other checks use: use a session of its own.
        const client = route === 'POST /merchant/logout' ? await signIn(running.server, a.users[role].login, 'matrix-secret-1') : a.clients[role];
        const res = await client.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : '{}', 'application/json');
        const answer = `${res.status} ${errorCode(res) ?? ''}`.trim();
        const refused = allowed.includes(role) ? res.status === 401 || res.status === 403 : answer !== '403 FORBIDDEN';
        if (refused || res.status >= 500) wrong.push(`${route} as ${role}: ${answer}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives merchant B’s users the same not-found for merchant A’s store, till, user and campaign as for a missing id', async () => {
    const cases: [string, string, MerchantRole, string][] = [
      ['/merchant/stores/', a.store.id, 'owner', 'STORE_NOT_FOUND'],
      ['/merchant/stores/', a.store.id, 'finance', 'STORE_NOT_FOUND'],
      ['/merchant/terminals/', a.terminal.id, 'owner', 'TERMINAL_NOT_FOUND'],
      ['/merchant/terminals/', a.terminal.id, 'manager', 'TERMINAL_NOT_FOUND'],
      ['/merchant/users/', a.users.owner.id, 'owner', 'USER_NOT_FOUND'],
      ['/merchant/users/', a.users.manager.id, 'manager', 'USER_NOT_FOUND'],
      ['/merchant/campaigns/', a.campaign.id, 'owner', 'CAMPAIGN_NOT_FOUND'],
      ['/merchant/campaigns/', a.campaign.id, 'finance', 'CAMPAIGN_NOT_FOUND'],
    ];
    for (const [prefix, id, role, code] of cases) {
      const foreign = await b.clients[role].get(`${prefix}${id}`);
      const missing = await b.clients[role].get(`${prefix}${newId()}`);
      expect([foreign.status, errorCode(foreign)], `${prefix}${id} as B's ${role}`).toEqual([404, code]);
      expect([missing.status, errorCode(missing)]).toEqual([404, code]);
      expect((await a.clients[role].get(`${prefix}${id}`)).status, `A's own ${role}`).toBe(200);
    }
    for (const [path, code] of [
      [`/merchant/stores/${a.store.id}/terminals`, 'STORE_NOT_FOUND'],
      [`/merchant/terminals/${a.terminal.id}/pairing-code`, 'TERMINAL_NOT_FOUND'],
    ] as const) {
      const res = path.endsWith('pairing-code') ? await b.clients.owner.post(path, {}) : await b.clients.owner.get(path);
      expect([res.status, errorCode(res)], path).toEqual([404, code]);
    }
  });
});
