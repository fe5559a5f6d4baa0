import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedWebhookHeaders } from '../../../server/notifications/webhook-signature';
import { addMerchantUser } from '../../../server/repositories/backoffice/merchant-user-setup';
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
  it('never contain a password, a PIN, a session token, a channel secret or a webhook signature, whatever fails', async () => {
    const anonymous = new ApiClient(server);
    const password = 'log-probe-password-1';
    const pin = '975310';
    const owner = await addMerchantUser(server.db, world.merchant.id, { login: `logprobe${process.pid}@main.test`, name: '店主', role: 'owner', password });
    const merchant = (await server.db.kysely.selectFrom('merchants').select('code').where('merchant_id', '=', world.merchant.id).executeTakeFirstOrThrow()).code;
    const wrongPassword = 'log-probe-wrong-pass-2';
    await anonymous.post('/merchant/login', { merchant, login: owner.login, password: wrongPassword });
    const signedIn = await anonymous.post<{ token: string }>('/merchant/login', { merchant, login: owner.login, password });
    const office = anonymous.withToken(signedIn.body.token);
    const newPassword = 'log-probe-new-pass-3';
    await office.post('/merchant/me/password', { currentPassword: wrongPassword, newPassword });
    const user = await office.post<{ id: string }>(`/merchant/stores/${world.stores.a.id}/terminal-users`, { name: '探针', role: 'manager', pin });
    const { code: pairingCode } = await mintPairingCode(server.db, world.terminals.a2.id);
    const paired = await anonymous.post<{ token: string }>('/terminals/pair', { pairingCode });
    const pos = anonymous.withToken(paired.body.token);
    await pos.post('/terminal/pin-check', { userId: user.body.id, pin: '864209' });
    await pos.post('/terminal/pin-check', { userId: user.body.id, pin });
    const channel = await office.post<{ secret: string }>('/merchant/channels', { channel: 'douyin' });
    const body = JSON.stringify({ eventId: 'log-probe', type: 'order.paid', order: {} });
    const ts = Math.floor(Date.now() / 1000);
    const good = signedWebhookHeaders(channel.body.secret, ts, body);
    const forged = signedWebhookHeaders('log-probe-forged-secret-4', ts, body);
    for (const headers of [good, forged]) {
      await fetch(`${server.url}/api/v1/channels/douyin/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hexiao-merchant': world.merchant.id, ...headers }, body });
    }
    const voucher = await world.issue(world.campaigns.bothStores);
    await office.post('/merchant/support/voucher-lookup', { code: voucher.code });
    await office.post(`/merchant/support/vouchers/${voucher.id}/resend-target`, { reason: 'log probe' });
    await office.post('/merchant/logout', {});

    const log = lines.join('');
    expect(log).toContain('merchant user signed in');
    const secrets = [password, wrongPassword, newPassword, pin, signedIn.body.token, paired.body.token, pairingCode, channel.body.secret, voucher.code, ...Object.values(good), ...Object.values(forged)];
    for (const secret of secrets.filter((x) => x.length >= 6 && !/^\d{10}$/.test(x))) expect(log, secret).not.toContain(secret);
  });
});
