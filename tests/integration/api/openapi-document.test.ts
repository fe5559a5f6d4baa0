import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, createApp } from '../../../server/app';
import { openDatabase } from '../../../server/db/database';
import type { Db } from '../../../server/db/database';
import { createLogger } from '../../../server/logger';
import { buildOpenApiDocument } from '../../../server/http/openapi/openapi-document';
import { DOCS_PATH } from '../../../server/http/openapi/openapi-routes';
import { openApiPath, ROUTE_CATALOG, routeKey } from '../../../server/http/openapi/route-catalog';
import { startServer, type RunningServer } from '../../../server/server';
import { registeredRoutes } from '../../support/api/express-routes';

type Doc = { paths: Record<string, Record<string, Operation>> };
type Operation = { operationId: string; parameters: { name: string; in: string }[]; responses: Record<string, unknown>; requestBody?: unknown };

describe('the OpenAPI document', () => {
  let dir: string;
  let db: Db;
  let app: Express;
  const doc = buildOpenApiDocument('test') as unknown as Doc;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hexiao-openapi-'));
    db = await openDatabase({ dataDir: dir });
    app = createApp({ db, logger: createLogger('silent') });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every route Express serves under /api/v1, and no other', () => {
    const served = registeredRoutes(app, API_PREFIX);
    const api = served.filter((r) => r.split(' ')[1]!.startsWith(`${API_PREFIX}/`)).map((r) => r.replace(` ${API_PREFIX}/`, ' /'));
    const catalog = ROUTE_CATALOG.map((r) => routeKey(r.method, r.path));
    expect(new Set(catalog).size).toBe(catalog.length);
    expect([...api].sort()).toEqual([...catalog].sort());
    // Outside the API (the docs page, operations endpoints) nothing is documented here.
    expect(served.filter((r) => !r.split(' ')[1]!.startsWith(`${API_PREFIX}/`))).toEqual(expect.arrayContaining([`GET ${DOCS_PATH}`, `GET ${DOCS_PATH}/init.js`]));
    for (const route of ROUTE_CATALOG) expect(doc.paths[openApiPath(route.path)]?.[route.method], routeKey(route.method, route.path)).toBeDefined();
  });

  it('is valid OpenAPI 3.1, with unique operation ids and the error shape on every operation', async () => {
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) {
      const errorStatuses = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      expect(errorStatuses, op.operationId).toContain('404');
      expect(errorStatuses, op.operationId).toContain('500');
    }
  });

  it('has a valid example for every request part, by the schema its handler validates with', () => {
    for (const route of ROUTE_CATALOG) {
      const name = routeKey(route.method, route.path);
      for (const [part, schema] of [['params', route.params], ['query', route.query], ['body', route.body]] as const) {
        if (!schema) continue;
        const example = route.example?.[part];
        expect(example, `${name} has a ${part} example`).toBeDefined();
        const parsed = schema.safeParse(example);
        expect(parsed.success ? [] : parsed.error.issues, `${name} ${part}`).toEqual([]);
      }
      const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const documented = doc.paths[openApiPath(route.path)]![route.method]!.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      expect(documented.sort(), name).toEqual(pathNames.sort());
    }
  });

  describe('served', () => {
    let server: RunningServer;
    let serverDir: string;
    beforeAll(async () => {
      serverDir = mkdtempSync(join(tmpdir(), 'hexiao-openapi-served-'));
      server = await startServer({ dataDir: serverDir, port: 0, demo: false, logLevel: 'silent' });
    });
    afterAll(async () => {
      await server?.stop();
      rmSync(serverDir, { recursive: true, force: true });
    });

    it('at /api/v1/openapi.json, and as a page at /api/docs whose scripts and styles come from this server', async () => {
      const json = await fetch(`${server.url}${API_PREFIX}/openapi.json`);
      expect(json.status).toBe(200);
      const served = (await json.json()) as Doc & { info: { version: string } };
      expect(Object.keys(served.paths).sort()).toEqual(Object.keys(doc.paths).sort());
      const page = await fetch(`${server.url}${DOCS_PATH}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBe(3);
      for (const asset of assets) {
        expect(asset.startsWith(`${DOCS_PATH}/`), asset).toBe(true);
        const res = await fetch(`${server.url}${asset}`);
        expect([asset, res.status]).toEqual([asset, 200]);
        expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(50);
      }
    });
  });
});
