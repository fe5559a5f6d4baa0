/**
 * The typed `window.pos` contract: the one object through which the POS renderer reaches its host.
 * Electron's preload implements it over IPC; in a plain browser the renderer's bridge module
 * provides the same shape. Printing and scanning join this contract in a later version.
 */

export const POS_API_VERSION = 1;

export type PosShell = 'electron' | 'browser';

export interface PosRuntimeInfo {
  readonly shell: PosShell;
  /** Hexiao's own version (package.json). */
  readonly appVersion: string;
  /** `linux`, `win32`, `darwin` in Electron; the browser's platform string otherwise. */
  readonly platform: string;
  /** Versions of the host's parts, e.g. `{ electron, chrome, node }`; empty in a browser. */
  readonly versions: Readonly<Record<string, string>>;
}

/** What the launcher asked for: the server to pair with and a one-time pairing code. */
export interface PosLaunchConfig {
  readonly serverUrl: string | null;
  readonly pairingCode: string | null;
}

export interface PosApi {
  readonly apiVersion: typeof POS_API_VERSION;
  getRuntimeInfo(): Promise<PosRuntimeInfo>;
  getLaunchConfig(): Promise<PosLaunchConfig>;
}

/** IPC channel names shared by the preload (invoke) and the main process (handle). */
export const POS_IPC = {
  runtimeInfo: 'pos:runtime-info',
  launchConfig: 'pos:launch-config',
} as const;

export type PosIpcChannel = (typeof POS_IPC)[keyof typeof POS_IPC];

/** Query parameters the launcher puts on the POS address for a browser. */
export const LAUNCH_PARAM = { server: 'server', pairingCode: 'pair' } as const;

