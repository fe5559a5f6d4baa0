import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVoucherCode } from '../../../core/voucher-code';
import { parseTrustedProxies, type TrustedProxies } from '../../../server/http/client-address';
import { DEFAULT_PUBLIC_RATE_LIMITS } from '../../../server/http/public-rate-limits';
import { secureRandomBytes } from '../../../server/security/secrets';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import type { ApiClient } from '../../support/server/api-client';
import { fixedTier } from '../../support/server/limit-tiers';
import { buildWorld, pairedClient, type World } from '../../support/server/world';

const HOUR = 60 * 60_000;

/**
 * Two server nodes on one database (PostgreSQL, or one SQLite file) behind a proxy on loopback
 * that both trust: what one node counts, the other sees.
 */
describe.each(BACKENDS)('limits shared by two nodes (%s)', (kind) => {
  let backend: TestBackend;
  let nodes: RunningServer[];
  let world: World;
  let tills: Record<'a1' | 'a2' | 'b1', ApiClient>;
  const clock = { at: Date.now() };

  beforeAll(async () => {
    backend = createBackend(kind);
    const trusted = parseTrustedProxies('127.0.0.0/8, ::1') as TrustedProxies;
    const options = {
      ...backend.options,
      port: 0,
      demo: false,
      logLevel: 'silent' as const,
      now: () => new Date(clock.at),
      trustedProxies: trusted,
      lookupLimits: { perTerminal: [fixedTier(6, HOUR)], perStore: [fixedTier(1000, HOUR)], perAddress: [fixedTier(8, HOUR)] },
      rateLimits: { ...DEFAULT_PUBLIC_RATE_LIMITS, flashSaleOrder: { limit: 6, windowMs: HOUR }, pairing: { limit: 4, windowMs: HOUR } },
    };
    const first = await startServer(options);
    nodes = [first, await startServer(options)];
    world = await buildWorld(first.db);
    // Paired now: pairing codes expire by the real clock, the test moves the servers' clock.
    tills = {
      a1: await pairedClient(first, world.terminals.a1.id),
      a2: await pairedClient(nodes[1]!, world.terminals.a2.id),
      b1: await pairedClient(nodes[1]!, world.terminals.b1.id),
    };
  });
  afterAll(async () => {
    for (const node of nodes ?? []) await node.stop();
    await backend?.cleanup();
  });

  const post = async (node: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${node.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await res.json()) as { error?: { code: string } };
    return { status: res.status, code: json.error?.code, retryAfter: res.headers.get('retry-after') };
  };
  const guess = () => ({ code: generateVoucherCode(secureRandomBytes) });

  it('counts a terminal’s guesses spread over both nodes once, locks it on both, and tells the merchant', async () => {
    const a1 = tills.a1;
    const bearer = { authorization: `Bearer ${a1.token!}`, 'x-forwarded-for': '203.0.113.1' };
    const real = await world.issue(world.campaigns.bothStores);
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) answers.push((await post(nodes[i % 2]!, '/vouchers/prepare', guess(), bearer)).code);
    expect(answers).toEqual(Array.from({ length: 6 }, () => 'VOUCHER_NOT_FOUND'));
    for (const node of nodes) {
      const locked = await post(node, '/vouchers/prepare', { code: real.code }, bearer);
      expect([locked.status, locked.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(locked.retryAfter)).toBe(3600);
    }
    // Its neighbour at the same store, from another address, still looks codes up.
    const a2 = tills.a2;
    expect((await post(nodes[0]!, '/vouchers/prepare', { code: real.code }, { authorization: `Bearer ${a2.token!}`, 'x-forwarded-for': '203.0.113.2' })).status).toBe(200);

    const alerts = await nodes[1]!.db.kysely.selectFrom('security_alerts').selectAll().where('merchant_id', '=', world.merchant.id).execute();
    expect(alerts.map((a) => [a.kind, a.subject])).toEqual([['code_guessing.locked', `terminal:${world.terminals.a1.id}`]]);
    clock.at += HOUR + 1;
  });

  it('counts guesses per client address across terminals and nodes, the address taken from the trusted proxy', async () => {
    const { a2, b1 } = tills;
    const from = (client: typeof a2, address: string) => ({ authorization: `Bearer ${client.token!}`, 'x-forwarded-for': `198.51.100.77, ${address}` });
    for (let i = 0; i < 8; i++) {
      const answer = await post(nodes[i % 2]!, '/vouchers/prepare', guess(), from(i < 4 ? a2 : b1, '203.0.113.9'));
      expect(answer.code).toBe('VOUCHER_NOT_FOUND');
    }
    // The address is locked whichever terminal and node it uses; the same terminals elsewhere are not.
    expect((await post(nodes[0]!, '/vouchers/prepare', guess(), from(b1, '203.0.113.9'))).code).toBe('RATE_LIMITED');
    expect((await post(nodes[1]!, '/vouchers/prepare', guess(), from(a2, '203.0.113.10'))).code).toBe('VOUCHER_NOT_FOUND');
    const alerts = await nodes[0]!.db.kysely.selectFrom('security_alerts').select('subject').where('subject', '=', 'address:203.0.113.9').execute();
    expect(alerts).toHaveLength(1);
  });

  it('rate-limits the flash-sale order route per address over both nodes, and per buyer phone', async () => {
    const order = (phone: string) => ({ phone, quantity: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(nodes[i % 2]!, '/flash-sales/no-such-campaign/orders', order(`1380000${1000 + i}`), { 'x-forwarded-for': '203.0.113.20' })).status);
    // Six answered (the campaign is unknown), then 429 on both nodes.
    expect(statuses.filter((s) => s !== 429)).toHaveLength(6);
    expect(statuses.slice(6)).toEqual([429, 429]);
    const limited = await post(nodes[0]!, '/flash-sales/no-such-campaign/orders', order('13800009999'), { 'x-forwarded-for': '203.0.113.20' });
    expect([limited.code, Number(limited.retryAfter)]).toEqual(['RATE_LIMITED', Math.ceil((HOUR - (clock.at % HOUR)) / 1000)]);

    // One buyer from many addresses: the per-buyer limit (20 a minute by default).
    const buyer: number[] = [];
    for (let i = 0; i < 22; i++) buyer.push((await post(nodes[i % 2]!, '/flash-sales/no-such-campaign/orders', order('13900001111'), { 'x-forwarded-for': `203.0.113.${100 + i}` })).status);
    expect(buyer.filter((s) => s === 429)).toHaveLength(2);
  });

  it('rate-limits pairing per address over both nodes', async () => {
    const statuses: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(nodes[i % 2]!, '/terminals/pair', { pairingCode: 'ABCD-EFGH' }, { 'x-forwarded-for': '203.0.113.30' })).code);
    expect(statuses).toEqual(['PAIRING_CODE_INVALID', 'PAIRING_CODE_INVALID', 'PAIRING_CODE_INVALID', 'PAIRING_CODE_INVALID', 'RATE_LIMITED']);
  });
});
