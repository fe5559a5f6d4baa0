import { randomBytes } from 'node:crypto';
import type { PrintJobSummary } from '../../../core/hardware/devices';
import { hardwareFail, hardwareOk, type HardwareFailure, type HardwareResult } from '../../../core/hardware/hardware-result';
import type { PosHardwareApi, PosHardwareEvent } from '../../../core/pos-api';
import { hardwareConfigWithEnv } from '../../../core/hardware-config-env';
import { bridgeDevicesOf, DEFAULT_HARDWARE_CONFIG, describeSerialPorts, HardwareConfig } from '../../../core/pos-hardware-config';
import type { ReceiptDocument } from '../../../core/receipt/document';
import { BridgeConfig, createHardwareSet, KNOWN_SCANNER_VENDORS, type HardwareSet, type PortInfo } from '../../../drivers';
import { readHardwareConfig, writeHardwareConfig } from './config-file';

export interface HardwareHostOptions {
  /** Where the manager's choice is kept (JSON). */
  configFile: string;
  /** Print-job journals. */
  dataDir: string;
  listPorts: () => Promise<PortInfo[]>;
  log?: (message: string) => void;
  /** `HEXIAO_PRINTER_*` and `HEXIAO_SCANNER_PATH` over the stored config, as under the bridge. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** `window.pos`'s hardware calls as the host answers them; a config comes in unchecked. */
export type HardwareHostApi = Omit<PosHardwareApi, 'onHardwareEvent' | 'setHardwareConfig'> & {
  setHardwareConfig(input: unknown): Promise<HardwareResult<{ config: HardwareConfig }>>;
};

const noPrinter = (): HardwareFailure => hardwareFail('unknown_device', 'no receipt printer is configured', false);

/**
 * The counter's devices inside one process (Electron's main): built from the stored config,
 * rebuilt whole when the manager changes it, their events forwarded to one set of listeners.
 */
export class HardwareHost implements HardwareHostApi {
  private config: HardwareConfig = DEFAULT_HARDWARE_CONFIG;
  private devices: HardwareSet | null = null;
  private offDevices: (() => void)[] = [];
  private readonly listeners = new Set<(event: PosHardwareEvent) => void>();
  private applying: Promise<unknown> = Promise.resolve();
  /** Resolves when the current devices are torn down, so waits on their jobs can end. */
  private replaced: { promise: Promise<void>; resolve: () => void } = deferred();

  constructor(private readonly options: HardwareHostOptions) {}

  async start(): Promise<void> {
    const stored = await readHardwareConfig(this.options.configFile);
    const withEnv = hardwareConfigWithEnv(stored, this.options.env ?? {});
    if (withEnv.ok && withEnv.applied.length > 0) this.options.log?.(`devices from the environment: ${withEnv.applied.join(' ')}`);
    if (!withEnv.ok) this.options.log?.(`ignored: ${withEnv.errors.join('; ')}`);
    this.config = withEnv.ok ? withEnv.config : stored;
    this.build();
  }

  async stop(): Promise<void> {
    await this.serially(() => this.teardown());
  }

  onEvent(listener: (event: PosHardwareEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async getHardwareConfig(): Promise<HardwareResult<{ config: HardwareConfig; editable: boolean }>> {
    return hardwareOk({ config: this.config, editable: true });
  }

  async setHardwareConfig(input: unknown): Promise<HardwareResult<{ config: HardwareConfig }>> {
    const parsed = HardwareConfig.safeParse(input);
    if (!parsed.success) {
      return hardwareFail('bad_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
    }
    return this.serially(async () => {
      await writeHardwareConfig(this.options.configFile, parsed.data);
      await this.teardown();
      this.config = parsed.data;
      this.build();
      this.emit({ type: 'config', config: this.config });
      return hardwareOk({ config: this.config });
    });
  }

  async printerStatus() {
    const printer = this.printer();
    return printer ? hardwareOk({ status: await printer.status() }) : noPrinter();
  }

  async print(document: ReceiptDocument, label: string) {
    return this.printer()?.print(document, label) ?? noPrinter();
  }

  async waitForJob(jobId: string): Promise<HardwareResult<{ job: PrintJobSummary }>> {
    const printer = this.printer();
    if (!printer) return noPrinter();
    const gone = this.replaced.promise.then(() => hardwareFail('not_connected', 'the printer was reconfigured while the job waited'));
    return Promise.race([printer.waitForJob(jobId), gone]);
  }

  async reprint(jobId: string) {
    return this.printer()?.reprint(jobId) ?? noPrinter();
  }

  async printJobs() {
    const printer = this.printer();
    return printer ? hardwareOk({ jobs: printer.jobs() }) : noPrinter();
  }

  async scannerStatus() {
    const scanner = this.devices?.scanners[0];
    return scanner ? hardwareOk({ status: scanner.status() }) : hardwareFail('unknown_device', 'no serial scanner is configured', false);
  }

  async openDrawer() {
    const drawer = this.devices?.drawers[0];
    return drawer ? drawer.open() : hardwareFail('unknown_device', 'no cash drawer is configured', false);
  }

  async listSerialPorts() {
    try {
      return hardwareOk({ ports: describeSerialPorts(await this.options.listPorts(), KNOWN_SCANNER_VENDORS) });
    } catch (error) {
      return hardwareFail('io_error', `cannot list serial ports: ${(error as Error).message}`);
    }
  }

  private printer() {
    return this.devices?.printers[0]?.printer;
  }

  private build(): void {
    const log = this.options.log ?? (() => undefined);
    // createHardwareSet reads a bridge config; this process serves no bridge, so the token is never used.
    const config = BridgeConfig.parse({ token: randomBytes(16).toString('hex'), dataDir: this.options.dataDir, ...bridgeDevicesOf(this.config) });
    const devices = createHardwareSet(config, log);
    this.offDevices = [
      ...devices.printers.flatMap(({ printer }) => [
        printer.onStatus((status) => this.emit({ type: 'printerStatus', status })),
        printer.onJob((job) => this.emit({ type: 'job', job })),
      ]),
      ...devices.scanners.flatMap((scanner) => [
        scanner.onScan((scan) => this.emit({ type: 'scan', scan })),
        scanner.onStatus((status) => this.emit({ type: 'scannerStatus', status })),
      ]),
    ];
    devices.start();
    this.devices = devices;
  }

  private async teardown(): Promise<void> {
    for (const off of this.offDevices.splice(0)) off();
    const devices = this.devices;
    this.devices = null;
    this.replaced.resolve();
    this.replaced = deferred();
    await devices?.stop();
  }

  private emit(event: PosHardwareEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.applying.then(work, work);
    this.applying = run.catch(() => undefined);
    return run;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
