import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMINAL_REPORT_HEADERS } from '../../../core/terminal-report';
import { createHttpSyncTransport } from '../../../renderer/sync/sync-transport';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { auditRows, startSignedInBackoffice } from './support/backoffice-world';

interface TerminalBody {
  id: string;
  storeId: string;
  name: string;
  status: string;
  disabled: boolean;
  pairingExpiresAt: string | null;
  lastSeenAt: string | null;
  lastSyncAt: string | null;
  pendingOutbox: number | null;
  appVersion: string | null;
}
interface PairingBody {
  code: string;
  expiresAt: string;
  ttlMinutes: number;
  qrPayload: string;
}

describe.each(BACKENDS)('back-office tills (%s)', (kind) => {
  let ctx: Awaited<ReturnType<typeof startSignedInBackoffice>>;
  let anonymous: ApiClient;
  beforeAll(async () => {
    ctx = await startSignedInBackoffice(kind);
    anonymous = new ApiClient(ctx.running.server);
  });
  afterAll(async () => {
    await ctx?.running.stop();
  });

  const mint = (client: ApiClient, terminalId: string) => client.post<PairingBody>(`/merchant/terminals/${terminalId}/pairing-code`, {});
  const pair = async (code: string) => {
    const res = await anonymous.post<{ token: string }>('/terminals/pair', { pairingCode: code });
    expect(res.status).toBe(200);
    return anonymous.withToken(res.body.token);
  };

  it('adds a second till to a store, pairs both with codes from the back office, and lists them', async () => {
    const { owner, world } = ctx;
    const added = await owner.post<TerminalBody>(`/merchant/stores/${world.stores.a.id}/terminals`, { name: ' A2 ' });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ storeId: world.stores.a.id, name: 'A2', status: 'unpaired', disabled: false, lastSeenAt: null });

    const code = await mint(owner, added.body.id);
    expect(code.status).toBe(200);
    expect(code.body.ttlMinutes).toBe(15);
    expect(Date.parse(code.body.expiresAt) - ctx.running.clock.now().getTime()).toBeLessThanOrEqual(15 * 60_000);
    const qr = new URL(code.body.qrPayload);
    expect(qr.protocol).toBe('hexiao-pair:');
    expect(qr.searchParams.get('code')).toBe(code.body.code);
    expect(qr.searchParams.get('server')).toBe(ctx.running.server.url);
    expect((await owner.get<TerminalBody>(`/merchant/terminals/${added.body.id}`)).body.pairingExpiresAt).toBe(code.body.expiresAt);

    const a2 = await pair(code.body.code);
    const a1 = await pair((await mint(owner, world.terminal.id)).body.code);
    expect((await a2.get<{ terminal: { id: string } }>('/terminals/me')).body.terminal.id).toBe(added.body.id);
    expect((await a1.get<{ terminal: { id: string } }>('/terminals/me')).body.terminal.id).toBe(world.terminal.id);

    const list = await owner.get<{ items: TerminalBody[] }>(`/merchant/stores/${world.stores.a.id}/terminals`);
    expect(list.body.items.map((t) => [t.name, t.status])).toEqual([
      ['A1', 'paired'],
      ['A2', 'paired'],
    ]);
    const audit = (await auditRows(ctx.running.server.db, world.merchant.id)).filter((r) => r.subject_id === added.body.id);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['terminal.create', 'terminal.pairing_code_minted', 'terminal.pair']));
    expect(JSON.stringify(audit)).not.toContain(code.body.code);
  });

  it('re-pairs a till whose browser data was cleared: the new token works, the old one stops at once', async () => {
    const { owner, world } = ctx;
    const old = await pair((await mint(owner, world.terminalB.id)).body.code);
    expect((await old.get('/terminals/me')).status).toBe(200); // now in the token cache
    const fresh = await pair((await mint(owner, world.terminalB.id)).body.code);
    expect((await fresh.get('/terminals/me')).status).toBe(200);
    const refused = await old.get('/terminals/me');
    expect([refused.status, errorCode(refused)]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('revokes a till: its cached token is refused at once and only a new code pairs it again', async () => {
    const { owner, world } = ctx;
    const till = await owner.post<TerminalBody>(`/merchant/stores/${world.stores.b.id}/terminals`, { name: 'B2' });
    const device = await pair((await mint(owner, till.body.id)).body.code);
    expect((await device.get('/terminals/me')).status).toBe(200);
    const unused = await mint(owner, till.body.id);

    const revoked = await owner.post<TerminalBody>(`/merchant/terminals/${till.body.id}/revoke`, {});
    expect(revoked.body).toMatchObject({ status: 'revoked', pairingExpiresAt: null });
    expect((await device.get('/terminals/me')).status).toBe(401);
    expect(errorCode(await anonymous.post('/terminals/pair', { pairingCode: unused.body.code }))).toBe('PAIRING_CODE_INVALID');

    const again = await pair((await mint(owner, till.body.id)).body.code);
    expect((await again.get('/terminals/me')).status).toBe(200);
    expect((await owner.get<TerminalBody>(`/merchant/terminals/${till.body.id}`)).body.status).toBe('paired');
  });

  it('disables and enables a till (its token refused with TERMINAL_DISABLED meanwhile); a disabled till gets no pairing code; renames it', async () => {
    const { owner, world } = ctx;
    const till = await owner.post<TerminalBody>(`/merchant/stores/${world.stores.b.id}/terminals`, { name: 'B3' });
    const device = await pair((await mint(owner, till.body.id)).body.code);
    expect((await device.get('/terminals/me')).status).toBe(200);

    expect((await owner.post<TerminalBody>(`/merchant/terminals/${till.body.id}/disable`, {})).body.status).toBe('disabled');
    // Refused with its own code, so the POS keeps its pairing and works again once enabled.
    for (const res of [await device.get('/terminals/me'), await device.post('/vouchers/redeem', { code: '000000000000', count: 1, redemptionId: 'x' })]) {
      expect([res.status, errorCode(res)]).toEqual([409, 'TERMINAL_DISABLED']);
    }
    const refused = await mint(owner, till.body.id);
    expect([refused.status, errorCode(refused)]).toEqual([409, 'TERMINAL_DISABLED']);

    expect((await owner.post<TerminalBody>(`/merchant/terminals/${till.body.id}/enable`, {})).body.status).toBe('paired');
    expect((await device.get('/terminals/me')).status).toBe(200);

    const renamed = await owner.request<TerminalBody>('PATCH', `/merchant/terminals/${till.body.id}`, JSON.stringify({ name: '收银 3' }), 'application/json');
    expect(renamed.body.name).toBe('收银 3');
    expect((await device.get<{ terminal: { name: string } }>('/terminals/me')).body.terminal.name).toBe('收银 3');
    const bad = await owner.request('PATCH', `/merchant/terminals/${till.body.id}`, JSON.stringify({ name: '' }), 'application/json');
    expect([bad.status, errorCode(bad)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('keeps what a till reports on sync: last seen, last sync, pending outbox, app version', async () => {
    const { owner, world } = ctx;
    const till = await owner.post<TerminalBody>(`/merchant/stores/${world.stores.b.id}/terminals`, { name: 'B4' });
    const device = await pair((await mint(owner, till.body.id)).body.code);
    const res = await fetch(`${ctx.running.server.url}/api/v1/sync/pull?limit=10`, {
      headers: {
        authorization: `Bearer ${device.token ?? ''}`,
        [TERMINAL_REPORT_HEADERS.pendingOutbox]: '7',
        [TERMINAL_REPORT_HEADERS.appVersion]: '0.1.0',
      },
    });
    expect(res.status).toBe(200);
    await res.text();
    let seen: TerminalBody | undefined;
    for (let i = 0; i < 50 && !seen?.lastSyncAt; i++) {
      seen = (await owner.get<TerminalBody>(`/merchant/terminals/${till.body.id}`)).body;
      if (!seen.lastSyncAt) await new Promise((done) => setTimeout(done, 20));
    }
    expect(seen).toMatchObject({ pendingOutbox: 7, appVersion: '0.1.0', lastSeenAt: expect.any(String), lastSyncAt: expect.any(String) });

    // A later request without the headers keeps what was reported; a malformed one is ignored.
    await fetch(`${ctx.running.server.url}/api/v1/sync/pull?limit=10`, {
      headers: { authorization: `Bearer ${device.token ?? ''}`, [TERMINAL_REPORT_HEADERS.pendingOutbox]: '-3' },
    }).then((r) => r.text());
    expect((await owner.get<TerminalBody>(`/merchant/terminals/${till.body.id}`)).body).toMatchObject({ pendingOutbox: 7, appVersion: '0.1.0' });
  });

  it('gets the report from the POS sync transport, and lets a browser POS send it across origins', async () => {
    const { owner, world } = ctx;
    const till = await owner.post<TerminalBody>(`/merchant/stores/${world.stores.b.id}/terminals`, { name: 'B5' });
    const device = await pair((await mint(owner, till.body.id)).body.code);
    const transport = createHttpSyncTransport({
      baseUrl: ctx.running.server.url,
      token: device.token ?? '',
      report: () => ({ pendingOutbox: 4, appVersion: '9.9.9-beta' }),
    });
    expect((await transport.pull({ cursor: null, limit: 10 })).kind).toBe('ok');
    expect((await owner.get<TerminalBody>(`/merchant/terminals/${till.body.id}`)).body).toMatchObject({ pendingOutbox: 4, appVersion: '9.9.9-beta' });

    const preflight = await fetch(`${ctx.running.server.url}/api/v1/sync/pull`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:4173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-hexiao-outbox-pending,x-hexiao-app-version' },
    });
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    expect(allowed).toContain(TERMINAL_REPORT_HEADERS.pendingOutbox);
    expect(allowed).toContain(TERMINAL_REPORT_HEADERS.appVersion);
  });

  it('shows a manager only the tills of their stores; another merchant’s till is not found', async () => {
    const { owner, manager, otherOwner, world } = ctx;
    await owner.request('PUT', `/merchant/users/${world.manager.id}/stores`, JSON.stringify({ storeIds: [world.stores.b.id] }), 'application/json');
    expect((await manager.get(`/merchant/terminals/${world.terminalB.id}`)).status).toBe(200);
    for (const res of [
      await manager.get(`/merchant/terminals/${world.terminal.id}`),
      await manager.post(`/merchant/terminals/${world.terminal.id}/revoke`, {}),
      await otherOwner.get(`/merchant/terminals/${world.terminal.id}`),
      await otherOwner.post(`/merchant/terminals/${world.terminal.id}/pairing-code`, {}),
      await otherOwner.post(`/merchant/terminals/${world.terminal.id}/disable`, {}),
    ]) {
      expect([res.status, errorCode(res)]).toEqual([404, 'TERMINAL_NOT_FOUND']);
    }
    for (const res of [
      await manager.get(`/merchant/stores/${world.stores.a.id}/terminals`),
      await manager.post(`/merchant/stores/${world.stores.a.id}/terminals`, { name: 'x' }),
      await otherOwner.post(`/merchant/stores/${world.stores.a.id}/terminals`, { name: 'x' }),
    ]) {
      expect([res.status, errorCode(res)]).toEqual([404, 'STORE_NOT_FOUND']);
    }
    const t = await ctx.running.server.db.kysely.selectFrom('terminals').select(['disabled', 'token_hash']).where('id', '=', world.terminal.id).executeTakeFirstOrThrow();
    expect(Number(t.disabled)).toBe(0);
  });
});
