import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_CATALOG, routeKey } from '../../server/http/openapi/route-catalog';
import type { RouteSpec } from '../../server/http/openapi/route-spec';
import { dbFingerprint, settledFingerprint, WHOLE_TABLE } from '../support/api/db-fingerprint';
import { BACKENDS } from '../support/server/backends';
import {
  answerProblem, API, badAuthHeaders, bodyOptional, decodedParams, exampleParts, ODD_PARAMS, pathOf, queryString, refusedInputs, requestOf, shapedInputs, type RequestParts,
} from './support/fuzz-requests';
import { startFuzzWorld, type FuzzWorld } from './support/fuzz-world';
import { send, type RawRequest } from './support/raw-http';

/** Inputs per route and kind; FUZZ_RUNS raises it for a longer hunt (the seed stays fixed unless FUZZ_SEED says otherwise). */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 4);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);

/** Routes whose good-credential answer is an endless stream, or that end the fuzzer's own session. */
const NOT_WITH_GOOD_AUTH = new Set(['GET /sync/events', 'POST /merchant/logout']);

/** Bodies every JSON route must refuse cleanly: malformed, not JSON, wrong type, huge, deeply nested. */
function bodyEdgeCases(): { contentType?: string; body: string }[] {
  return [
    { contentType: 'application/json', body: '{"a":' },
    { contentType: 'application/json', body: '[1,]' },
    { contentType: 'application/json', body: 'nul' },
    { contentType: 'application/json', body: '"just a string"' },
    { contentType: 'text/plain', body: '{"code":"123456789018"}' },
    { contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=2' },
    { contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
    { contentType: 'application/json; charset=utf-16', body: '{}' },
    { body: '{}' },
    { contentType: 'application/json', body: `{"pad":"${'x'.repeat(1_200_000)}"}` },
    { contentType: 'application/json', body: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
    { contentType: 'application/json', body: `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}` },
    { contentType: 'application/json', body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}' },
  ];
}

/** A till's last contact is kept on every request it makes, refused or not. */
// Rate limits count every request, bad ones too: that is their job, not a change a bad request made.
const BOOKKEEPING = { terminals: ['last_seen_at'], security_counters: [WHOLE_TABLE] };

describe.each(BACKENDS)('every endpoint, fuzzed from its own schema (%s)', (kind) => {
  let fw: FuzzWorld;
  const problems: string[] = [];
  const accepted: { route: RouteSpec; param: string; odd: string }[] = [];
  let sent = 0;

  beforeAll(async () => {
    fw = await startFuzzWorld(kind);
  });
  afterAll(async () => {
    await fw?.server.stop();
    await fw?.backend.cleanup();
  });

  const msByRoute = new Map<string, number>();
  async function hit(route: RouteSpec, req: RawRequest, what: string): Promise<number> {
    const started = performance.now();
    const res = await send(fw.server.url, req);
    const key = routeKey(route.method, route.path);
    msByRoute.set(key, (msByRoute.get(key) ?? 0) + performance.now() - started);
    sent++;
    const problem = answerProblem(route, res);
    if (problem) problems.push(`${routeKey(route.method, route.path)} [${what}] ${req.path.slice(0, 120)}: ${problem}`);
    return res.status;
  }

  it('refuses bad credentials, broken inputs, odd path parameters and bad bodies: never a 5xx, always a documented code, no row changed', async () => {
    const changed: string[] = [];
    let before = await settledFingerprint(fw.server.db, BOOKKEEPING);
    for (const route of ROUTE_CATALOG) {
      const name = routeKey(route.method, route.path);
      const example = exampleParts(route);
      if (route.auth === 'terminal' || route.auth === 'merchant') {
        const otherKind = route.auth === 'terminal' ? fw.ownerToken : fw.terminalToken;
        for (const headers of badAuthHeaders(otherKind)) {
          const status = await hit(route, requestOf(route, example, headers), 'bad auth');
          if (status !== 401) problems.push(`${name} [bad auth] answered ${status}`);
        }
      }
      for (const parts of refusedInputs(route, SEED, RUNS)) {
        const req = requestOf(route, parts);
        req.headers = { ...req.headers, ...fw.goodAuth(route, typeof req.body === 'string' ? req.body : '') };
        const status = await hit(route, req, 'refused input');
        if (status < 400) problems.push(`${name} [refused input] answered ${status} to ${req.body ?? req.path}`);
      }
      for (const param of route.params ? [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!) : []) {
        for (const odd of ODD_PARAMS) {
          const decoded = decodedParams(route, param, odd);
          // An odd value the schema takes is a valid request (a look-up of that id): fuzzed with good credentials below.
          if (decoded && route.params?.safeParse(decoded).success) {
            accepted.push({ route, param, odd });
            continue;
          }
          const body = example.body === undefined ? undefined : JSON.stringify(example.body);
          const path = pathOf(route, { ...example.params, [param]: odd }, false) + queryString(example.query);
          const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...fw.goodAuth(route, body ?? '') };
          await hit(route, { method: route.method.toUpperCase(), path, headers, body }, `odd :${param}`);
        }
      }
      if (route.body || route.rawBody) {
        // A route whose body is optional reads a body it cannot parse as none: only malformed JSON is refused there.
        const edges = bodyOptional(route) ? bodyEdgeCases().filter((e) => e.contentType === 'application/json' && e.body !== '{}') : bodyEdgeCases();
        for (const edge of edges) {
          const headers = { ...(edge.contentType ? { 'content-type': edge.contentType } : {}), ...fw.goodAuth(route, edge.body) };
          const path = pathOf(route, example.params) + queryString(example.query);
          const status = await hit(route, { method: route.method.toUpperCase(), path, headers, body: edge.body }, `body ${edge.contentType ?? 'untyped'}`);
          if (status < 400) problems.push(`${name} [body ${edge.body.slice(0, 30)}] answered ${status}`);
        }
      }
      const after = await dbFingerprint(fw.server.db, BOOKKEEPING);
      const tables = Object.keys(after).filter((t) => after[t] !== before[t]);
      if (tables.length > 0) changed.push(`${name}: ${tables.join(', ')}`);
      before = after;
    }
    if (process.env['FUZZ_DEBUG']) console.log(sent, problems.join('\n'), changed.join('\n'));
    expect(problems).toEqual([]);
    expect(changed).toEqual([]);
    expect(sent).toBeGreaterThan(ROUTE_CATALOG.length * 10);
  }, 600_000);

  it('answers inputs shaped by each schema with good credentials: never a 5xx, always a documented code', async () => {
    problems.length = 0;
    for (const route of ROUTE_CATALOG) {
      if (NOT_WITH_GOOD_AUTH.has(routeKey(route.method, route.path))) continue;
      for (const parts of [exampleParts(route), ...shapedInputs(route, SEED + 1, RUNS)] as RequestParts[]) {
        const req = requestOf(route, parts);
        req.headers = { ...req.headers, ...fw.goodAuth(route, req.body === undefined ? '' : String(req.body)) };
        await hit(route, req, 'shaped input');
      }
    }
    for (const { route, param, odd } of accepted) {
      const example = exampleParts(route);
      const body = example.body === undefined ? undefined : JSON.stringify(example.body);
      const path = pathOf(route, { ...example.params, [param]: odd }, false) + queryString(example.query);
      const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...fw.goodAuth(route, body ?? '') };
      await hit(route, { method: route.method.toUpperCase(), path, headers, body }, `odd :${param}`);
    }
    if (process.env['FUZZ_DEBUG']) {
      const slowest = [...msByRoute].sort(([, a], [, b]) => b - a).slice(0, 8).map(([k, ms]) => `${k} ${Math.round(ms)} ms`);
      console.log(sent, problems.join('\n'), slowest.join('\n'));
    }
    expect(problems).toEqual([]);
    const health = await send(fw.server.url, { method: 'GET', path: `${API}/health` });
    expect(health.status).toBe(200);
  }, 600_000);
});
