import { loadBridgeConfig } from './bridge-config';
import { startBridge } from './bridge-server';
import { createHardwareSet } from './hardware-set';

/** `npx tsx drivers/bridge/main.ts`: serve this machine's printers and scanners to a browser POS. */
const log = (message: string): void => console.log(`[bridge] ${message}`);
const config = loadBridgeConfig(process.env);
const hardware = createHardwareSet(config, log);
hardware.start();
const bridge = await startBridge({ hardware, token: config.token, host: config.host, port: config.port, allowedOrigins: config.allowedOrigins, log });
log(`${config.printers.length} printer(s), ${config.scanners.length} scanner(s); jobs journaled in ${config.dataDir}`);

let stopping = false;
const shutdown = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await hardware.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown());
