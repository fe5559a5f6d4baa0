import type { PrinterProfile } from '../../core/hardware/printer-profile';
import type { PrinterStatus } from '../../core/hardware/printer-status';
import type { BarcodeScanner, CashDrawer, ReceiptPrinter } from '../../core/hardware/devices';
import { PrinterCashDrawer, QueuedReceiptPrinter } from '../printer/queued-receipt-printer';
import { PrintQueue } from '../queue/print-queue';
import { SerialScanner } from '../scanner/serial-scanner';
import { DeviceFileTransport } from '../transport/device-file-transport';
import type { PrinterTransport } from '../transport/printer-transport';
import { SerialTransport } from '../transport/serial-transport';
import { TcpTransport } from '../transport/tcp-transport';
import type { BridgeConfig } from './bridge-config';

export interface BridgePrinter {
  printer: ReceiptPrinter;
  profile: PrinterProfile;
  lastStatus: () => PrinterStatus;
}

/** The devices a bridge (or Electron's main process) serves. */
export interface HardwareSet {
  printers: BridgePrinter[];
  scanners: BarcodeScanner[];
  drawers: CashDrawer[];
  start(): void;
  stop(): Promise<void>;
}

export function createHardwareSet(config: BridgeConfig, log: (message: string) => void = () => undefined): HardwareSet {
  const queues: PrintQueue[] = [];
  const printers: BridgePrinter[] = [];
  const drawers: CashDrawer[] = [];
  for (const p of config.printers) {
    const queue = new PrintQueue({ printerId: p.id, transport: transportFor(p.transport, p.profile), profile: p.profile, dataDir: config.dataDir, log });
    queues.push(queue);
    printers.push({ printer: new QueuedReceiptPrinter(queue), profile: p.profile, lastStatus: () => queue.lastStatus() });
    if (p.drawerId) drawers.push(new PrinterCashDrawer(p.drawerId, queue));
  }
  const scanners = config.scanners.map(
    (s) => new SerialScanner({ id: s.id, path: s.path, match: s.match, baudRate: s.baudRate, log }),
  );
  return {
    printers,
    scanners,
    drawers,
    start() {
      for (const q of queues) q.start();
      for (const s of scanners) s.start();
    },
    async stop() {
      await Promise.all([...queues.map((q) => q.stop()), ...scanners.map((s) => s.stop())]);
    },
  };
}

function transportFor(t: BridgeConfig['printers'][number]['transport'], profile: PrinterProfile): PrinterTransport {
  if (t.kind === 'tcp') return new TcpTransport({ host: t.host, port: t.port });
  if (t.kind === 'serial') return new SerialTransport(t.path, profile.serial);
  return new DeviceFileTransport(t.path);
}
