import { z } from 'zod';
import { BUILT_IN_PROFILES } from './hardware/printer-profile';

/**
 * The counter's hardware as a manager chooses it on the settings screen: one receipt printer,
 * its paper, one scanner and whether slips print after a redemption. The host (Electron's main
 * process, or the launcher beside the hardware bridge) stores it and builds the devices from it.
 */

const Path = z.string().trim().min(1).max(300);
const BaudRate = z.number().int().positive().max(4_000_000).default(9600);
/** USB ids as `SerialPort.list()` reports them: four hex digits. */
const UsbId = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{4}$/, 'a USB id is four hexadecimal digits')
  .transform((id) => id.toLowerCase());

export const PrinterConnection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('tcp'),
    host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address'),
    port: z.number().int().min(1).max(65535).default(9100),
  }),
  z.object({ kind: z.literal('serial'), path: Path, baudRate: BaudRate }),
  z.object({ kind: z.literal('device-file'), path: Path }),
]);
export type PrinterConnection = z.infer<typeof PrinterConnection>;

export const PaperProfileId = z.enum(['58mm', '80mm']);
export type PaperProfileId = z.infer<typeof PaperProfileId>;

/** Columns of the normal font per paper width (core/hardware/printer-profile.ts). */
export const PAPER_COLUMNS: Readonly<Record<PaperProfileId, 32 | 48>> = { '58mm': 32, '80mm': 48 };

export const ScannerConnection = z.discriminatedUnion('kind', [
  /** A scanner that types like a keyboard; the renderer tells its bursts from a person's typing. */
  z.object({ kind: z.literal('wedge') }),
  z.object({ kind: z.literal('serial'), path: Path, baudRate: BaudRate }),
  /** Found again by its USB identity whatever path it gets (auto-detect). */
  z.object({ kind: z.literal('usb'), vendorId: UsbId, productId: UsbId.optional(), baudRate: BaudRate }),
]);
export type ScannerConnection = z.infer<typeof ScannerConnection>;

export const HardwareConfig = z.object({
  printer: PrinterConnection.default({ kind: 'none' }),
  paper: PaperProfileId.default('80mm'),
  /** Ask the printer `DLE EOT` before each job; off for print servers and printers that never answer. */
  printerStatusQueries: z.boolean().default(true),
  scanner: ScannerConnection.default({ kind: 'wedge' }),
  /** A cash drawer on the printer's kick-out port. */
  drawer: z.boolean().default(true),
  printSlipAfterRedemption: z.boolean().default(true),
});
export type HardwareConfig = z.infer<typeof HardwareConfig>;
export type HardwareConfigInput = z.input<typeof HardwareConfig>;

export const DEFAULT_HARDWARE_CONFIG: HardwareConfig = HardwareConfig.parse({});

/** The ids the host gives the devices it builds from a config. */
export const HARDWARE_IDS = { printer: 'receipt', scanner: 'scanner', drawer: 'drawer' } as const;

/** A stored config that no longer parses (hand-edited, older shape) falls back to the defaults. */
export function hardwareConfigFromJson(text: string | null): HardwareConfig {
  if (text === null) return DEFAULT_HARDWARE_CONFIG;
  try {
    const parsed = HardwareConfig.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_HARDWARE_CONFIG;
  } catch {
    return DEFAULT_HARDWARE_CONFIG;
  }
}

/**
 * The `printers` and `scanners` entries of a hardware-bridge config (drivers/bridge/bridge-config.ts)
 * for this hardware config, as plain JSON the bridge validates itself.
 */
export function bridgeDevicesOf(config: HardwareConfig): { printers: object[]; scanners: object[] } {
  const { printer, scanner } = config;
  const drawerId = config.drawer ? HARDWARE_IDS.drawer : undefined;
  const printers =
    printer.kind === 'none'
      ? []
      : [
          {
            id: HARDWARE_IDS.printer,
            profile: profileOf(config),
            transport: printer.kind === 'tcp' ? { kind: 'tcp', host: printer.host, port: printer.port } : { kind: printer.kind, path: printer.path },
            drawerId,
          },
        ];
  const scanners =
    scanner.kind === 'serial'
      ? [{ id: HARDWARE_IDS.scanner, path: scanner.path, baudRate: scanner.baudRate }]
      : scanner.kind === 'usb'
        ? [{ id: HARDWARE_IDS.scanner, match: { vendorId: scanner.vendorId, productId: scanner.productId }, baudRate: scanner.baudRate }]
        : [];
  return { printers, scanners };
}

function profileOf(config: HardwareConfig): string | object {
  const { printer, paper } = config;
  const profile = printer.kind === 'serial' ? serialProfile(paper, printer.baudRate) : paper;
  if (config.printerStatusQueries) return profile;
  return { ...(typeof profile === 'string' ? BUILT_IN_PROFILES[profile] : profile), statusQueries: false };
}

function serialProfile(paper: PaperProfileId, baudRate: number): object {
  const [dotsPerLine, columns] = paper === '58mm' ? [384, 32] : [576, 48];
  return { id: `${paper}-serial`, paperWidthMm: paper === '58mm' ? 58 : 80, columns, dotsPerLine, serial: { baudRate } };
}

/** A serial port as the settings screen lists it; `scannerMaker` names a known scanner vendor. */
export interface SerialPortInfo {
  path: string;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
  scannerMaker: string | null;
}

export function describeSerialPorts(
  ports: readonly { path: string; vendorId?: string; productId?: string; serialNumber?: string; manufacturer?: string }[],
  knownScannerVendors: Readonly<Record<string, string>>,
): SerialPortInfo[] {
  return ports.map((p) => {
    const vendorId = p.vendorId?.toLowerCase() ?? null;
    return {
      path: p.path,
      vendorId,
      productId: p.productId?.toLowerCase() ?? null,
      serialNumber: p.serialNumber ?? null,
      manufacturer: p.manufacturer ?? null,
      scannerMaker: vendorId !== null && Object.hasOwn(knownScannerVendors, vendorId) ? (knownScannerVendors[vendorId] ?? null) : null,
    };
  });
}
