import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import { listenForTerminalChanges, type TerminalChangeListener } from './security/terminal-change-channel';
import { createApp, createUseCaseDeps, type AppDeps } from './app';
import { LiveHub } from './live/live-hub';
import { openDatabase, type Db, type DbKind, type SqliteSynchronous } from './db/database';
import { ConnectionDrain } from './http/connection-drain';
import { withHotRoutes } from './http/hot-routes';
import { prepareDemo, writeDemoFile, type DemoInfo } from './demo/demo-info';
import { databaseIsEmpty, seedDemo } from './demo/seed-demo';
import { loadOrCreateKekFile } from './keys/key-encryption-key';
import { createLogger, type LogLevel } from './logger';
import { registerDbGauges } from './metrics/db-gauges';
import { withRequestMetrics } from './metrics/http-metrics';
import { ServerMetrics } from './metrics/server-metrics';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from './sync/sync-runtime';
import { createSalesRuntime, type SalesOptions, type SalesRuntime } from './use-cases/sales/sales-runtime';

export interface StartServerOptions {
  /** 0 picks a free port (tests). Default 8787. */
  port?: number;
  host?: string;
  /** SQLite file and demo.json live here. Default `./data`. */
  dataDir?: string;
  /** PostgreSQL when set, SQLite otherwise. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing), e.g. a fresh one per test run. */
  pgSchema?: string;
  pgPoolMax?: number;
  sqliteSynchronous?: SqliteSynchronous;
  /** Seed demo data into an empty database and mint a demo pairing code. Default true. */
  demo?: boolean;
  logLevel?: LogLevel;
  logDestination?: DestinationStream;
  corsOrigin?: string;
  now?: () => Date;
  lookupLimits?: AppDeps['lookupLimits'];
  pairingLimit?: AppDeps['pairingLimit'];
  trustedProxies?: AppDeps['trustedProxies'];
  rateLimits?: AppDeps['rateLimits'];
  /** Selling: notification provider, channel secrets, key-encryption key, background jobs. */
  sales?: SalesOptions;
  /** Sync: change-log retention, and push entries per transaction (1 = no group commit). */
  sync?: SyncRuntimeOptions & { pushGroupSize?: number };
  /** The built back office served at /admin (HEXIAO_ADMIN_DIR; default out/admin). */
  adminDir?: string;
  /** HEXIAO_METRICS_TOKEN: bearer token for /metrics; without it only this host may scrape. */
  metricsToken?: string;
  /** On stop, requests in flight get this long to be answered before their connections are cut. Default 2000. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  dbKind: DbKind;
  demo?: DemoInfo;
  /** The open database, for setup and inspection (tests, `mintPairingCode`). */
  db: Db;
  logger: Logger;
  /** Selling's use-case deps and background jobs (dispatcher, reservation sweeper). */
  sales: SalesRuntime;
  /** This server's /metrics registry. */
  metrics: ServerMetrics;
  stop(): Promise<void>;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = createLogger(options.logLevel ?? 'info', options.logDestination);
  const dataDir = resolve(options.dataDir ?? './data');
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir,
    pgSchema: options.pgSchema,
    pgPoolMax: options.pgPoolMax,
    sqliteSynchronous: options.sqliteSynchronous,
  });
  let server: Server | undefined;
  let sales: SalesRuntime | undefined;
  let sync: SyncRuntime | undefined;
  let live: LiveHub | undefined;
  let terminalChanges: TerminalChangeListener | undefined;
  const metrics = new ServerMetrics();
  registerDbGauges(metrics, db, options.now ?? (() => new Date()));
  const lifecycle = { stopping: false };
  try {
    const demoOn = options.demo ?? true;
    if (demoOn && (await databaseIsEmpty(db))) {
      await seedDemo(db);
      logger.info('seeded demo data');
    }
    // Selling: its key-encryption key defaults to a file beside the SQLite data (one node).
    const salesOptions = { ...options.sales, keyEncryptionKey: options.sales?.keyEncryptionKey ?? loadOrCreateKekFile(dataDir), metrics };
    sales = createSalesRuntime(db, logger, options.now ?? (() => new Date()), salesOptions);
    sync = createSyncRuntime(db, logger, options.now ?? (() => new Date()), options.sync);
    await sync.start();
    const useCases = createUseCaseDeps({ db, logger, ...pick(options), metrics });
    const auth = useCases.authenticator;
    if (db.kind === 'postgres') terminalChanges = await listenForTerminalChanges(db, (id) => auth.forgetTerminal(id), () => auth.forgetAll(), logger);
    live = new LiveHub(db, options.now ?? (() => new Date()), logger);
    const app = createApp({ db, logger, ...pick(options), sales, nudgeHub: sync.hub, syncPushGroupSize: options.sync?.pushGroupSize, useCases, liveHub: live, metrics, metricsToken: options.metricsToken, lifecycle });
    // The flash sale's two requests and the redeem skip Express (see hot-routes); everything else goes through it.
    const hot = { sales: sales.deps, vouchers: useCases, logger, corsOrigin: options.corsOrigin ?? '*', trustedProxies: options.trustedProxies, limits: useCases.publicLimits };
    const drain = new ConnectionDrain();
    server = createServer(drain.wrap(withRequestMetrics(withHotRoutes(app, hot), metrics)));
    const listening = server;
    await new Promise<void>((done, failed) => {
      listening.once('error', failed);
      listening.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
        listening.off('error', failed);
        done();
      });
    });
    const address = listening.address() as AddressInfo;
    const host = options.host ?? '127.0.0.1';
    const url = `http://${urlHost(host)}:${address.port}`;
    const running: RunningServer = {
      url,
      port: address.port,
      host,
      dbKind: db.kind,
      db,
      logger,
      sales,
      metrics,
      stop: async () => {
        lifecycle.stopping = true;
        await closeAll({ server: listening, drain, graceMs: options.shutdownGraceMs ?? 2_000, logger }, sales, sync, live);
        await terminalChanges?.stop();
        await db.close();
      },
    };
    sales.start();
    if (demoOn) {
      const demo = await prepareDemo(db, url);
      if (demo) {
        await mkdir(dataDir, { recursive: true });
        await writeDemoFile(dataDir, demo);
        running.demo = demo;
        await sales.deps.keys.activeSigningKey(demo.merchant.id);
      } else {
        logger.warn('demo is on but the database holds no demo merchant; no pairing code minted');
      }
    }
    logger.info({ url, db: db.kind }, 'server listening');
    return running;
  } catch (error) {
    if (server?.listening) await closeAll({ server, drain: new ConnectionDrain(), graceMs: 0, logger }, sales, sync, live);
    else await sync?.stop();
    await terminalChanges?.stop();
    await db.close();
    throw error;
  }
}

export function stopServer(running: RunningServer): Promise<void> {
  return running.stop();
}

function pick(o: StartServerOptions): Omit<AppDeps, 'db' | 'logger'> {
  return { corsOrigin: o.corsOrigin, now: o.now, lookupLimits: o.lookupLimits, pairingLimit: o.pairingLimit, adminDir: o.adminDir, trustedProxies: o.trustedProxies, rateLimits: o.rateLimits };
}

/** A wildcard listen address is reached through loopback; IPv6 literals need brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

interface Listening {
  server: Server;
  drain: ConnectionDrain;
  graceMs: number;
  logger: Logger;
}

/**
 * Stops in order: no new connections, event streams told to reconnect (elsewhere), requests in
 * flight answered — with their group commits, which they wait for — then the background jobs
 * (the notification worker finishes the batch it holds). The caller closes the database after.
 */
async function closeAll(at: Listening, sales?: SalesRuntime, sync?: SyncRuntime, live?: LiveHub): Promise<void> {
  const closed = new Promise<void>((done) => at.server.close(() => done()));
  at.drain.start(at.server);
  live?.stop();
  await sync?.stop();
  const pending = at.drain.pending;
  if (pending > 0) at.logger.info({ pending }, 'stopping: answering the requests in flight');
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<'cut'>((done) => (timer = setTimeout(() => done('cut'), at.graceMs)));
  if ((await Promise.race([closed, cut])) === 'cut') {
    at.logger.warn({ pending: at.drain.pending, graceMs: at.graceMs }, 'stopping: grace over, cutting the connections left');
    at.server.closeAllConnections();
    await closed;
  }
  clearTimeout(timer);
  await sales?.stop();
}
