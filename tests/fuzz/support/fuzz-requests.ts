import fc from 'fast-check';
import type { z } from 'zod';
import { isErrorCode } from '../../../core/errors';
import { requestJsonSchema } from '../../../server/http/openapi/openapi-document';
import { routeKey } from '../../../server/http/openapi/route-catalog';
import { routeErrors, type RouteSpec } from '../../../server/http/openapi/route-spec';
import { arbitraryOf, brokenOf } from '../../support/api/json-schema-arbitrary';
import type { RawRequest, RawResponse } from './raw-http';

export const API = '/api/v1';

/** Path parameters no handler may trip over: prototype keys, NUL, bad escapes, very long, unicode, traversal. */
export const ODD_PARAMS = [
  'constructor', '__proto__', 'toString', '%00', '%E0%A4%A', 'a'.repeat(3000), encodeURIComponent('券码💥名'), '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent("1' or '1'='1"), '-1',
];

/** Authorization headers that must all be refused (a well-formed scheme with a token that is not one, other schemes). */
export function badAuthHeaders(otherKindToken: string): (Record<string, string> | undefined)[] {
  return [
    undefined,
    { authorization: 'Bearer' },
    { authorization: `Bearer ${'x'.repeat(43)}` },
    { authorization: 'Basic b3duZXI6cGFzc3dvcmQ=' },
    { authorization: `Token ${otherKindToken}` },
    { authorization: `Bearer ${otherKindToken}` },
    { authorization: `Bearer ${otherKindToken}${otherKindToken}` },
  ];
}

export interface RequestParts {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export function pathOf(route: RouteSpec, params: Record<string, string> = {}, encode = true): string {
  return API + route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name] ?? 'x';
    return encode ? encodeURIComponent(value) : value;
  });
}

export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) search.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A request built from parts: JSON body, query string, path. */
export function requestOf(route: RouteSpec, parts: RequestParts, headers: Record<string, string> = {}): RawRequest {
  const body = parts.body === undefined ? undefined : JSON.stringify(parts.body);
  return {
    method: route.method.toUpperCase(),
    path: pathOf(route, parts.params) + queryString(parts.query),
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body,
  };
}

/** The example's parts, as strings where they travel in the URL. */
export function exampleParts(route: RouteSpec): RequestParts {
  return { params: route.example?.params ?? {}, query: route.example?.query, body: route.example?.body };
}

const sample = <T>(arb: fc.Arbitrary<T>, seed: number, numRuns: number): T[] => fc.sample(arb, { seed, numRuns });

function stringsOnly(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Inputs shaped by the route's schemas (each part from its JSON Schema), mostly valid. */
export function shapedInputs(route: RouteSpec, seed: number, numRuns: number): RequestParts[] {
  const part = (schema: z.ZodType | undefined) => (schema ? arbitraryOf(requestJsonSchema(schema)) : fc.constant(undefined));
  const arb = fc.record({ params: part(route.params), query: part(route.query), body: part(route.body) });
  const example = exampleParts(route);
  return sample(arb, seed, numRuns).map((p) => ({
    params: route.params ? stringsOnly(p.params) : example.params,
    query: route.query ? stringsOnly(p.query) : undefined,
    body: route.body ? p.body : undefined,
  }));
}

/** Inputs the route's schemas refuse: one part broken, the others from the example. */
export function refusedInputs(route: RouteSpec, seed: number, numRuns: number): RequestParts[] {
  const out: RequestParts[] = [];
  const example = exampleParts(route);
  for (const [name, schema] of [['params', route.params], ['query', route.query], ['body', route.body]] as const) {
    if (!schema) continue;
    const broken = sample(brokenOf(requestJsonSchema(schema)), seed, numRuns);
    for (const value of broken) {
      // Path parameters travel as strings, every one of them present.
      const travelled = name === 'body' ? value : name === 'params' ? { ...example.params, ...stringsOnly(value) } : stringsOnly(value);
      if (schema.safeParse(travelled).success) continue;
      out.push({ ...example, [name]: travelled });
    }
  }
  return out;
}

/** The route's own parameters with one of them replaced, as the server decodes it; undefined when it cannot be decoded. */
export function decodedParams(route: RouteSpec, name: string, raw: string): Record<string, string> | undefined {
  try {
    return { ...(route.example?.params ?? {}), [name]: decodeURIComponent(raw) };
  } catch {
    return undefined;
  }
}

/** Whether the route takes a request without a body as an empty object (its body is optional). */
export function bodyOptional(route: RouteSpec): boolean {
  return route.body?.safeParse({}).success ?? false;
}

/** What is wrong with an answer: a 5xx, an error not in the one shape, or a code the route does not document. */
export function answerProblem(route: RouteSpec, res: RawResponse): string | undefined {
  if (res.status >= 500) return `${res.status} ${res.text.slice(0, 200)}`;
  if (res.status < 400) return undefined;
  const error = (res.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!res.contentType.startsWith('application/json') || typeof error?.code !== 'string' || typeof error.message !== 'string') {
    return `${res.status} not the error shape: ${res.text.slice(0, 200)}`;
  }
  if (!isErrorCode(error.code)) return `${res.status} unknown code ${error.code}`;
  if (!routeErrors(route).includes(error.code)) return `${res.status} ${error.code} is not documented for ${routeKey(route.method, route.path)}`;
  return undefined;
}
