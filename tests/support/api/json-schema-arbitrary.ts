import fc from 'fast-check';

export type JsonSchema = Record<string, unknown>;

/** Keys a handler must treat as plain data, never as a way into Object.prototype. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

const MAX_ITEMS = 4;

/** Any JSON value, small, with the odd strings and numbers handlers trip over. */
export const wildJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...PROTOTYPE_KEYS, '', ' ', '\u0000', '💥', '９９', '-0', '1e309', 'null', '0x10', '../..', 'A'.repeat(300)),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0.5, 1e21, -0, 2 ** 31),
  fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/**
 * Values shaped by a JSON Schema (the subset z.toJSONSchema writes): the right types, lengths,
 * patterns and ranges, so a request passes the schema's structure and reaches the handler's own
 * checks. Refinements zod keeps out of JSON Schema (dates, check digits) are not followed.
 */
export function arbitraryOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  const union = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (union) return fc.oneof(...union.map((s) => arbitraryOf(s, depth + 1)));
  if (Array.isArray(schema['allOf'])) return arbitraryOf((schema['allOf'] as JsonSchema[])[0]!, depth + 1);
  const type = schema['type'];
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => arbitraryOf({ ...schema, type: t as string }, depth + 1)));
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
    case 'number':
      return numberOf(schema, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema['items'] ?? {}) as JsonSchema;
      const minLength = Number(schema['minItems'] ?? 0);
      const maxLength = Math.max(minLength, Math.min(Number(schema['maxItems'] ?? MAX_ITEMS), MAX_ITEMS));
      return fc.array(arbitraryOf(items, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectOf(schema, depth);
    default:
      return wildJson;
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const format = schema['format'];
  if (format === 'uuid') return fc.uuid();
  if (format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (format === 'email') return fc.emailAddress();
  const pattern = schema['pattern'];
  const minLength = Number(schema['minLength'] ?? 0);
  const maxLength = Math.min(Number(schema['maxLength'] ?? 40), 200);
  if (typeof pattern === 'string') {
    return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length >= minLength && s.length <= Math.max(maxLength, minLength));
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength), unit: fc.oneof(fc.constantFrom('a', '1', ' ', '-', '_'), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })) });
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : typeof schema['exclusiveMinimum'] === 'number' ? schema['exclusiveMinimum'] + 1 : -1_000_000;
  const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : typeof schema['exclusiveMaximum'] === 'number' ? schema['exclusiveMaximum'] - 1 : 1_000_000;
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
  return integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = (schema['required'] ?? []) as string[];
  const shape = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, arbitraryOf(value, depth + 1)]));
  if (Object.keys(shape).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), wildJson, { maxKeys: 3 });
  return fc.record(shape, { requiredKeys: required.filter((k) => k in shape) });
}

/**
 * A value that is usually wrong for the schema: a field dropped, retyped, or a prototype key added.
 * Callers keep only those the zod schema refuses, so each is a request the handler must refuse.
 */
export function brokenOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const valid = arbitraryOf(schema);
  return fc.oneof(
    wildJson,
    fc.tuple(valid, wildJson, fc.nat()).map(([value, junk, pick]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return junk;
      const keys = Object.keys(value);
      const copy: Record<string, unknown> = { ...value };
      if (keys.length > 0) copy[keys[pick % keys.length]!] = junk;
      return copy;
    }),
    fc.tuple(valid, fc.constantFrom(...PROTOTYPE_KEYS), wildJson).map(([value, key, junk]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      return JSON.parse(JSON.stringify(value).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(junk ?? null)},`).replace(/,\}$/, '}')) as unknown;
    }),
  );
}
