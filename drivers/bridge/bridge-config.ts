import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parsePrinterAddress } from '../../core/hardware-config-env';
import { BUILT_IN_PROFILES, PrinterProfile } from '../../core/hardware/printer-profile';

const PrinterTransportConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), host: z.string().min(1), port: z.number().int().min(1).max(65535).default(9100) }),
  z.object({ kind: z.literal('serial'), path: z.string().min(1) }),
  z.object({ kind: z.literal('device-file'), path: z.string().min(1) }),
]);

const ProfileRef = z.union([z.enum(['58mm', '80mm', '80mm-42']).transform((id) => BUILT_IN_PROFILES[id]!), PrinterProfile]);

export const BridgeConfig = z.object({
  /** Loopback only: the bridge hands out printers and scanners to whoever holds the token. */
  host: z.enum(['127.0.0.1', '::1', 'localhost']).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(17800),
  token: z.string().min(16, 'the bridge token must be at least 16 characters'),
  /** Pages allowed to connect (their Origin header); empty allows any page that has the token. */
  allowedOrigins: z.array(z.string()).default([]),
  dataDir: z.string().min(1),
  printers: z
    .array(
      z.object({
        id: z.string().min(1),
        profile: ProfileRef.default(BUILT_IN_PROFILES['80mm']!),
        transport: PrinterTransportConfig,
        /** Id of the cash drawer on this printer's kick-out port, if one is wired. */
        drawerId: z.string().min(1).optional(),
      }),
    )
    .default([]),
  scanners: z
    .array(
      z.object({
        id: z.string().min(1),
        path: z.string().min(1).optional(),
        match: z.object({ vendorId: z.string(), productId: z.string().optional(), serialNumber: z.string().optional() }).optional(),
        baudRate: z.number().int().positive().default(9600),
      }),
    )
    .default([]),
});
export type BridgeConfig = z.infer<typeof BridgeConfig>;
export type BridgeConfigInput = z.input<typeof BridgeConfig>;

/**
 * `HEXIAO_BRIDGE_CONFIG` names a JSON file; without it a single-printer setup comes from
 * `HEXIAO_BRIDGE_TOKEN`, `HEXIAO_BRIDGE_PORT`, `HEXIAO_DATA_DIR`, `HEXIAO_PRINTER_TCP` (host:port),
 * `HEXIAO_PRINTER_PROFILE`, `HEXIAO_PRINTER_STATUS` (on/off) and `HEXIAO_SCANNER_PATH`.
 */
export function loadBridgeConfig(env: NodeJS.ProcessEnv): BridgeConfig {
  if (env.HEXIAO_BRIDGE_CONFIG) return BridgeConfig.parse(JSON.parse(readFileSync(env.HEXIAO_BRIDGE_CONFIG, 'utf8')));
  const tcp = env.HEXIAO_PRINTER_TCP?.trim();
  const address = tcp ? parsePrinterAddress(tcp) : null;
  if (tcp && !address) throw new Error(`HEXIAO_PRINTER_TCP="${tcp}" is not host:port (e.g. 192.168.1.50:9100)`);
  const profileId = env.HEXIAO_PRINTER_PROFILE ?? '80mm';
  const statusOff = ['off', '0', 'false', 'no'].includes((env.HEXIAO_PRINTER_STATUS ?? '').trim().toLowerCase());
  const builtIn = Object.hasOwn(BUILT_IN_PROFILES, profileId) ? BUILT_IN_PROFILES[profileId] : undefined;
  return BridgeConfig.parse({
    token: env.HEXIAO_BRIDGE_TOKEN,
    port: env.HEXIAO_BRIDGE_PORT ? Number(env.HEXIAO_BRIDGE_PORT) : undefined,
    dataDir: env.HEXIAO_DATA_DIR ?? 'data/hardware',
    printers: address
      ? [
          {
            id: 'receipt',
            profile: statusOff && builtIn ? { ...builtIn, statusQueries: false } : profileId,
            transport: { kind: 'tcp', ...address },
            drawerId: 'drawer',
          },
        ]
      : [],
    scanners: env.HEXIAO_SCANNER_PATH ? [{ id: 'scanner', path: env.HEXIAO_SCANNER_PATH }] : [],
  });
}
