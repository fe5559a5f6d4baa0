import type { z } from 'zod';
import { BridgeResults, HardwareList, type BridgeEvent, type BridgeMethod } from '../../core/hardware/bridge-protocol';
import type { Scan } from '../../core/hardware/devices';
import { hardwareFail, hardwareOk, type HardwareFailure, type HardwareResult } from '../../core/hardware/hardware-result';
import type { ScanKind } from '../../core/hardware/scan-kind';
import type { PosHardwareApi, PosHardwareEvent } from '../../core/pos-api';
import { BridgeClient, type BridgeCall, type SocketFactory } from './bridge-client';
import { createHardwareConfigClient } from './hardware-config-client';

/** Where this page's hardware bridge is, as the launcher (or a bookmark) said. */
export interface BridgeLaunch {
  url: string;
  token: string;
  /** The launcher's config endpoint; absent for a bridge run with its own config file. */
  configUrl: string | null;
}

export type BrowserHardware = PosHardwareApi & { stop(): void };

type Answer<M extends BridgeMethod> = HardwareResult<z.infer<(typeof BridgeResults)[M]>>;

/** The hardware half of `window.pos` over the bridge's WebSocket, device ids learnt from `hardware.list`. */
export function createBridgeHardware(launch: BridgeLaunch, createSocket?: SocketFactory): BrowserHardware {
  const client = new BridgeClient({ url: launch.url, token: launch.token, createSocket });
  const config = launch.configUrl ? createHardwareConfigClient(launch.configUrl, launch.token) : null;
  const listeners = new Set<(event: PosHardwareEvent) => void>();
  const emit = (event: PosHardwareEvent): void => {
    for (const listener of listeners) listener(event);
  };
  let devices: HardwareList | null = null;

  async function call<M extends BridgeMethod>(method: M, body: Omit<BridgeCall, 'method'> = {}): Promise<Answer<M>> {
    const result = await client.request({ method, ...body } as BridgeCall);
    if (!result.ok) return result;
    const parsed = BridgeResults[method].safeParse(result);
    return parsed.success ? (hardwareOk(parsed.data as object) as Answer<M>) : hardwareFail('io_error', `unexpected answer to ${method}`);
  }

  async function listDevices(): Promise<HardwareList | HardwareFailure> {
    const result = await call('hardware.list');
    if (!result.ok) return result;
    devices = HardwareList.parse(result);
    const [printer] = devices.printers;
    const [scanner] = devices.scanners;
    if (printer) emit({ type: 'printerStatus', status: printer.status });
    if (scanner) emit({ type: 'scannerStatus', status: scanner.status });
    return devices;
  }

  async function idOf(kind: 'printers' | 'scanners' | 'drawers', what: string): Promise<string | HardwareFailure> {
    const list = devices ?? (await listDevices());
    if ('ok' in list) return list;
    return list[kind][0]?.id ?? hardwareFail('unknown_device', `no ${what} is configured on the hardware bridge`, false);
  }

  async function onPrinter<T extends object>(run: (printerId: string) => Promise<HardwareResult<T>>): Promise<HardwareResult<T>> {
    const id = await idOf('printers', 'receipt printer');
    return typeof id === 'string' ? run(id) : id;
  }

  client.onLink((state) => {
    if (state === 'disconnected') devices = null;
    emit({ type: 'link', state });
    if (state === 'connected') void listDevices();
  });
  client.onEvent((event: BridgeEvent) => {
    if (event.event === 'scan') emit({ type: 'scan', scan: { ...event.scan, kind: event.scan.kind as ScanKind } satisfies Scan });
    else if (event.event === 'scannerStatus') emit({ type: 'scannerStatus', status: event.status });
    else if (event.event === 'printerStatus') emit({ type: 'printerStatus', status: event.status });
    else if (event.event === 'job') emit({ type: 'job', job: event.job });
  });
  client.start();

  const noConfigService = (): HardwareFailure =>
    hardwareFail('unsupported', 'this hardware bridge was started with its own config file; change it on the bridge machine', false);

  return {
    printerStatus: () => onPrinter((printerId) => call('printer.status', { printerId })),
    print: (document, label) => onPrinter((printerId) => call('printer.print', { printerId, document, label })),
    waitForJob: (jobId) => onPrinter((printerId) => call('printer.waitForJob', { printerId, jobId })),
    reprint: (jobId) => onPrinter((printerId) => call('printer.reprint', { printerId, jobId })),
    printJobs: () => onPrinter((printerId) => call('printer.jobs', { printerId })),
    scannerStatus: async () => {
      const id = await idOf('scanners', 'serial scanner');
      return typeof id === 'string' ? call('scanner.status', { scannerId: id }) : id;
    },
    openDrawer: async () => {
      const id = await idOf('drawers', 'cash drawer');
      return typeof id === 'string' ? call('drawer.open', { drawerId: id }) : id;
    },
    getHardwareConfig: async () => (config ? config.get() : noConfigService()),
    setHardwareConfig: async (next) => {
      if (!config) return noConfigService();
      const result = await config.set(next);
      if (result.ok) emit({ type: 'config', config: result.config });
      return result;
    },
    listSerialPorts: async () => (config ? config.serialPorts() : noConfigService()),
    onHardwareEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => client.stop(),
  };
}

/** A page opened without a bridge: scanning by keyboard or camera still works, devices do not. */
export function createAbsentHardware(): BrowserHardware {
  const absent = async (): Promise<HardwareFailure> =>
    hardwareFail('not_connected', 'this page was opened without a hardware bridge', false);
  return {
    printerStatus: absent,
    print: absent,
    waitForJob: absent,
    reprint: absent,
    printJobs: absent,
    scannerStatus: absent,
    openDrawer: absent,
    getHardwareConfig: absent,
    setHardwareConfig: absent,
    listSerialPorts: absent,
    onHardwareEvent: () => () => undefined,
    stop: () => undefined,
  };
}
