import type { PosLaunchConfig } from '../../core/pos-api';

export interface MainLaunchConfig extends PosLaunchConfig {
  /** A Vite dev server to load instead of the built renderer (set by `electron-vite dev`). */
  readonly devServerUrl: string | null;
  /** Full screen without window chrome, for a dedicated counter terminal. */
  readonly kiosk: boolean;
}

function switchValue(argv: readonly string[], name: string): string | null {
  const prefix = `--${name}=`;
  for (let i = argv.length - 1; i >= 0; i -= 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith(prefix)) return arg.slice(prefix.length).trim() || null;
  }
  return null;
}

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | null {
  return env[name]?.trim() || null;
}

/**
 * Command-line switches (`--server=… --pair=… --kiosk`) win over the environment
 * (`HEXIAO_SERVER_URL`, `HEXIAO_PAIRING_CODE`, `HEXIAO_KIOSK=1`).
 */
export function resolveLaunchConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): MainLaunchConfig {
  const kioskEnv = envValue(env, 'HEXIAO_KIOSK');
  return {
    serverUrl: switchValue(argv, 'server') ?? envValue(env, 'HEXIAO_SERVER_URL'),
    pairingCode: switchValue(argv, 'pair') ?? envValue(env, 'HEXIAO_PAIRING_CODE'),
    devServerUrl: envValue(env, 'ELECTRON_RENDERER_URL'),
    kiosk: argv.includes('--kiosk') || kioskEnv === '1' || kioskEnv === 'true',
  };
}

/** The renderer gets only what it needs to pair; the rest stays in the main process. */
export function rendererLaunchConfig(config: MainLaunchConfig): PosLaunchConfig {
  return { serverUrl: config.serverUrl, pairingCode: config.pairingCode };
}
