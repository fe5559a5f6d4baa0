import type { PrintJobSummary, Scan, ScannerStatus } from './hardware/devices';
import type { HardwareResult } from './hardware/hardware-result';
import type { PrinterStatus } from './hardware/printer-status';
import type { HardwareConfig, HardwareConfigInput, SerialPortInfo } from './pos-hardware-config';
import type { ReceiptDocument } from './receipt/document';

/**
 * The typed `window.pos` contract: the one object through which the POS renderer reaches its host.
 * Electron's preload implements it over IPC; in a plain browser the renderer's bridge module
 * provides the same shape over the hardware bridge's WebSocket. Only types and constants live
 * here: the sandboxed preload imports this file and can load no package at run time.
 *
 * Version 2 adds the counter's hardware: one receipt printer, one scanner, one cash drawer.
 * Every hardware call answers a value (`{ ok: true, … }` or `{ ok: false, reason, canRetry }`),
 * never a rejected promise.
 */
export const POS_API_VERSION = 2;

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

/** Whether the host's hardware side is reachable (the bridge's WebSocket; always in Electron). */
export type HardwareLinkState = 'connected' | 'disconnected';

/** Pushed by the host; subscribe with `onHardwareEvent`. */
export type PosHardwareEvent =
  | { readonly type: 'link'; readonly state: HardwareLinkState }
  | { readonly type: 'printerStatus'; readonly status: PrinterStatus }
  | { readonly type: 'job'; readonly job: PrintJobSummary }
  | { readonly type: 'scan'; readonly scan: Scan }
  | { readonly type: 'scannerStatus'; readonly status: ScannerStatus }
  | { readonly type: 'config'; readonly config: HardwareConfig };

export interface PosHardwareConfigView {
  readonly config: HardwareConfig;
  /** False when the host serves a fixed setup (a bridge started with its own config file). */
  readonly editable: boolean;
}

export interface PosHardwareApi {
  /** Asks the printer now (`DLE EOT`); `unknown_device` when none is configured. */
  printerStatus(): Promise<HardwareResult<{ status: PrinterStatus }>>;
  /** Queues a document; resolves once it is journaled, not when the paper comes out. */
  print(document: ReceiptDocument, label: string): Promise<HardwareResult<{ jobId: string }>>;
  /** Resolves when the job printed (or was sent) or failed for good. */
  waitForJob(jobId: string): Promise<HardwareResult<{ job: PrintJobSummary }>>;
  /** Queues the same bytes again (a failed job's retry). */
  reprint(jobId: string): Promise<HardwareResult<{ jobId: string }>>;
  printJobs(): Promise<HardwareResult<{ jobs: PrintJobSummary[] }>>;
  scannerStatus(): Promise<HardwareResult<{ status: ScannerStatus }>>;
  openDrawer(): Promise<HardwareResult>;
  getHardwareConfig(): Promise<HardwareResult<PosHardwareConfigView>>;
  /** Validates, stores and applies a config (the devices are rebuilt); answers the stored one. */
  setHardwareConfig(config: HardwareConfigInput): Promise<HardwareResult<{ config: HardwareConfig }>>;
  /** Serial ports of this machine, known scanner makers named, for choosing or auto-detecting. */
  listSerialPorts(): Promise<HardwareResult<{ ports: SerialPortInfo[] }>>;
  /** Returns the unsubscribe function. */
  onHardwareEvent(listener: (event: PosHardwareEvent) => void): () => void;
}

export interface PosApi extends PosHardwareApi {
  readonly apiVersion: typeof POS_API_VERSION;
  getRuntimeInfo(): Promise<PosRuntimeInfo>;
  getLaunchConfig(): Promise<PosLaunchConfig>;
}

/** IPC channel names shared by the preload (invoke) and the main process (handle). */
export const POS_IPC = {
  runtimeInfo: 'pos:runtime-info',
  launchConfig: 'pos:launch-config',
  printerStatus: 'pos:printer-status',
  print: 'pos:print',
  waitForJob: 'pos:wait-for-job',
  reprint: 'pos:reprint',
  printJobs: 'pos:print-jobs',
  scannerStatus: 'pos:scanner-status',
  openDrawer: 'pos:open-drawer',
  getHardwareConfig: 'pos:get-hardware-config',
  setHardwareConfig: 'pos:set-hardware-config',
  listSerialPorts: 'pos:list-serial-ports',
} as const;

export type PosIpcChannel = (typeof POS_IPC)[keyof typeof POS_IPC];

/** The one channel the main process sends on (`PosHardwareEvent`s); the rest are invoked. */
export const POS_IPC_EVENT = 'pos:hardware-event';

/**
 * Query parameters the launcher puts on the POS address for a browser: the pairing, and the
 * hardware bridge with its token and the launcher's config endpoint (same token).
 */
export const LAUNCH_PARAM = {
  server: 'server',
  pairingCode: 'pair',
  bridgeUrl: 'bridge',
  bridgeToken: 'bridgeToken',
  hardwareConfigUrl: 'hardwareConfig',
} as const;
