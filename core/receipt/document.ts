import { z } from 'zod';

/** A receipt as data: what to print, not how. The encoder turns it into printer bytes. */

export const Align = z.enum(['left', 'center', 'right']);
export type Align = z.infer<typeof Align>;

export const TextBlock = z.object({
  type: z.literal('text'),
  text: z.string(),
  align: Align.default('left'),
  /** Character magnification: width and height multipliers 1 or 2. */
  width: z.union([z.literal(1), z.literal(2)]).default(1),
  height: z.union([z.literal(1), z.literal(2)]).default(1),
  bold: z.boolean().default(false),
});

export const Column = z.object({
  text: z.string(),
  align: Align.default('left'),
  /** Share of the line left after fixed-width columns, relative to the other columns' weights. */
  weight: z.number().positive().default(1),
  /** A fixed width in columns (e.g. an amount column); takes precedence over `weight`. */
  width: z.number().int().positive().optional(),
});

export const ColumnsBlock = z.object({
  type: z.literal('columns'),
  columns: z.array(Column).min(2).max(3),
  bold: z.boolean().default(false),
});

export const SeparatorBlock = z.object({
  type: z.literal('separator'),
  char: z.enum(['-', '=', '.', '*', ' ']).default('-'),
});

export const QrBlock = z.object({
  type: z.literal('qr'),
  data: z.string().min(1).max(700),
  errorCorrection: z.enum(['L', 'M', 'Q', 'H']).default('M'),
  /** Module size in dots; the profile's default when absent. */
  moduleSize: z.number().int().min(1).max(16).optional(),
  align: Align.default('center'),
});

export const BarcodeBlock = z.object({
  type: z.literal('barcode'),
  symbology: z.enum(['EAN13', 'EAN8', 'UPCA', 'CODE128']),
  data: z.string().min(1).max(64),
  heightDots: z.number().int().min(1).max(255).default(80),
  moduleWidth: z.number().int().min(2).max(6).default(2),
  showText: z.boolean().default(true),
  align: Align.default('center'),
});

/** A 1-bit raster: rows of `ceil(widthDots / 8)` bytes, most significant bit left, 1 = black. */
export const ImageBlock = z.object({
  type: z.literal('image'),
  widthDots: z.number().int().min(1).max(2048),
  heightDots: z.number().int().min(1).max(2400),
  base64: z.string(),
  align: Align.default('center'),
});

export const FeedBlock = z.object({ type: z.literal('feed'), lines: z.number().int().min(1).max(255).default(1) });
export const CutBlock = z.object({ type: z.literal('cut'), partial: z.boolean().default(false) });
export const DrawerBlock = z.object({ type: z.literal('drawer'), pin: z.union([z.literal(2), z.literal(5)]).default(2) });

export const ReceiptBlock = z.discriminatedUnion('type', [
  TextBlock,
  ColumnsBlock,
  SeparatorBlock,
  QrBlock,
  BarcodeBlock,
  ImageBlock,
  FeedBlock,
  CutBlock,
  DrawerBlock,
]);
export type ReceiptBlock = z.infer<typeof ReceiptBlock>;
export type ReceiptBlockInput = z.input<typeof ReceiptBlock>;

export const ReceiptDocument = z.object({ blocks: z.array(ReceiptBlock).max(2000) });
export type ReceiptDocument = z.infer<typeof ReceiptDocument>;
export type ReceiptDocumentInput = z.input<typeof ReceiptDocument>;

export type TextBlock = z.infer<typeof TextBlock>;
export type Column = z.infer<typeof Column>;
export type SeparatorBlock = z.infer<typeof SeparatorBlock>;
export type ColumnsBlock = z.infer<typeof ColumnsBlock>;
export type QrBlock = z.infer<typeof QrBlock>;
export type BarcodeBlock = z.infer<typeof BarcodeBlock>;
export type ImageBlock = z.infer<typeof ImageBlock>;
