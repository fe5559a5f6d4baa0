import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../../core/errors';
import { MERCHANT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../use-cases/sales/channel-signature';
import { openApiPath, ROUTE_CATALOG } from './route-catalog';
import { routeErrors, type RouteSpec } from './route-spec';

export type JsonSchema = Record<string, unknown>;

/** A request schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as a client must send it. */
export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  delete json['$schema'];
  return json;
}

const SECURITY: Record<RouteSpec['auth'], Record<string, string[]>[]> = {
  none: [],
  terminal: [{ terminalToken: [] }],
  merchant: [{ merchantSession: [] }],
  'channel-signature': [{ channelSignature: [] }],
  'provider-callback': [],
  'live-ticket': [],
};

const SUCCESS_CONTENT = {
  json: { 'application/json': { schema: { type: 'object' } } },
  csv: { 'text/csv': { schema: { type: 'string' } } },
  'event-stream': { 'text/event-stream': { schema: { type: 'string' } } },
} as const;

/** The OpenAPI 3.1 document of /api/v1, built from the route catalog's zod schemas. */
export function buildOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTE_CATALOG) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operationOf(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hexiao API',
      version,
      description:
        'Terminals, the back office, buyers and channels. Money is in integer fen. Every error is `{ error: { code, message, details? } }` ' +
        'with a stable `code`; the status follows from the code.',
    },
    servers: [{ url: '/api/v1' }],
    tags: [
      { name: 'terminal', description: 'A paired till, with its device token' },
      { name: 'sync', description: 'A till\'s outbox push, pull and change events' },
      { name: 'sales', description: 'Buyers, channel webhooks and provider callbacks' },
      { name: 'merchant', description: 'The back office, with a session token' },
      { name: 'operations', description: 'Health and this document' },
    ],
    paths,
    components: {
      securitySchemes: {
        terminalToken: { type: 'http', scheme: 'bearer', description: 'The device token a till gets from POST /terminals/pair' },
        merchantSession: { type: 'http', scheme: 'bearer', description: 'The session token from POST /merchant/login' },
        channelSignature: {
          type: 'apiKey', in: 'header', name: SIGNATURE_HEADER,
          description: `\`v1=<hex HMAC-SHA256 of "<${TIMESTAMP_HEADER}>.<raw body>">\` with the merchant's channel secret; the merchant is named in ${MERCHANT_HEADER}`,
        },
      },
      schemas: { Error: errorSchema(Object.keys(ERROR_STATUS) as ErrorCode[]) },
    },
  };
}

function operationOf(route: RouteSpec): Record<string, unknown> {
  const roles = route.roles ? ` Roles: ${route.roles.join(', ')}.` : '';
  const operation: Record<string, unknown> = {
    operationId: operationId(route),
    tags: [route.tag],
    summary: route.summary,
    description: `Auth: ${route.auth}.${roles}`,
    security: SECURITY[route.auth],
    parameters: [...parametersOf(route, 'path'), ...parametersOf(route, 'query'), ...headerParameters(route)],
    responses: responsesOf(route),
  };
  if (route.body) {
    const schema = requestJsonSchema(route.body);
    const example = route.example?.body;
    operation['requestBody'] = {
      required: true,
      content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
    };
  } else if (route.rawBody) {
    operation['requestBody'] = { required: false, content: { 'application/json': { schema: {} } } };
  }
  return operation;
}

function operationId(route: RouteSpec): string {
  const words = route.path.split(/[/.:-]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1));
  return route.method + words.join('');
}

function parametersOf(route: RouteSpec, where: 'path' | 'query'): Record<string, unknown>[] {
  const schema = where === 'path' ? route.params : route.query;
  if (!schema) return [];
  const json = requestJsonSchema(schema);
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  const examples = (where === 'path' ? route.example?.params : route.example?.query) ?? {};
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(Object.hasOwn(examples, name) ? { example: examples[name] } : {}),
  }));
}

function headerParameters(route: RouteSpec): Record<string, unknown>[] {
  if (route.auth !== 'channel-signature') return [];
  return [
    { name: MERCHANT_HEADER, in: 'header', required: true, schema: { type: 'string' }, description: 'The merchant this event is for' },
    { name: TIMESTAMP_HEADER, in: 'header', required: true, schema: { type: 'string', pattern: '^\\d+$' }, description: 'Unix seconds; a stale one is refused' },
  ];
}

function responsesOf(route: RouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    [String(route.success.status)]: { description: route.success.description, content: SUCCESS_CONTENT[route.success.body ?? 'json'] },
  };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrors(route)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: codes.join(', '),
      content: { 'application/json': { schema: errorSchema(codes) } },
    };
  }
  return responses;
}

function errorSchema(codes: readonly ErrorCode[]): JsonSchema {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: codes },
          message: { type: 'string' },
          details: { type: 'object' },
        },
      },
    },
  };
}
