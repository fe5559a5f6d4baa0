import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTS } from '../../core/sync';
import { requestJsonSchema } from '../../server/http/openapi/openapi-document';
import { ROUTE_CATALOG, routeKey } from '../../server/http/openapi/route-catalog';
import type { RouteSpec } from '../../server/http/openapi/route-spec';
import { MERCHANT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../server/use-cases/sales/channel-signature';
import { dbFingerprint, settledFingerprint, WHOLE_TABLE } from '../support/api/db-fingerprint';
import { arbitraryOf, brokenOf, wildJson } from '../support/api/json-schema-arbitrary';
import { BACKENDS } from '../support/server/backends';
import { answerProblem, API } from './support/fuzz-requests';
import { startFuzzWorld, type FuzzWorld } from './support/fuzz-world';
import { send, type RawResponse } from './support/raw-http';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 4);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);
// Rate limits count every request, bad ones too: that is their job, not a change a bad request made.
const BOOKKEEPING = { terminals: ['last_seen_at'], security_counters: [WHOLE_TABLE] };

const routeOf = (method: string, path: string): RouteSpec => ROUTE_CATALOG.find((r) => routeKey(r.method, r.path) === routeKey(method, path))!;
const EVENTS = routeOf('post', '/channels/:channel/events');
const PUSH = routeOf('post', '/sync/push');

const sign = (secret: string, timestamp: number | string, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

describe.each(BACKENDS)('channel webhooks and sync push, fuzzed (%s)', (kind) => {
  let fw: FuzzWorld;
  const problems: string[] = [];

  beforeAll(async () => {
    fw = await startFuzzWorld(kind);
  });
  afterAll(async () => {
    await fw?.server.stop();
    await fw?.backend.cleanup();
  });

  const check = (route: RouteSpec, what: string, res: RawResponse) => {
    const problem = answerProblem(route, res);
    if (problem) problems.push(`${what}: ${problem}`);
    return res;
  };

  function deliver(body: string, headers: Record<string, string>, channel = 'douyin') {
    return send(fw.server.url, { method: 'POST', path: `${API}/channels/${channel}/events`, headers: { 'content-type': 'application/json', ...headers }, body });
  }

  function signed(body: string, at = Math.floor(Date.now() / 1000), merchantId = fw.world.merchant.id, secret = fw.channelSecret) {
    return { [MERCHANT_HEADER]: merchantId, [TIMESTAMP_HEADER]: String(at), [SIGNATURE_HEADER]: sign(secret, at, body) };
  }

  const paidEvent = (eventId: string, quantity = 1) =>
    JSON.stringify({
      eventId, type: 'order.paid',
      order: { externalOrderId: `ext-${eventId}`, campaignId: fw.world.campaigns.bothStores.id, phone: '13800138000', quantity },
    });

  it('refuses tampered bodies, bad signatures, stale timestamps and forged merchants, and changes nothing', async () => {
    const before = await settledFingerprint(fw.server.db, BOOKKEEPING);
    const body = paidEvent('evt-tamper');
    const now = Math.floor(Date.now() / 1000);
    const good = signed(body, now);
    const refused: [string, Promise<RawResponse>][] = [
      ['tampered body', deliver(body.replace('13800138000', '13800138001'), good)],
      ['body with a trailing space', deliver(`${body} `, good)],
      ['other secret', deliver(body, signed(body, now, fw.world.merchant.id, 'not-the-secret-but-long-enough'))],
      ['no signature', deliver(body, { [MERCHANT_HEADER]: fw.world.merchant.id, [TIMESTAMP_HEADER]: String(now) })],
      ['empty signature', deliver(body, { ...good, [SIGNATURE_HEADER]: '' })],
      ['v0 scheme', deliver(body, { ...good, [SIGNATURE_HEADER]: good[SIGNATURE_HEADER]!.replace('v1=', 'v0=') })],
      ['huge signature', deliver(body, { ...good, [SIGNATURE_HEADER]: `v1=${'ab'.repeat(4000)}` })],
      ['stale timestamp', deliver(body, signed(body, now - 3600))],
      ['future timestamp', deliver(body, signed(body, now + 3600))],
      ['timestamp not a number', deliver(body, signed(body, 'yesterday' as unknown as number))],
      ['negative timestamp', deliver(body, signed(body, -1))],
      ['huge timestamp', deliver(body, signed(body, '9'.repeat(400) as unknown as number))],
      ['other merchant', deliver(body, signed(body, now, fw.world.other.merchant.id))],
      ['constructor merchant', deliver(body, signed(body, now, 'constructor'))],
      ['__proto__ merchant', deliver(body, signed(body, now, '__proto__'))],
      ['no merchant', deliver(body, { [TIMESTAMP_HEADER]: String(now), [SIGNATURE_HEADER]: good[SIGNATURE_HEADER]! })],
      ['other channel', deliver(body, good, 'wechat')],
      ['constructor channel', deliver(body, good, 'constructor')],
      ['toString channel', deliver(body, good, 'tostring')],
    ];
    for (const [what, pending] of refused) {
      const res = check(EVENTS, what, await pending);
      if (res.status < 400) problems.push(`${what}: answered ${res.status}`);
    }
    expect(problems).toEqual([]);
    expect(await dbFingerprint(fw.server.db, BOOKKEEPING)).toEqual(before);
  });

  it('answers a replay with the first answer or EVENT_REPLAYED, and a reused event id with other content with a 409, changing nothing', async () => {
    const body = paidEvent('evt-replay');
    const first = check(EVENTS, 'first delivery', await deliver(body, signed(body)));
    // The outbox goes on sending the first delivery's SMS: its messages are compared by id.
    const sending = { ...BOOKKEEPING, notifications: ['*'] };
    const after = await settledFingerprint(fw.server.db, sending);
    const again = check(EVENTS, 'replay', await deliver(body, signed(body)));
    if (first.status === 200) expect([200, 409]).toContain(again.status);
    else expect(again.status).toBe(first.status);
    const changed = paidEvent('evt-replay', 2);
    const reused = check(EVENTS, 'reused id', await deliver(changed, signed(changed)));
    if (first.status === 200) expect(['EVENT_REPLAYED', 'ORDER_MISMATCH']).toContain((reused.json as { error?: { code?: string } }).error?.code);
    expect(await settledFingerprint(fw.server.db, sending)).toEqual(after);
    expect(problems).toEqual([]);
  });

  it('answers correctly signed events shaped by the event schema, and broken ones, without a 5xx', async () => {
    const schema = requestJsonSchema(EVENTS.body!);
    const bodies = [...fc.sample(arbitraryOf(schema), { seed: SEED, numRuns: RUNS * 4 }), ...fc.sample(brokenOf(schema), { seed: SEED, numRuns: RUNS * 2 })];
    for (const value of bodies) {
      const body = JSON.stringify(value);
      check(EVENTS, `signed ${body.slice(0, 80)}`, await deliver(body, signed(body)));
    }
    const deep = `{"eventId":"deep","type":"order.paid","order":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    check(EVENTS, 'deeply nested, signed', await deliver(deep, signed(deep)));
    expect(problems).toEqual([]);
  });

  describe('sync push', () => {
    let seq = 0;
    const entry = (intent: string, args: unknown, s = ++seq) => ({ seq: s, clientId: crypto.randomUUID(), intent, args, deviceTime: new Date().toISOString() });
    const push = (body: unknown, token = fw.terminalToken) =>
      send(fw.server.url, {
        method: 'POST', path: `${API}/sync/push`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const deviceId = () => fw.world.terminals.a1.id;

    it('refuses duplicates in one push, oversized batches, forged terminals and malformed entries, and changes nothing', async () => {
      const before = await settledFingerprint(fw.server.db, BOOKKEEPING);
      const open = { shiftId: crypto.randomUUID(), openingFloatFen: 0, openedBy: 'u', approval: null };
      const refused: [string, unknown][] = [
        ['same seq twice', { deviceId: deviceId(), entries: [entry('shift.open@1', open, 1), entry('shift.open@1', open, 1)] }],
        ['501 entries', { deviceId: deviceId(), entries: Array.from({ length: 501 }, (_, i) => entry('shift.open@1', open, i + 1)) }],
        ['another till of the store', { deviceId: fw.world.terminals.a2.id, entries: [entry('shift.open@1', open, 1)] }],
        ['a till of another merchant', { deviceId: fw.world.other.terminal.id, entries: [entry('shift.open@1', open, 1)] }],
        ['constructor device', { deviceId: 'constructor', entries: [entry('shift.open@1', open, 1)] }],
        ['no entries', { deviceId: deviceId(), entries: [] }],
        ['seq 0', { deviceId: deviceId(), entries: [entry('shift.open@1', open, 0)] }],
        ['seq not an integer', { deviceId: deviceId(), entries: [entry('shift.open@1', open, 1.5)] }],
        ['intent malformed', { deviceId: deviceId(), entries: [entry('DROP TABLE', open, 1)] }],
        ['clientId not a uuid', { deviceId: deviceId(), entries: [{ ...entry('shift.open@1', open, 1), clientId: '__proto__' }] }],
        ['entries an object', { deviceId: deviceId(), entries: { 0: entry('shift.open@1', open, 1) } }],
      ];
      for (const [what, body] of refused) {
        const res = check(PUSH, what, await push(body));
        if (res.status < 400) problems.push(`${what}: answered ${res.status}`);
      }
      const otherToken = await push({ deviceId: deviceId(), entries: [entry('shift.open@1', open, 1)] }, fw.ownerToken);
      check(PUSH, 'merchant token', otherToken);
      expect(otherToken.status).toBe(401);
      expect(problems).toEqual([]);
      expect(await dbFingerprint(fw.server.db, BOOKKEEPING)).toEqual(before);
    });

    it('answers gaps, replays, unknown intents and fuzzed arguments of every intent without a 5xx', async () => {
      const intents = Object.keys(INTENTS);
      const argBatches = intents.map((intent) => {
        const schema = requestJsonSchema(INTENTS[intent as keyof typeof INTENTS]);
        const args = [...fc.sample(arbitraryOf(schema), { seed: SEED, numRuns: RUNS }), ...fc.sample(brokenOf(schema), { seed: SEED, numRuns: RUNS })];
        return args.map((a) => ({ intent, args: a }));
      });
      const batches = [
        ...argBatches,
        [{ intent: 'foo.bar@1', args: {} }, { intent: 'voucher.redeem@9', args: {} }, { intent: 'constructor.x@1', args: null }],
        fc.sample(wildJson, { seed: SEED, numRuns: RUNS }).map((args) => ({ intent: 'sale.create@1', args })),
        [{ intent: 'member.patch@1', args: JSON.parse(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`) as unknown }],
      ];
      for (const batch of batches) {
        const entries = batch.map((b) => entry(b.intent, b.args));
        const body = { deviceId: deviceId(), entries, sentAt: new Date().toISOString() };
        check(PUSH, `push ${batch[0]?.intent}`, await push(body));
        check(PUSH, `replay ${batch[0]?.intent}`, await push(body));
      }
      const gap = { deviceId: deviceId(), entries: [entry('foo.bar@1', {}, seq + 10)] };
      check(PUSH, 'gap', await push(gap));
      expect(problems).toEqual([]);
    });
  });
});
