import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintPairingCode } from '../../../server/repositories/pairing-repository';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { buildWorld, type World } from '../../support/server/world';

describe.each(BACKENDS)('logs (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;
  const lines: string[] = [];

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({
      ...backend.options,
      port: 0,
      demo: false,
      logLevel: 'trace',
      logDestination: { write: (line: string) => void lines.push(line) },
    });
    world = await buildWorld(server.db);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('never contain a full voucher code, a token or a pairing code', async () => {
    const anonymous = new ApiClient(server);
    const { code: pairingCode } = await mintPairingCode(server.db, world.terminals.a1.id);
    const paired = await anonymous.post<{ token: string }>('/terminals/pair', { pairingCode });
    const pos = anonymous.withToken(paired.body.token);
    const voucher = await world.issue(world.campaigns.bothStores);
    const unknown = '123456789018';
    await pos.post('/vouchers/prepare', { code: voucher.code });
    await pos.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: voucher.code, count: 1, deviceTime: new Date().toISOString() });
    await pos.post('/vouchers/redeem', { cashierId: 'cashier-1', redemptionId: randomUUID(), code: unknown, count: 1, deviceTime: new Date().toISOString() });
    await pos.request('POST', '/vouchers/redeem', `{"code":"${voucher.code}"`, 'application/json');
    await anonymous.post('/terminals/pair', { pairingCode });

    const log = lines.join('');
    expect(log).toContain('voucher redeemed');
    expect(log).toContain(`**** **** ${voucher.code.slice(-4)}`);
    expect(log).toContain('terminal paired');
    for (const secret of [voucher.code, unknown, paired.body.token, pairingCode, pairingCode.replace('-', '')]) {
      expect(log).not.toContain(secret);
    }
  });
});
