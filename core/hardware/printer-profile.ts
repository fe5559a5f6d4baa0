import { z } from 'zod';

export const SerialSettings = z.object({
  baudRate: z.number().int().positive().default(9600),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']).default('none'),
});
export type SerialSettings = z.infer<typeof SerialSettings>;

/** What one printer model can do; the encoder and the queue read nothing else about it. */
export const PrinterProfile = z.object({
  id: z.string().min(1),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  /** Characters per line in the normal font (12×24): 32 on 58 mm, 48 (or 42) on 80 mm. */
  columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
  /** Printable dots per line, for raster images and QR fallbacks. */
  dotsPerLine: z.number().int().positive(),
  encoding: z.enum(['gb18030', 'ascii']).default('gb18030'),
  /** Epson international models start in single-byte mode and need `FS &` for Chinese. */
  sendFsAmpersand: z.boolean().default(true),
  qr: z.enum(['native', 'raster']).default('native'),
  qrModuleSize: z.number().int().min(1).max(16).default(6),
  cutter: z.boolean().default(true),
  drawer: z.boolean().default(true),
  /** Answers `DLE EOT` over a two-way link. */
  statusQueries: z.boolean().default(true),
  /** Confirms a job was processed (`GS a` + `GS r 1`); otherwise "sent" is all we know. */
  printConfirmation: z.boolean().default(false),
  serial: SerialSettings.optional(),
});
export type PrinterProfile = z.infer<typeof PrinterProfile>;
export type PrinterProfileInput = z.input<typeof PrinterProfile>;

export const PROFILE_58MM: PrinterProfile = PrinterProfile.parse({
  id: '58mm',
  paperWidthMm: 58,
  columns: 32,
  dotsPerLine: 384,
});

export const PROFILE_80MM: PrinterProfile = PrinterProfile.parse({
  id: '80mm',
  paperWidthMm: 80,
  columns: 48,
  dotsPerLine: 576,
});

/** 80 mm printers whose normal font is wider (e.g. some Star and Citizen models). */
export const PROFILE_80MM_42: PrinterProfile = PrinterProfile.parse({
  id: '80mm-42',
  paperWidthMm: 80,
  columns: 42,
  dotsPerLine: 512,
});

export const BUILT_IN_PROFILES: Readonly<Record<string, PrinterProfile>> = {
  '58mm': PROFILE_58MM,
  '80mm': PROFILE_80MM,
  '80mm-42': PROFILE_80MM_42,
};
