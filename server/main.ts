import { formatVoucherCode } from '../core/voucher-code';
import { noMerchantHint } from './admin/no-merchant-hint';
import { loadConfig } from './config';
import type { DemoInfo } from './demo/demo-info';
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
  sales: salesConfig.options,
}).catch((error: unknown) => {
  console.error(`hexiao server: cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

if (running.demo) printDemo(running.demo);
else {
  const hint = await noMerchantHint(running.db, running.url);
  if (hint) console.log(hint);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal }, 'stopping');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  });
}

/** The one place full voucher codes are shown: demo codes, so a newcomer can try them. */
function printDemo(demo: DemoInfo): void {
  const lines = [
    '',
    `Hexiao demo — ${demo.merchant.name} · ${demo.store.name} · ${demo.terminal.name}`,
    `  server        ${demo.serverUrl}`,
    `  pairing code  ${demo.pairingCode}  (single use, until ${demo.pairingExpiresAt})`,
    '  voucher codes:',
    ...demo.vouchers.map(
      (v) => `    ${formatVoucherCode(v.code)}  ${v.campaignTitle}  ${v.remaining}/${v.uses} uses  ${v.storeNames.join('、')}`,
    ),
    ...(demo.sales
      ? [
          `  flash sale    POST ${demo.serverUrl}/api/v1/flash-sales/${demo.sales.flashSale.campaignId}/orders  (${demo.sales.flashSale.title})`,
          `  channel       ${demo.sales.channel.name}  webhook secret ${demo.sales.channel.secret}  (X-Hexiao-Merchant: ${demo.merchant.id})`,
        ]
      : []),
    ...(demo.backOffice ?? []).map((u) => `  back office   ${u.login} / ${u.password}  (${u.role})`),
    '',
  ];
  console.log(lines.join('\n'));
}
