import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { PrintJobState } from '../../core/hardware/devices';
import type { HardwareFailure } from '../../core/hardware/hardware-result';
import type { ReceiptDocument } from '../../core/receipt/document';
import { useHardwareStore } from '../hardware/hardware-store';

/**
 * `noPrinter`: none is set up, nothing was queued; `sending`: not journaled yet; `unqueued`: the
 * host refused it (problem says why); else the print queue's own state of the job.
 */
export type CounterPrintState = PrintJobState | 'noPrinter' | 'sending' | 'unqueued';

export interface CounterPrint {
  jobId: string | null;
  state: CounterPrintState;
  problem: HardwareFailure | null;
  lastError: string | null;
  reprint: boolean;
}

/** Print keys: one per document a person may ask about again. */
export const saleReceiptKey = (saleId: string): string => `sale:${saleId}`;
export const shiftReportKey = (shiftId: string): string => `shift:${shiftId}`;

/**
 * Sale receipts and shift reports as the print queue really has them: what the screen says about a
 * print comes from here, never from having asked for one.
 */
export const useCounterPrintStore = defineStore('counterPrints', () => {
  const hardware = useHardwareStore();
  const prints = ref<Record<string, CounterPrint>>({});
  /** Documents the host never journaled, kept for a retry. */
  const unsent = new Map<string, { document: ReceiptDocument; label: string }>();

  function set(key: string, patch: Partial<CounterPrint>): void {
    const current = prints.value[key] ?? { jobId: null, state: 'sending', problem: null, lastError: null, reprint: false };
    prints.value = { ...prints.value, [key]: { ...current, ...patch } };
  }

  async function send(key: string, document: ReceiptDocument, label: string, reprint = false): Promise<CounterPrint> {
    if (hardware.absent || hardware.printerView === 'none') {
      set(key, { jobId: null, state: 'noPrinter', problem: null, lastError: null, reprint });
      return prints.value[key]!;
    }
    set(key, { jobId: null, state: 'sending', problem: null, lastError: null, reprint });
    const result = await hardware.print(document, label);
    if (!result.ok) {
      unsent.set(key, { document, label });
      set(key, { state: 'unqueued', problem: result });
    } else {
      unsent.delete(key);
      const known = hardware.jobs[result.jobId];
      set(key, { jobId: result.jobId, state: known?.state ?? 'queued', lastError: known?.lastError ?? null });
    }
    return prints.value[key]!;
  }

  /** A failed job goes again as the same bytes; one never journaled is sent again. */
  async function retry(key: string): Promise<void> {
    const current = prints.value[key];
    const waiting = unsent.get(key);
    if (current?.state === 'unqueued' && waiting) {
      await send(key, waiting.document, waiting.label, current.reprint);
      return;
    }
    if (current?.state !== 'failed' || !current.jobId) return;
    set(key, { state: 'sending', problem: null });
    const result = await hardware.reprintJob(current.jobId);
    if (!result.ok) set(key, { state: 'failed', problem: result });
    else set(key, { jobId: result.jobId, state: 'queued', lastError: null });
  }

  watch(
    () => hardware.jobs,
    (jobs) => {
      for (const [key, p] of Object.entries(prints.value)) {
        const job = p.jobId ? jobs[p.jobId] : undefined;
        if (job && (job.state !== p.state || job.lastError !== p.lastError)) set(key, { state: job.state, lastError: job.lastError });
      }
    },
    { deep: false },
  );

  return { prints, send, retry };
});
