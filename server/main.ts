import { noMerchantHint } from './admin/no-merchant-hint';
import { loadConfig } from './config';
import { demoBanner } from './demo/demo-banner';
import { startServer } from './server';
import { loadSalesConfig } from './use-cases/sales/sales-config';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  console.error(`hexiao server: invalid configuration\n${loaded.errors.map((e) => `  ${e}`).join('\n')}`);
  process.exit(1);
}
const { config } = loaded;
const salesConfig = loadSalesConfig(process.env);
if (!salesConfig.ok) {
  console.error(`hexiao server: invalid configuration\n${salesConfig.errors.map((e) => `  ${e}`).join('\n')}`);
  process.exit(1);
}

const running = await startServer({
  port: config.port,
  host: config.host,
  dataDir: config.dataDir,
  adminDir: config.adminDir,
  databaseUrl: config.databaseUrl,
  pgSchema: config.pgSchema,
  sqliteSynchronous: config.sqliteSynchronous,
  demo: config.demo,
  logLevel: config.logLevel,
  corsOrigin: config.corsOrigin,
  trustedProxies: config.trustedProxies,
  sales: salesConfig.options,
  metricsToken: config.metricsToken,
  shutdownGraceMs: config.shutdownGraceMs,
}).catch((error: unknown) => {
  console.error(`hexiao server: cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

if (running.demo) console.log(demoBanner(running.demo));
else {
  const hint = await noMerchantHint(running.db, running.url);
  if (hint) console.log(hint);
}

/** Past the grace for requests in flight, the rest of stopping (jobs, pool) gets this long. */
const HARD_DEADLINE_AFTER_GRACE_MS = 5_000;

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping');
    const deadline = config.shutdownGraceMs + HARD_DEADLINE_AFTER_GRACE_MS;
    setTimeout(() => {
      running.logger.error({ deadlineMs: deadline }, 'stopping took too long: exiting anyway');
      process.exit(1);
    }, deadline).unref();
    running.stop().then(
      () => {
        running.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        running.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  });
}
