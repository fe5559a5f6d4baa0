import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';
import { BACKENDS, createBackend, type TestBackend } from '../../support/server/backends';
import { runServerCli, waitForListening } from '../../support/server/cli';

describe('server configuration', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: {
        port: 8787,
        host: '127.0.0.1',
        databaseUrl: undefined,
        pgSchema: undefined,
        dataDir: './data',
        adminDir: undefined,
        logLevel: 'info',
        corsOrigin: '*',
        demo: true,
        sqliteSynchronous: 'FULL',
        metricsToken: undefined,
        shutdownGraceMs: 10_000,
      },
    });
  });

  it('reads every variable', () => {
    const loaded = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/hexiao',
      DATABASE_SCHEMA: 'tenant_a',
      HEXIAO_DATA_DIR: '/var/lib/hexiao',
      HEXIAO_ADMIN_DIR: '/srv/hexiao/admin',
      LOG_LEVEL: 'warn',
      CORS_ORIGIN: 'https://pos.example',
      HEXIAO_DEMO: 'off',
      SQLITE_SYNCHRONOUS: 'NORMAL',
      HEXIAO_SHUTDOWN_GRACE_MS: '2500',
      HEXIAO_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8',
    });
    const trusted = loaded.ok ? loaded.config.trustedProxies : undefined;
    expect([trusted?.('10.2.3.4'), trusted?.('203.0.113.1')]).toEqual([true, false]);
    expect(loaded).toMatchObject({
      ok: true,
      config: { port: 9000, host: '0.0.0.0', shutdownGraceMs: 2500, databaseUrl: 'postgres://u@db:5432/hexiao', demo: false, logLevel: 'warn', adminDir: '/srv/hexiao/admin' },
    });
  });

  it('names each bad variable and never echoes a database URL', () => {
    const loaded = loadConfig({
      PORT: '80a',
      DATABASE_URL: 'mysql://user:secret@db/x',
      LOG_LEVEL: 'loud',
      HEXIAO_DEMO: 'maybe',
      DATABASE_SCHEMA: 'Bad-Name',
      HEXIAO_TRUSTED_PROXIES: '10.0.0.0/40',
    });
    expect(loaded.ok).toBe(false);
    const errors = loaded.ok ? [] : loaded.errors;
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'DATABASE_SCHEMA',
      'DATABASE_URL',
      'HEXIAO_DEMO',
      'HEXIAO_TRUSTED_PROXIES',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(errors.join('\n')).not.toContain('secret');
    expect(loadConfig({ PORT: '65536' }).ok).toBe(false);
  });

  it('takes a metrics token of 16+ characters and never echoes a short one', () => {
    expect(loadConfig({ HEXIAO_METRICS_TOKEN: 'scrape-token-0123456789' })).toMatchObject({ ok: true, config: { metricsToken: 'scrape-token-0123456789' } });
    const short = loadConfig({ HEXIAO_METRICS_TOKEN: 'tiny-secret' });
    const errors = short.ok ? [] : short.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^HEXIAO_METRICS_TOKEN: /);
    expect(errors[0]).not.toContain('tiny-secret');
  });

  it('makes the CLI exit 1 with a message naming the variable', async () => {
    const run = runServerCli({ PORT: 'eighty', HEXIAO_DEMO: 'sometimes' });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('invalid configuration');
    expect(run.stderr()).toContain('PORT');
    expect(run.stderr()).toContain('HEXIAO_DEMO');
    expect(run.stdout()).toBe('');
  });
});

describe.each(BACKENDS)('the CLI (%s)', (kind) => {
  const backends: TestBackend[] = [];
  afterAll(async () => {
    for (const b of backends) await b.cleanup();
  });

  it('serves with the environment it is given and stops cleanly on SIGTERM', async () => {
    const backend = createBackend(kind);
    backends.push(backend);
    const env: Record<string, string> = { PORT: '0', HEXIAO_DATA_DIR: backend.dataDir, LOG_LEVEL: 'info' };
    if (backend.options.databaseUrl) env['DATABASE_URL'] = backend.options.databaseUrl;
    if (backend.options.pgSchema) env['DATABASE_SCHEMA'] = backend.options.pgSchema;
    const run = runServerCli(env);
    try {
      const url = await waitForListening(run);
      const health = await fetch(`${url}/api/v1/health`);
      expect(await health.json()).toEqual({ ok: true, db: kind });
      expect(run.stdout()).toContain('pairing code');
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('"msg":"stopping"');
  });
});
