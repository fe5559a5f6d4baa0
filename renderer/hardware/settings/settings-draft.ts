import { HardwareConfig, type PaperProfileId } from '../../../core/pos-hardware-config';

/** The settings form as typed: every field a string or a choice, checked only when saved. */
export interface SettingsDraft {
  printerKind: HardwareConfig['printer']['kind'];
  host: string;
  port: string;
  printerPath: string;
  printerBaud: string;
  devicePath: string;
  paper: PaperProfileId;
  statusQueries: boolean;
  drawer: boolean;
  autoPrint: boolean;
  scannerKind: HardwareConfig['scanner']['kind'];
  scannerPath: string;
  scannerBaud: string;
  vendorId: string;
  productId: string;
}

export const BAUD_RATES = ['9600', '19200', '38400', '57600', '115200'] as const;

export function draftFromConfig(config: HardwareConfig): SettingsDraft {
  const { printer, scanner } = config;
  return {
    printerKind: printer.kind,
    host: printer.kind === 'tcp' ? printer.host : '',
    port: printer.kind === 'tcp' ? String(printer.port) : '9100',
    printerPath: printer.kind === 'serial' ? printer.path : '',
    printerBaud: printer.kind === 'serial' ? String(printer.baudRate) : '9600',
    devicePath: printer.kind === 'device-file' ? printer.path : '/dev/usb/lp0',
    paper: config.paper,
    statusQueries: config.printerStatusQueries,
    drawer: config.drawer,
    autoPrint: config.printSlipAfterRedemption,
    scannerKind: scanner.kind,
    scannerPath: scanner.kind === 'serial' ? scanner.path : '',
    scannerBaud: scanner.kind === 'wedge' ? '9600' : String(scanner.baudRate),
    vendorId: scanner.kind === 'usb' ? scanner.vendorId : '',
    productId: scanner.kind === 'usb' ? (scanner.productId ?? '') : '',
  };
}

/** A typed number, or NaN so that validation names the field. */
const numberOf = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

function printerOf(d: SettingsDraft): unknown {
  switch (d.printerKind) {
    case 'tcp':
      return { kind: 'tcp', host: d.host, port: numberOf(d.port) };
    case 'serial':
      return { kind: 'serial', path: d.printerPath, baudRate: numberOf(d.printerBaud) };
    case 'device-file':
      return { kind: 'device-file', path: d.devicePath };
    case 'none':
      return { kind: 'none' };
  }
}

function scannerOf(d: SettingsDraft): unknown {
  switch (d.scannerKind) {
    case 'serial':
      return { kind: 'serial', path: d.scannerPath, baudRate: numberOf(d.scannerBaud) };
    case 'usb':
      return { kind: 'usb', vendorId: d.vendorId, productId: d.productId.trim() || undefined, baudRate: numberOf(d.scannerBaud) };
    case 'wedge':
      return { kind: 'wedge' };
  }
}

/** The draft as a config, or the form fields (draft keys) that are wrong. */
export function configFromDraft(d: SettingsDraft): { ok: true; config: HardwareConfig } | { ok: false; fields: (keyof SettingsDraft)[] } {
  const parsed = HardwareConfig.safeParse({
    printer: printerOf(d),
    paper: d.paper,
    printerStatusQueries: d.statusQueries,
    scanner: scannerOf(d),
    drawer: d.drawer,
    printSlipAfterRedemption: d.autoPrint,
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  const fields = new Set<keyof SettingsDraft>();
  for (const issue of parsed.error.issues) fields.add(fieldOf(d, issue.path.map(String)));
  return { ok: false, fields: [...fields] };
}

function fieldOf(d: SettingsDraft, path: string[]): keyof SettingsDraft {
  const [section, key] = path;
  if (section === 'printer') {
    if (key === 'host') return 'host';
    if (key === 'port') return 'port';
    if (key === 'baudRate') return 'printerBaud';
    return d.printerKind === 'device-file' ? 'devicePath' : 'printerPath';
  }
  if (section === 'scanner') {
    if (key === 'baudRate') return 'scannerBaud';
    if (key === 'vendorId') return 'vendorId';
    if (key === 'productId') return 'productId';
    return 'scannerPath';
  }
  return 'paper';
}
