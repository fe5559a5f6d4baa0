import { z } from 'zod';
import type { ReceiptDocument } from '../receipt/document';
import type { HardwareResult } from './hardware-result';
import type { PrinterStatus } from './printer-status';
import type { ScanKind } from './scan-kind';

/** The hardware contracts the POS codes against; drivers/ implements them, the bridge serves them. */

export const PrintJobState = z.enum(['queued', 'printing', 'waiting', 'printed', 'sent', 'failed']);
export type PrintJobState = z.infer<typeof PrintJobState>;

export const PrintJobSummary = z.object({
  id: z.string(),
  printerId: z.string(),
  label: z.string(),
  state: PrintJobState,
  attempts: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The job this one reprints, when it is a reprint. */
  reprintOf: z.string().nullable(),
});
export type PrintJobSummary = z.infer<typeof PrintJobSummary>;

export interface ReceiptPrinter {
  readonly id: string;
  /** Queues a document; resolves once it is safely journaled, not when the paper comes out. */
  print(document: ReceiptDocument, label?: string): Promise<HardwareResult<{ jobId: string }>>;
  /** Resolves when the job is printed (or sent, without print confirmation) or has failed for good. */
  waitForJob(jobId: string): Promise<HardwareResult<{ job: PrintJobSummary }>>;
  reprint(jobId: string): Promise<HardwareResult<{ jobId: string }>>;
  jobs(): PrintJobSummary[];
  status(): Promise<PrinterStatus>;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
  onJob(listener: (job: PrintJobSummary) => void): () => void;
}

export interface CashDrawer {
  readonly id: string;
  open(): Promise<HardwareResult>;
}

export const ScannerState = z.enum(['connecting', 'connected', 'disconnected', 'closed']);
export type ScannerState = z.infer<typeof ScannerState>;

export const ScannerStatus = z.object({
  state: ScannerState,
  path: z.string().nullable(),
  lastError: z.string().nullable(),
  at: z.string(),
});
export type ScannerStatus = z.infer<typeof ScannerStatus>;

export interface Scan {
  scannerId: string;
  value: string;
  kind: ScanKind;
  at: string;
}

export interface BarcodeScanner {
  readonly id: string;
  onScan(listener: (scan: Scan) => void): () => void;
  onStatus(listener: (status: ScannerStatus) => void): () => void;
  status(): ScannerStatus;
}
