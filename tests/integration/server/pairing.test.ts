import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintPairingCode } from '../../../server/repositories/pairing-repository';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { snapshot } from '../../support/server/db-state';
import { buildWorld, type World } from '../../support/server/world';

interface Paired {
  token: string;
  terminal: { id: string; name: string };
  store: { id: string; name: string };
  merchant: { id: string; name: string; timeZone: string };
}

describe.each(BACKENDS)('terminal pairing (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;
  let anonymous: ApiClient;

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent' });
    world = await buildWorld(server.db);
    anonymous = new ApiClient(server);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('trades a code for a token once, and the token identifies the terminal', async () => {
    const { code } = await mintPairingCode(server.db, world.terminals.b1.id);
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);

    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    const res = await anonymous.post<Paired>('/terminals/pair', { pairingCode: typed });
    expect(res.status).toBe(200);
    const expected = {
      terminal: { id: world.terminals.b1.id, name: 'B1' },
      store: { id: world.stores.b.id, name: 'B 店' },
      merchant: { id: world.merchant.id, name: '测试商户', timeZone: 'Asia/Shanghai' },
    };
    expect(res.body).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), ...expected });
    expect((await anonymous.withToken(res.body.token).get('/terminals/me')).body).toEqual(expected);

    const row = await server.db.kysely
      .selectFrom('terminals')
      .selectAll()
      .where('id', '=', world.terminals.b1.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(res.body.token);
    expect(row.pairing_code_hash).toBeNull();

    const before = await snapshot(server.db);
    const again = await anonymous.post('/terminals/pair', { pairingCode: code });
    expect([again.status, errorCode(again)]).toEqual([401, 'PAIRING_CODE_INVALID']);
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('refuses wrong, malformed and expired codes without changing anything', async () => {
    const expired = await mintPairingCode(server.db, world.terminals.a2.id, {
      now: new Date(Date.now() - 3_600_000),
      ttlMs: 60_000,
    });
    const before = await snapshot(server.db);
    for (const pairingCode of [expired.code, 'ABCD-EFGH', 'ABCD-EFG0', '12']) {
      const res = await anonymous.post('/terminals/pair', { pairingCode });
      expect([res.status, errorCode(res)]).toEqual([401, 'PAIRING_CODE_INVALID']);
    }
    const bad = await anonymous.post('/terminals/pair', { code: 'ABCD-EFGH' });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('replaces the old token when a terminal pairs again', async () => {
    const first = await anonymous.post<Paired>('/terminals/pair', {
      pairingCode: (await mintPairingCode(server.db, world.terminals.a1.id)).code,
    });
    const oldClient = anonymous.withToken(first.body.token);
    expect((await oldClient.get('/terminals/me')).status).toBe(200);

    const { code } = await mintPairingCode(server.db, world.terminals.a1.id);
    expect((await oldClient.get('/terminals/me')).status).toBe(200); // a minted code alone revokes nothing
    const second = await anonymous.post<Paired>('/terminals/pair', { pairingCode: code });
    expect(second.status).toBe(200);
    expect(second.body.token).not.toBe(first.body.token);
    expect(errorCode(await oldClient.get('/terminals/me'))).toBe('UNAUTHORIZED');
    expect((await anonymous.withToken(second.body.token).get('/terminals/me')).status).toBe(200);
  });

  it('records pairing in the audit log', async () => {
    const { code } = await mintPairingCode(server.db, world.other.terminal.id);
    await anonymous.post('/terminals/pair', { pairingCode: code });
    const actions = await server.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'merchant_id', 'details'])
      .where('subject_id', '=', world.other.terminal.id)
      .orderBy('id')
      .execute();
    expect(actions).toEqual([
      { action: 'terminal.pairing_code_minted', merchant_id: world.other.merchant.id, details: '{}' },
      { action: 'terminal.pair', merchant_id: world.other.merchant.id, details: '{}' },
    ]);
  });
});
