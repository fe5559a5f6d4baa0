import { z } from 'zod';
import { ReceiptDocument } from '../receipt/document';
import { PrintJobSummary, ScannerStatus } from './devices';
import { HardwareFailure } from './hardware-result';
import { PrinterProfile } from './printer-profile';
import { PrinterStatus } from './printer-status';

/**
 * JSON messages of the hardware bridge: a WebSocket on 127.0.0.1 that serves printers, scanners
 * and drawers to a browser POS. Connect to `ws://127.0.0.1:PORT/?token=TOKEN`; a wrong token is
 * refused with HTTP 401 before the upgrade. The client sends requests with its own `id`; the
 * bridge answers each with a response carrying that `id`, and pushes events unasked.
 */
export const BRIDGE_PROTOCOL_VERSION = 1;
export const BRIDGE_TOKEN_PARAM = 'token';

const RequestId = z.union([z.string().min(1).max(100), z.number().int()]);
const DeviceId = z.string().min(1).max(100);

export const BridgeRequest = z.discriminatedUnion('method', [
  z.object({ type: z.literal('request'), id: RequestId, method: z.literal('hardware.list') }),
  z.object({
    type: z.literal('request'),
    id: RequestId,
    method: z.literal('printer.print'),
    printerId: DeviceId,
    document: ReceiptDocument,
    label: z.string().max(200).optional(),
  }),
  z.object({ type: z.literal('request'), id: RequestId, method: z.literal('printer.waitForJob'), printerId: DeviceId, jobId: z.string() }),
  z.object({ type: z.literal('request'), id: RequestId, method: z.literal('printer.reprint'), printerId: DeviceId, jobId: z.string() }),
  z.object({ type: z.literal('request'), id: RequestId, method: z.literal('printer.jobs'), printerId: DeviceId }),
  z.object({ type: z.literal('request'), id: RequestId, method: z.literal('printer.status'), printerId: DeviceId }),
  z.object({ type: z.literal('request'), id: RequestId, method: z.literal('drawer.open'), drawerId: DeviceId }),
  z.object({ type: z.literal('request'), id: RequestId, method: z.literal('scanner.status'), scannerId: DeviceId }),
]);
export type BridgeRequest = z.infer<typeof BridgeRequest>;
export type BridgeRequestInput = z.input<typeof BridgeRequest>;
export type BridgeMethod = BridgeRequest['method'];

export const HardwareList = z.object({
  printers: z.array(z.object({ id: z.string(), profile: PrinterProfile, status: PrinterStatus })),
  scanners: z.array(z.object({ id: z.string(), status: ScannerStatus })),
  drawers: z.array(z.object({ id: z.string() })),
});
export type HardwareList = z.infer<typeof HardwareList>;

/** What `result` holds on success, per method. */
export const BridgeResults = {
  'hardware.list': HardwareList,
  'printer.print': z.object({ jobId: z.string() }),
  'printer.waitForJob': z.object({ job: PrintJobSummary }),
  'printer.reprint': z.object({ jobId: z.string() }),
  'printer.jobs': z.object({ jobs: z.array(PrintJobSummary) }),
  'printer.status': z.object({ status: PrinterStatus }),
  'drawer.open': z.object({}),
  'scanner.status': z.object({ status: ScannerStatus }),
} as const satisfies Record<BridgeMethod, z.ZodType>;

export const BridgeResponse = z.object({
  type: z.literal('response'),
  id: RequestId.nullable(),
  result: z.union([z.object({ ok: z.literal(true) }).loose(), HardwareFailure]),
});
export type BridgeResponse = z.infer<typeof BridgeResponse>;

export const ScanKindSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('voucherCode'), code: z.string() }),
  z.object({ kind: z.literal('voucherQr'), token: z.string() }),
  z.object({ kind: z.literal('product'), symbology: z.enum(['EAN13', 'EAN8', 'UPCA']), gtin: z.string() }),
  z.object({ kind: z.literal('memberQr'), token: z.string() }),
  z.object({ kind: z.literal('memberPhone'), phone: z.string() }),
  z.object({ kind: z.literal('rejected'), reason: z.string() }),
]);

export const BridgeEvent = z.discriminatedUnion('event', [
  z.object({ type: z.literal('event'), event: z.literal('hello'), protocol: z.literal(BRIDGE_PROTOCOL_VERSION) }),
  z.object({
    type: z.literal('event'),
    event: z.literal('scan'),
    scan: z.object({ scannerId: z.string(), value: z.string(), kind: ScanKindSchema, at: z.string() }),
  }),
  z.object({ type: z.literal('event'), event: z.literal('scannerStatus'), scannerId: z.string(), status: ScannerStatus }),
  z.object({ type: z.literal('event'), event: z.literal('printerStatus'), printerId: z.string(), status: PrinterStatus }),
  z.object({ type: z.literal('event'), event: z.literal('job'), job: PrintJobSummary }),
]);
export type BridgeEvent = z.infer<typeof BridgeEvent>;

export const BridgeServerMessage = z.union([BridgeResponse, BridgeEvent]);
export type BridgeServerMessage = z.infer<typeof BridgeServerMessage>;
