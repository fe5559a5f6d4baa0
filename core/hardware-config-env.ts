import { HardwareConfig, PaperProfileId } from './pos-hardware-config';

/**
 * The `HEXIAO_PRINTER_*` and `HEXIAO_SCANNER_*` variables over a stored hardware config: what
 * `npm start` (bridge or Electron) serves when they are set. Each variable replaces only its own
 * part; the settings screen can still change the config while the POS runs.
 */
export const HARDWARE_ENV = {
  printerTcp: 'HEXIAO_PRINTER_TCP',
  printerProfile: 'HEXIAO_PRINTER_PROFILE',
  printerStatus: 'HEXIAO_PRINTER_STATUS',
  scannerPath: 'HEXIAO_SCANNER_PATH',
} as const;

export type HardwareEnvResult = { ok: true; config: HardwareConfig; applied: string[] } | { ok: false; errors: string[] };

type Env = Readonly<Record<string, string | undefined>>;

/** `host`, `host:port` or `[v6 address]:port`; the port defaults to 9100. */
export function parsePrinterAddress(text: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+))(?::(\d{1,5}))?$/.exec(text.trim());
  if (!match) return null;
  const port = match[3] === undefined ? 9100 : Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1] ?? match[2]!, port };
}

export function hardwareConfigWithEnv(stored: HardwareConfig, env: Env): HardwareEnvResult {
  const value = (name: string): string | undefined => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  const errors: string[] = [];
  const applied: string[] = [];
  const next: Record<string, unknown> = { ...stored };

  const tcp = value(HARDWARE_ENV.printerTcp);
  if (tcp !== undefined) {
    const address = parsePrinterAddress(tcp);
    if (address) {
      next.printer = { kind: 'tcp', ...address };
      applied.push(`${HARDWARE_ENV.printerTcp}=${tcp}`);
    } else errors.push(`${HARDWARE_ENV.printerTcp}="${tcp}" is not host:port (e.g. 192.168.1.50:9100)`);
  }
  const profile = value(HARDWARE_ENV.printerProfile);
  if (profile !== undefined) {
    const paper = PaperProfileId.safeParse(profile);
    if (paper.success) {
      next.paper = paper.data;
      applied.push(`${HARDWARE_ENV.printerProfile}=${profile}`);
    } else errors.push(`${HARDWARE_ENV.printerProfile}="${profile}" is not one of ${PaperProfileId.options.join(', ')}`);
  }
  const status = value(HARDWARE_ENV.printerStatus);
  if (status !== undefined) {
    const on = ['on', '1', 'true', 'yes'].includes(status.toLowerCase());
    const off = ['off', '0', 'false', 'no'].includes(status.toLowerCase());
    if (on || off) {
      next.printerStatusQueries = on;
      applied.push(`${HARDWARE_ENV.printerStatus}=${status}`);
    } else errors.push(`${HARDWARE_ENV.printerStatus}="${status}" is not on or off`);
  }
  const scanner = value(HARDWARE_ENV.scannerPath);
  if (scanner !== undefined) {
    next.scanner = { kind: 'serial', path: scanner, baudRate: 9600 };
    applied.push(`${HARDWARE_ENV.scannerPath}=${scanner}`);
  }
  if (errors.length > 0) return { ok: false, errors };
  const parsed = HardwareConfig.safeParse(next);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return { ok: true, config: parsed.data, applied };
}
