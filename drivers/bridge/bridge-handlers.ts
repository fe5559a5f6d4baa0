import type { BridgeRequest } from '../../core/hardware/bridge-protocol';
import { hardwareFail, hardwareOk, type HardwareResult } from '../../core/hardware/hardware-result';
import type { HardwareSet } from './hardware-set';

type Hardware = Pick<HardwareSet, 'printers' | 'scanners' | 'drawers'>;

/** One bridge request → the device call it names; results are values, never thrown. */
export async function handleBridgeRequest(hardware: Hardware, request: BridgeRequest): Promise<HardwareResult> {
  const printerOf = (id: string) => hardware.printers.find((p) => p.printer.id === id)?.printer;
  switch (request.method) {
    case 'hardware.list':
      return hardwareOk({
        printers: hardware.printers.map((p) => ({ id: p.printer.id, profile: p.profile, status: p.lastStatus() })),
        scanners: hardware.scanners.map((s) => ({ id: s.id, status: s.status() })),
        drawers: hardware.drawers.map((d) => ({ id: d.id })),
      });
    case 'drawer.open': {
      const drawer = hardware.drawers.find((d) => d.id === request.drawerId);
      return drawer ? drawer.open() : unknown('drawer', request.drawerId);
    }
    case 'scanner.status': {
      const scanner = hardware.scanners.find((s) => s.id === request.scannerId);
      return scanner ? hardwareOk({ status: scanner.status() }) : unknown('scanner', request.scannerId);
    }
    default: {
      const printer = printerOf(request.printerId);
      if (!printer) return unknown('printer', request.printerId);
      switch (request.method) {
        case 'printer.print':
          return printer.print(request.document, request.label);
        case 'printer.waitForJob':
          return printer.waitForJob(request.jobId);
        case 'printer.reprint':
          return printer.reprint(request.jobId);
        case 'printer.jobs':
          return hardwareOk({ jobs: printer.jobs() });
        case 'printer.status':
          return hardwareOk({ status: await printer.status() });
      }
    }
  }
}

function unknown(kind: string, id: string): HardwareResult {
  return hardwareFail('unknown_device', `no ${kind} "${id}" on this bridge`, false);
}
