import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { startServer, type RunningServer } from '../../../server/server';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';

describe.each(BACKENDS)('liveness and readiness (%s)', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let app: Server;
  let appUrl: string;
  const lifecycle = { stopping: false };

  beforeAll(async () => {
    backend = createBackend(kind);
    server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false } });
    // The same app on a second port with a lifecycle the test controls.
    app = createServer(createApp({ db: server.db, logger: server.logger, lifecycle }));
    await new Promise<void>((done) => app.listen(0, '127.0.0.1', done));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => app?.close(done));
    await server?.stop();
    await backend?.cleanup();
  });

  const get = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('is live and ready once started; /health still answers', async () => {
    expect(await get(`${server.url}/api/v1/health/live`)).toEqual({ status: 200, body: { ok: true } });
    const ready = await get(`${server.url}/api/v1/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ok: true, db: kind });
    expect(ready.body['migrations']).toBeGreaterThan(10);
    expect(await get(`${server.url}/api/v1/health`)).toEqual({ status: 200, body: { ok: true, db: kind } });
  });

  it('is not ready while stopping, yet still live', async () => {
    lifecycle.stopping = true;
    try {
      const ready = await get(`${appUrl}/api/v1/health/ready`);
      expect([ready.status, (ready.body['error'] as { code: string }).code]).toEqual([503, 'UNAVAILABLE']);
      expect((await get(`${appUrl}/api/v1/health/live`)).status).toBe(200);
    } finally {
      lifecycle.stopping = false;
    }
  });

  it('is not ready when a migration this code knows is missing from the database, naming it', async () => {
    const last = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(server.db.kysely);
    const name = last.rows[0]!.name;
    await sql`delete from kysely_migration where name = ${name}`.execute(server.db.kysely);
    try {
      const ready = await get(`${server.url}/api/v1/health/ready`);
      expect(ready.status).toBe(503);
      expect((ready.body['error'] as { message: string }).message).toContain(name);
      expect((await get(`${server.url}/api/v1/health/live`)).status).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(server.db.kysely);
    }
    expect((await get(`${server.url}/api/v1/health/ready`)).status).toBe(200);
  });
});

describe('liveness without a database', () => {
  it('stays live when the database is gone, while readiness and /health say unavailable', async () => {
    const backend = createBackend('sqlite');
    const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', sales: { jobs: false } });
    const app = createServer(createApp({ db: server.db, logger: server.logger }));
    await new Promise<void>((done) => app.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    try {
      await server.stop();
      expect((await fetch(`${url}/api/v1/health/live`)).status).toBe(200);
      expect((await fetch(`${url}/api/v1/health/ready`)).status).toBe(503);
      expect((await fetch(`${url}/api/v1/health`)).status).toBe(503);
    } finally {
      await new Promise((done) => app.close(done));
      await backend.cleanup();
    }
  });
});
