import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVoucherCode } from '../../../core/voucher-code';
import { mintPairingCode } from '../../../server/repositories/pairing-repository';
import { secureRandomBytes } from '../../../server/security/secrets';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient, errorCode } from '../../support/server/api-client';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { buildWorld, pairedClient, type World } from '../../support/server/world';

const MINUTE = 60_000;

describe.each(BACKENDS)('guessing protection (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let world: World;
  let skewMs = 0; // the server's clock, moved forward by the test

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({
      ...backend.options,
      port: 0,
      demo: false,
      logLevel: 'silent',
      now: () => new Date(Date.now() + skewMs),
    });
    world = await buildWorld(server.db);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('locks a terminal out at its 10th unknown code in an hour, then lets it back after 5 minutes', async () => {
    const guesser = await pairedClient(server, world.terminals.a1.id);
    const neighbour = await pairedClient(server, world.terminals.b1.id);
    const real = await world.issue(world.campaigns.bothStores);

    for (let i = 0; i < 10; i++) {
      const code = generateVoucherCode(secureRandomBytes);
      const res = i % 2 ? await guesser.post('/vouchers/prepare', { code }) : await guesser.post('/vouchers/redeem', {
        cashierId: 'cashier-1',
        redemptionId: randomUUID(),
        code,
        count: 1,
        deviceTime: new Date().toISOString(),
      });
      expect(errorCode(res)).toBe('VOUCHER_NOT_FOUND');
    }
    const locked = await guesser.post('/vouchers/prepare', { code: real.code });
    expect([locked.status, errorCode(locked)]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const lockedRedeem = await guesser.post('/vouchers/redeem', {
      cashierId: 'cashier-1',
      redemptionId: randomUUID(),
      code: real.code,
      count: 1,
      deviceTime: new Date().toISOString(),
    });
    expect(errorCode(lockedRedeem)).toBe('RATE_LIMITED');

    expect((await neighbour.post('/vouchers/prepare', { code: real.code })).status).toBe(200);

    skewMs += 6 * MINUTE;
    expect((await guesser.post('/vouchers/prepare', { code: real.code })).status).toBe(200);
  });

  it('does not count typos the terminal catches itself', async () => {
    const careful = await pairedClient(server, world.terminals.a2.id);
    const real = await world.issue(world.campaigns.bothStores);
    for (let i = 0; i < 30; i++) {
      expect(errorCode(await careful.post('/vouchers/prepare', { code: '123456789012' }))).toBe('CODE_CHECK_DIGIT');
    }
    expect((await careful.post('/vouchers/prepare', { code: real.code })).status).toBe(200);
  });

  it('locks out a client that keeps guessing pairing codes', async () => {
    const anonymous = new ApiClient(server);
    for (let i = 0; i < 10; i++) {
      expect(errorCode(await anonymous.post('/terminals/pair', { pairingCode: 'ABCD-EFGH' }))).toBe('PAIRING_CODE_INVALID');
    }
    const { code } = await mintPairingCode(server.db, world.other.terminal.id, { ttlMs: 60 * MINUTE });
    const locked = await anonymous.post('/terminals/pair', { pairingCode: code });
    expect([locked.status, errorCode(locked)]).toEqual([429, 'RATE_LIMITED']);

    skewMs += 6 * MINUTE;
    expect((await anonymous.post('/terminals/pair', { pairingCode: code })).status).toBe(200);
  });
});
