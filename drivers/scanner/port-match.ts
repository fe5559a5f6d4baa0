/** What `SerialPort.list()` reports about a port (the fields used here). */
export interface PortInfo {
  path: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
}

export interface PortMatch {
  vendorId: string;
  productId?: string;
  serialNumber?: string;
}

/** USB vendor ids of common scanner makers, for auto-detection when none is configured. */
export const KNOWN_SCANNER_VENDORS: Readonly<Record<string, string>> = {
  '0c2e': 'Honeywell (Metrologic)',
  '05e0': 'Zebra (Symbol)',
  '05f9': 'Datalogic',
  '1eab': 'Newland',
  '2dd6': 'Netum',
};

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

export function findPort(ports: readonly PortInfo[], match: PortMatch): PortInfo | undefined {
  return ports.find(
    (p) =>
      same(p.vendorId, match.vendorId) &&
      (match.productId === undefined || same(p.productId, match.productId)) &&
      (match.serialNumber === undefined || same(p.serialNumber, match.serialNumber)),
  );
}

/** Ports that look like scanners by vendor id, for a settings screen's "detect" button. */
export function detectScanners(ports: readonly PortInfo[]): PortInfo[] {
  return ports.filter((p) => p.vendorId !== undefined && Object.hasOwn(KNOWN_SCANNER_VENDORS, p.vendorId.toLowerCase()));
}
