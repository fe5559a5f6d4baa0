import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { MERCHANT_ROLES } from '../../../server/http/merchant-roles';
import { newId } from '../../../server/security/ids';
import { errorCode, type ApiResponse } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { startBackofficeServer, type BackofficeServer } from './support/backoffice-world';
import { MATRIX_ROLES, merchantRows, merchantWithEverything, type MatrixMerchant } from './support/two-merchants';

type Ids = MatrixMerchant['ids'];
type IdKey = keyof Ids;
type RoleClass = keyof typeof MERCHANT_ROLES;

/**
 * How each merchant route is tried across merchants. `ids`: which of the target merchant's ids
 * each path parameter names (`:id` depends on the route). `query`/`body`: built from the target's
 * ids (`t`) and the caller's own (`own`), so a route that takes ids in its query or body is tried
 * with the other merchant's too. A route without a row fails the test by name.
 */
interface Row {
  roles: RoleClass | 'public';
  ids?: Record<string, IdKey>;
  query?: (t: Ids) => string;
  body?: (t: Ids, own: Ids, secrets: MatrixMerchant['secrets']) => unknown;
}

const today = new Date().toISOString().slice(0, 10);

const MERCHANT_ROUTES: Record<string, Row> = {
  'POST /merchant/login': { roles: 'public' },
  'POST /merchant/logout': { roles: 'public' },
  'GET /merchant/me': { roles: 'anyone' },
  'POST /merchant/me/password': { roles: 'public' },
  'GET /merchant/users': { roles: 'operate' },
  'GET /merchant/users/:id': { roles: 'operate', ids: { id: 'user' } },
  'POST /merchant/users': { roles: 'setup', body: (t) => ({ login: `x${randomUUID().slice(0, 8)}@x.test`, name: 'x', role: 'manager', password: 'matrix-secret-9', storeIds: [t.store] }) },
  'POST /merchant/users/:id/role': { roles: 'setup', ids: { id: 'user' }, body: () => ({ role: 'finance' }) },
  'POST /merchant/users/:id/disable': { roles: 'setup', ids: { id: 'user' } },
  'POST /merchant/users/:id/enable': { roles: 'setup', ids: { id: 'user' } },
  'PUT /merchant/users/:id/stores': { roles: 'setup', ids: { id: 'user' }, body: (t) => ({ storeIds: [t.store] }) },
  'POST /merchant/users/:id/password': { roles: 'setup', ids: { id: 'user' }, body: () => ({ password: 'matrix-secret-9' }) },
  'GET /merchant/stores': { roles: 'anyone' },
  'POST /merchant/stores': { roles: 'setup', body: () => ({ name: '新店' }) },
  'GET /merchant/stores/:storeId': { roles: 'anyone', ids: { storeId: 'store' } },
  'PATCH /merchant/stores/:storeId': { roles: 'setup', ids: { storeId: 'store' }, body: () => ({ name: '改名' }) },
  'GET /merchant/stores/:storeId/terminals': { roles: 'operate', ids: { storeId: 'store' } },
  'POST /merchant/stores/:storeId/terminals': { roles: 'operate', ids: { storeId: 'store' }, body: () => ({ name: 'X9' }) },
  'GET /merchant/terminals/:terminalId': { roles: 'operate', ids: { terminalId: 'terminal' } },
  'PATCH /merchant/terminals/:terminalId': { roles: 'operate', ids: { terminalId: 'terminal' }, body: () => ({ name: 'X9' }) },
  'POST /merchant/terminals/:terminalId/disable': { roles: 'operate', ids: { terminalId: 'terminal' } },
  'POST /merchant/terminals/:terminalId/enable': { roles: 'operate', ids: { terminalId: 'terminal' } },
  'POST /merchant/terminals/:terminalId/revoke': { roles: 'operate', ids: { terminalId: 'terminal' } },
  'POST /merchant/terminals/:terminalId/pairing-code': { roles: 'operate', ids: { terminalId: 'terminal' } },
  'GET /merchant/audit': { roles: 'setup', query: (t) => `storeId=${t.store}` },
  'GET /merchant/security-alerts': { roles: 'setup' },
  'GET /merchant/campaigns': { roles: 'read' },
  'POST /merchant/campaigns': { roles: 'operate', body: (t) => ({ kind: 'cash', title: 'x', storeIds: [t.store] }) },
  'GET /merchant/campaigns/:id': { roles: 'read', ids: { id: 'campaign' } },
  'POST /merchant/campaigns/:id': { roles: 'operate', ids: { id: 'campaign' }, body: () => ({ title: '改名' }) },
  'POST /merchant/campaigns/:id/publish': { roles: 'operate', ids: { id: 'campaign' } },
  'POST /merchant/campaigns/:id/end': { roles: 'operate', ids: { id: 'campaign' } },
  'POST /merchant/campaigns/:id/pause': { roles: 'operate', ids: { id: 'campaign' } },
  'POST /merchant/campaigns/:id/resume': { roles: 'operate', ids: { id: 'campaign' } },
  'GET /merchant/campaigns/:id/stats': { roles: 'read', ids: { id: 'campaign' } },
  'GET /merchant/campaigns/:id/calendar': { roles: 'read', ids: { id: 'campaign' }, query: () => `month=${today.slice(0, 7)}` },
  'POST /merchant/campaigns/:id/vouchers': { roles: 'operate', ids: { id: 'campaign' }, body: () => ({ requestId: randomUUID(), phone: '13900000000', count: 1 }) },
  'POST /merchant/campaigns/:id/settle': { roles: 'operate', ids: { id: 'campaign' } },
  'GET /merchant/campaigns/:id/settlement': { roles: 'read', ids: { id: 'campaign' } },
  'POST /merchant/vouchers/:id/void': { roles: 'operate', ids: { id: 'voucher' }, body: () => ({ reason: '矩阵' }) },
  'GET /merchant/support/orders/:ref': { roles: 'support', ids: { ref: 'orderRef' } },
  'POST /merchant/support/voucher-lookup': { roles: 'support', body: (_t, _o, s) => ({ code: s.code }) },
  'GET /merchant/support/search': { roles: 'support', query: (t) => `campaignId=${t.campaign}&phoneLast4=0001` },
  'POST /merchant/support/phone-lookup': { roles: 'support', body: (_t, _o, s) => ({ phone: s.phone }) },
  'GET /merchant/support/vouchers/:id/history': { roles: 'support', ids: { id: 'voucher' } },
  'GET /merchant/support/notifications/:id': { roles: 'support', ids: { id: 'notification' } },
  'POST /merchant/support/vouchers/:id/resend': { roles: 'support', ids: { id: 'voucher' } },
  'POST /merchant/support/vouchers/:id/resend-target': { roles: 'setup', ids: { id: 'voucher' }, body: () => ({ reason: '顾客换号' }) },
  'PUT /merchant/catalog': { roles: 'setup' },
  'GET /merchant/counter-settings': { roles: 'operate' },
  'PUT /merchant/counter-settings': { roles: 'setup' },
  'GET /merchant/stores/:storeId/terminal-users': { roles: 'operate', ids: { storeId: 'store' } },
  'POST /merchant/stores/:storeId/terminal-users': { roles: 'operate', ids: { storeId: 'store' }, body: () => ({ name: '矩阵', role: 'cashier', pin: '1357' }) },
  'POST /merchant/terminal-users/:id/pin': { roles: 'operate', ids: { id: 'terminalUser' }, body: () => ({ pin: '9753' }) },
  'POST /merchant/terminal-users/:id/role': { roles: 'operate', ids: { id: 'terminalUser' }, body: () => ({ role: 'manager' }) },
  'POST /merchant/terminal-users/:id/disable': { roles: 'operate', ids: { id: 'terminalUser' } },
  'POST /merchant/terminal-users/:id/enable': { roles: 'operate', ids: { id: 'terminalUser' } },
  'GET /merchant/members.csv': { roles: 'read' },
  'GET /merchant/members': { roles: 'anyone', query: (t) => `q=${t.member}` },
  'GET /merchant/members/:id': { roles: 'anyone', ids: { id: 'member' } },
  'GET /merchant/members/:id/sales': { roles: 'anyone', ids: { id: 'member' } },
  'GET /merchant/members/:id/redemptions': { roles: 'anyone', ids: { id: 'member' } },
  'GET /merchant/members/:id/points': { roles: 'anyone', ids: { id: 'member' } },
  'PUT /merchant/members/:id/tags': { roles: 'operate', ids: { id: 'member' }, body: () => ({ tags: ['矩阵'] }) },
  'GET /merchant/shifts/:id/report': { roles: 'read', ids: { id: 'shift' } },
  'GET /merchant/vouchers/:voucherId/leases': { roles: 'operate', ids: { voucherId: 'voucher' } },
  'POST /merchant/vouchers/:voucherId/lease': { roles: 'operate', ids: { voucherId: 'voucher' }, body: (t) => ({ storeId: t.store2 }) },
  'POST /merchant/leases/:leaseId/revoke': { roles: 'operate', ids: { leaseId: 'lease' } },
  'GET /merchant/stores/:storeId/offline-policy': { roles: 'operate', ids: { storeId: 'store' } },
  'PUT /merchant/stores/:storeId/offline-policy': {
    roles: 'setup',
    ids: { storeId: 'store' },
    body: () => ({ provisionalEnabled: false, maxCountPerTerminal: 1, maxValueFenPerTerminal: 1, maxOfflineHours: 1, managerPinAboveFen: 1, reverseWindowMinutes: 1 }),
  },
  'PUT /merchant/stores/:storeId/managers/:userId': { roles: 'setup', ids: { storeId: 'store', userId: 'user' }, body: () => ({ pin: '1357' }) },
  'DELETE /merchant/stores/:storeId/managers/:userId': { roles: 'setup', ids: { storeId: 'store', userId: 'user' } },
  'GET /merchant/conflicts': { roles: 'operate', query: (t) => `status=all&storeId=${t.store}` },
  'POST /merchant/conflicts/:redemptionId/resolve': { roles: 'operate', ids: { redemptionId: 'conflict' }, body: () => ({ decision: 'accept_loss', note: '矩阵' }) },
  'GET /merchant/dashboard': { roles: 'read', query: (t) => `storeId=${t.store}` },
  'GET /merchant/redemptions': { roles: 'read', query: (t) => `storeId=${t.store}` },
  'GET /merchant/settlement/daily': { roles: 'read', query: (t) => `from=${today}&to=${today}&storeId=${t.store}&campaignId=${t.campaign}` },
  'GET /merchant/settlement/export.csv': { roles: 'read', query: (t) => `from=${today}&to=${today}&campaignId=${t.campaign}` },
  'POST /merchant/live/ticket': { roles: 'read' },
  // The event stream takes a one-use ticket from /live/ticket, not a session (tested in live-panel).
  'GET /merchant/live/events': { roles: 'public' },
  'GET /merchant/channels': { roles: 'setup' },
  'POST /merchant/channels': { roles: 'setup', body: () => ({ channel: 'douyin' }) },
  'POST /merchant/channels/:channel/rotate': { roles: 'setup', ids: { channel: 'channel' as IdKey } },
};

/**
 * Terminal and public routes: `terminal` rows are tried below with the other merchant's (and the
 * other store's) ids; the rest say why they take no merchant's ids from a caller.
 */
const OTHER_ROUTES: Record<string, 'terminal' | 'public' | 'signed' | 'stream'> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/init.js': 'public',
  'POST /terminals/pair': 'public',
  'GET /terminals/me': 'terminal',
  'POST /vouchers/prepare': 'terminal',
  'POST /vouchers/redeem': 'terminal',
  'GET /redemptions/:id': 'terminal',
  'POST /terminal/pin-check': 'terminal',
  // A buyer's reservation names a published campaign, which is public by design.
  'POST /flash-sales/:campaignId/orders': 'public',
  'POST /channels/:channel/events': 'signed',
  'GET /merchant-keys': 'terminal',
  'POST /notifications/callbacks/:provider': 'signed',
  'POST /notifications/resend': 'terminal',
  'POST /sync/push': 'terminal',
  'GET /sync/pull': 'terminal',
  // Nudges only ("pull now"), no rows; opened with the terminal's own token.
  'GET /sync/events': 'stream',
};

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

let running: BackofficeServer;

/** Every `METHOD /path` on the app, found by walking the router stack. */
function allRoutes(): string[] {
  const app = createApp({ db: running.server.db, logger: running.server.logger });
  const found: string[] = [];
  const walk = (stack: readonly Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

/** A fresh id of the same shape as `id` (UUID or the server's own ids), naming nothing. */
const unknownLike = (id: string) => (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id) ? randomUUID() : newId());

describe.each(BACKENDS)('cross-merchant authorisation matrix (%s)', (kind) => {
  let a: MatrixMerchant;
  let b: MatrixMerchant;
  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    a = await merchantWithEverything(running.server, 'a');
    b = await merchantWithEverything(running.server, 'b');
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
  });

  /** Every string of merchant A that no answer to B may contain. */
  const markersOf = (m: MatrixMerchant): string[] => [
    m.merchant.id,
    ...Object.entries(m.ids).filter(([key]) => key !== 'channel').map(([, v]) => v),
    ...Object.values(m.users).map((u) => u.login),
    m.secrets.code,
    m.secrets.store1Code,
    m.secrets.phone,
    m.secrets.phone.slice(-4).padStart(11, '*').slice(3),
    m.secrets.channelSecret,
    ...m.secrets.names,
  ];
  const leaked = (res: ApiResponse, markers: string[]) => {
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    return markers.filter((marker) => text.includes(marker));
  };

  it('has a row for every route, and a route for every row', () => {
    const routes = allRoutes();
    const rows = { ...MERCHANT_ROUTES, ...OTHER_ROUTES };
    expect(routes.filter((r) => !(r in rows)), 'routes with no row in the matrix').toEqual([]);
    expect(Object.keys(rows).filter((r) => !routes.includes(r)), 'rows with no route').toEqual([]);
  });

  it('lets no user of merchant B read or change anything of merchant A, whatever the role and route', async () => {
    const before = await merchantRows(running.server.db, a.merchant.id);
    const markers = markersOf(a).filter((m) => m.length >= 6);
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(MERCHANT_ROUTES)) {
      if (row.roles === 'public') continue;
      const [method = 'GET', pattern = ''] = route.split(' ');
      const params = [...pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      const idOf = (ids: Ids, name: string): string => {
        const key = row.ids?.[name];
        if (key === ('channel' as IdKey)) return 'douyin';
        const value = key ? ids[key] : undefined;
        if (!value) throw new Error(`${route}: no id for :${name}`);
        return value;
      };
      const pathWith = (pick: (name: string) => string) => pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(pick(name)));
      const query = row.query ? `?${row.query(a.ids)}` : '';
      const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(row.body?.(a.ids, b.ids, a.secrets) ?? {});
      const allowed: readonly string[] = MERCHANT_ROLES[row.roles];
      for (const role of MATRIX_ROLES) {
        const client = b.clients[role];
        const foreign = await client.request(method, `${pathWith((n) => idOf(a.ids, n))}${query}`, body, 'application/json');
        const answer = `${foreign.status} ${errorCode(foreign) ?? ''}`.trim();
        const where = `${route} as B's ${role}`;
        if (foreign.status >= 500) wrong.push(`${where}: ${answer}`);
        const seen = leaked(foreign, markers);
        if (seen.length > 0) wrong.push(`${where}: answer shows A's ${seen.join(', ')}`);
        if (!allowed.includes(role)) {
          if (answer !== '403 FORBIDDEN') wrong.push(`${where}: ${answer}, expected 403 FORBIDDEN`);
          continue;
        }
        if (params.length === 0 || route === 'POST /merchant/channels/:channel/rotate') continue;
        // A's id must get exactly what an id that names nothing gets: a 4xx, never a hint it exists.
        const missing = await client.request(method, `${pathWith((n) => (n === 'channel' ? 'nochannel' : unknownLike(idOf(a.ids, n))))}${query}`, body, 'application/json');
        const missingAnswer = `${missing.status} ${errorCode(missing) ?? ''}`.trim();
        if (answer !== missingAnswer || foreign.status < 400) wrong.push(`${where}: A's id → ${answer}, unknown id → ${missingAnswer}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await merchantRows(running.server.db, a.merchant.id)).toEqual(before);
  }, 120_000);

  it('answers an unknown id under every id-bearing GET route with a 404 and a code, never an empty 200', async () => {
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(MERCHANT_ROUTES)) {
      if (row.roles === 'public' || !route.startsWith('GET ') || !row.ids) continue;
      const pattern = route.slice(4);
      const path = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => unknownLike(a.ids[row.ids![name]!]));
      const res = await a.clients.owner.get(`${path}${row.query ? `?${row.query(a.ids)}` : ''}`);
      const own = await a.clients.owner.get(`${pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => a.ids[row.ids![name]!])}${row.query ? `?${row.query(a.ids)}` : ''}`);
      if (res.status !== 404 || !errorCode(res)?.endsWith('NOT_FOUND')) wrong.push(`${route}: unknown id → ${res.status} ${errorCode(res) ?? ''}`);
      if (own.status !== 200) wrong.push(`${route}: A's own id → ${own.status} ${errorCode(own) ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets a terminal reach only its own merchant and store', async () => {
    const before = await merchantRows(running.server.db, a.merchant.id);
    const aMarkers = markersOf(a).filter((m) => m.length >= 6);
    const store1Only = [a.ids.store1Voucher, a.secrets.store1Code, a.ids.terminalUser, a.ids.shift, a.ids.conflict, a.ids.redemption];
    const foreign = b.tills.store1;
    const otherStore = a.tills.store2;
    const wrong: string[] = [];
    const check = (what: string, res: ApiResponse, markers: string[], expected?: string) => {
      const answer = `${res.status} ${errorCode(res) ?? ''}`.trim();
      if (res.status >= 500) wrong.push(`${what}: ${answer}`);
      if (expected !== undefined && answer !== expected) wrong.push(`${what}: ${answer}, expected ${expected}`);
      const seen = leaked(res, markers);
      if (seen.length > 0) wrong.push(`${what}: shows ${seen.join(', ')}`);
    };

    check('B /terminals/me', await foreign.client.get('/terminals/me'), aMarkers);
    check('B /merchant-keys', await foreign.client.get('/merchant-keys'), aMarkers);
    const prepare = { code: a.secrets.code, count: 1 };
    check('B prepares A’s code', await foreign.client.post('/vouchers/prepare', prepare), aMarkers, '404 VOUCHER_NOT_FOUND');
    const redeem = { redemptionId: randomUUID(), code: a.secrets.code, count: 1, deviceTime: new Date().toISOString(), cashierId: 'cashier-1' };
    check('B redeems A’s code', await foreign.client.post('/vouchers/redeem', redeem), aMarkers, '404 VOUCHER_NOT_FOUND');
    check('B reads A’s redemption', await foreign.client.get(`/redemptions/${a.ids.redemption}`), aMarkers, '404 REDEMPTION_NOT_FOUND');
    check('store 2 reads store 1’s redemption', await otherStore.client.get(`/redemptions/${a.ids.redemption}`), store1Only, '404 REDEMPTION_NOT_FOUND');
    check('B checks A’s counter PIN', await foreign.client.post('/terminal/pin-check', { userId: a.ids.terminalUser, pin: '1234' }), aMarkers, '403 PIN_INVALID');
    check('store 2 checks store 1’s counter PIN', await otherStore.client.post('/terminal/pin-check', { userId: a.ids.terminalUser, pin: '1234' }), store1Only, '403 PIN_INVALID');
    check('B resends A’s voucher', await foreign.client.post('/notifications/resend', { voucherId: a.ids.voucher }), aMarkers, '404 VOUCHER_NOT_FOUND');
    const pushed = await foreign.push([foreign.redeem(a.secrets.code), foreign.entry('shift.close@1', { shiftId: a.ids.shift, counts: [], closedBy: 'x', approval: null, provisional: false })]);
    check('B pushes A’s code and shift', pushed, aMarkers);
    const pushedAtStore2 = await otherStore.push([otherStore.redeem(a.secrets.store1Code)]);
    check('store 2 pushes a store-1-only code', pushedAtStore2, [a.ids.store1Voucher, a.ids.shift]);
    const pulled = await foreign.pullAll();
    check('B pulls', { status: 200, headers: new Headers(), body: pulled.changes }, aMarkers);
    const pulledAtStore2 = await otherStore.pullAll();
    check('store 2 pulls', { status: 200, headers: new Headers(), body: pulledAtStore2.changes }, [a.ids.store1Voucher, a.secrets.store1Code, a.ids.terminalUser, a.ids.shift]);

    expect(wrong).toEqual([]);
    const after = await merchantRows(running.server.db, a.merchant.id);
    // Store 2's push and pull are A's own: they may touch its device rows and ledger, never store 1's.
    for (const table of ['device_sequences', 'push_results', 'redemptions', 'redemption_conflicts', 'terminals', 'vouchers', 'audit_log', 'change_log', 'leases']) {
      delete after[table];
      delete before[table];
    }
    expect(after).toEqual(before);
  }, 60_000);
});
