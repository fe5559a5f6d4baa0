import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { hardwareConfigWithEnv } from '../../core/hardware-config-env';
import { describeSerialPorts, type HardwareConfig } from '../../core/pos-hardware-config';
import { KNOWN_SCANNER_VENDORS } from '../../drivers/scanner/port-match';
import { readHardwareConfig, writeHardwareConfig } from '../../electron/main/hardware/config-file';
import { BridgeProcess } from './bridge-process';
import { startHardwareConfigService, type RunningConfigService } from './hardware-config-service';

export interface BrowserHardwareOptions {
  repoDir: string;
  /** The launcher's data folder; the hardware lives in its `hardware/` subfolder. */
  dataDir: string;
  bridgePort: number;
  /** The POS page's origin. */
  posOrigin: string;
  log: (line: string) => void;
  /** `HEXIAO_PRINTER_*`, `HEXIAO_SCANNER_PATH` and `HEXIAO_BRIDGE_TOKEN` (the README's bridge variables). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** What the POS page needs to reach its hardware (its launch parameters). */
export interface BrowserHardware {
  bridgeUrl: string;
  token: string;
  configUrl: string;
  stop(): Promise<void>;
}

/**
 * The hardware side of a browser POS: the bridge (`drivers/bridge/main.ts`) with a fresh random
 * token (or `HEXIAO_BRIDGE_TOKEN`), configured from `hardware/hardware.json` with the
 * `HEXIAO_PRINTER_*`/`HEXIAO_SCANNER_PATH` variables over it, and the config endpoint that changes it.
 */
export async function startBrowserHardware(options: BrowserHardwareOptions): Promise<BrowserHardware> {
  const hardwareDir = join(options.dataDir, 'hardware');
  await mkdir(hardwareDir, { recursive: true });
  const configFile = join(hardwareDir, 'hardware.json');
  const env = options.env ?? {};
  const token = env.HEXIAO_BRIDGE_TOKEN?.trim() || randomBytes(24).toString('base64url');
  if (token.length < 16) throw new Error('HEXIAO_BRIDGE_TOKEN must be at least 16 characters');
  const withEnv = hardwareConfigWithEnv(await readHardwareConfig(configFile), env);
  if (!withEnv.ok) throw new Error(withEnv.errors.join('; '));
  if (withEnv.applied.length > 0) options.log(`devices from the environment: ${withEnv.applied.join(' ')}`);
  if (env.HEXIAO_BRIDGE_CONFIG) {
    options.log('HEXIAO_BRIDGE_CONFIG is not read by npm start (only by the bridge run alone); its devices come from the settings screen and HEXIAO_PRINTER_*/HEXIAO_SCANNER_PATH');
  }
  let config: HardwareConfig = withEnv.config;
  const bridge = new BridgeProcess({
    repoDir: options.repoDir,
    hardwareDir,
    port: options.bridgePort,
    token,
    allowedOrigins: [options.posOrigin],
    log: options.log,
  });
  await bridge.run(config);
  let service: RunningConfigService;
  try {
    service = await startHardwareConfigService({
      token,
      allowedOrigin: options.posOrigin,
      current: () => config,
      apply: async (next) => {
        await writeHardwareConfig(configFile, next);
        config = next;
        await bridge.run(next);
      },
      serialPorts: async () => describeSerialPorts(await SerialPort.list(), KNOWN_SCANNER_VENDORS),
    });
  } catch (error) {
    await bridge.stop();
    throw error;
  }
  return {
    bridgeUrl: bridge.url,
    token,
    configUrl: service.url,
    stop: async () => {
      await service.close();
      await bridge.stop();
    },
  };
}
