import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { PrintJobState, PrintJobSummary } from '../../core/hardware/devices';
import type { HardwareFailure } from '../../core/hardware/hardware-result';
import type { ReceiptDocument } from '../../core/receipt/document';
import type { LocalRedemption } from '../db/pos-db';
import { useLocaleStore } from '../i18n/locale-store';
import { useRedeemStore } from '../redeem/redeem-store';
import { useSessionStore } from '../pairing/session-store';
import { counterCashier } from '../staff/counter-cashier';
import { useHardwareStore } from './hardware-store';
import { redemptionOfLabel, slipDocument, slipFactsFromHistory, slipFactsFromRecord, slipLabel, type SlipFacts, type SlipPlace } from './slip-data';

/** One redemption's slip: `sending` until the host journaled it, `unqueued` when it never got there. */
export interface SlipPrint {
  redemptionId: string;
  jobId: string | null;
  state: PrintJobState | 'sending' | 'unqueued';
  /** Why it did not get queued, or why the job waits or failed. */
  problem: HardwareFailure | null;
  lastError: string | null;
  reprint: boolean;
}

/**
 * 核销凭证 printing. A print never blocks the cashier: it is queued in the background, its state
 * follows the job's events, and a slip that failed or never reached the printer can be retried.
 */
export const useSlipPrintStore = defineStore('slipPrint', () => {
  const hardware = useHardwareStore();
  const prints = ref<Record<string, SlipPrint>>({});
  /** Documents of slips not (yet) journaled anywhere, for a retry. */
  const documents = new Map<string, ReceiptDocument>();

  function place(): SlipPlace {
    const session = useSessionStore();
    return {
      locale: useLocaleStore().locale,
      timeZone: session.timeZone,
      storeName: session.pairing?.storeName ?? '',
      terminalName: session.pairing?.terminalName ?? '',
    };
  }

  function set(redemptionId: string, patch: Partial<SlipPrint>): void {
    const current = prints.value[redemptionId] ?? { redemptionId, jobId: null, state: 'sending', problem: null, lastError: null, reprint: false };
    prints.value = { ...prints.value, [redemptionId]: { ...current, ...patch } };
  }

  async function send(redemptionId: string, document: ReceiptDocument, reprint: boolean): Promise<void> {
    documents.set(redemptionId, document);
    set(redemptionId, { jobId: null, state: 'sending', problem: null, lastError: null, reprint });
    const result = await hardware.print(document, slipLabel(redemptionId));
    if (!result.ok) return set(redemptionId, { state: 'unqueued', problem: result });
    documents.delete(redemptionId);
    const known = hardware.jobs[result.jobId];
    set(redemptionId, { jobId: result.jobId, state: known?.state ?? 'queued', lastError: known?.lastError ?? null });
  }

  /** After a redemption the server (or the offline check) accepted. */
  function printSlip(facts: SlipFacts, reprint = false): Promise<void> {
    return send(facts.redemptionId, slipDocument(facts, place(), reprint), reprint);
  }

  /** From the recent list: a marked reprint (重印). */
  async function reprint(entry: LocalRedemption): Promise<void> {
    const facts = slipFactsFromHistory(entry);
    if (facts) await printSlip(facts, true);
  }

  /** A failed job goes again as the same bytes; a slip that never got queued is sent again. */
  async function retry(redemptionId: string): Promise<void> {
    const current = prints.value[redemptionId];
    if (!current) return;
    const document = documents.get(redemptionId);
    if (current.state === 'unqueued' && document) return send(redemptionId, document, current.reprint);
    if (current.state !== 'failed' || !current.jobId) return;
    set(redemptionId, { state: 'sending', problem: null });
    const result = await hardware.reprintJob(current.jobId);
    if (!result.ok) return set(redemptionId, { state: 'failed', problem: result });
    set(redemptionId, { jobId: result.jobId, state: 'queued', lastError: null });
  }

  function follow(job: PrintJobSummary): void {
    const redemptionId = redemptionOfLabel(job.label);
    if (!redemptionId) return;
    const current = prints.value[redemptionId];
    // The newest job for a redemption speaks for it: a reprint replaces the first print.
    if (current && current.jobId !== null && current.jobId !== job.id) {
      const shown = hardware.jobs[current.jobId];
      if (!shown || shown.createdAt >= job.createdAt) return;
    }
    if (current?.state === 'sending' && current.jobId === null) return;
    set(redemptionId, { jobId: job.id, state: job.state, lastError: job.lastError, reprint: current?.reprint ?? job.reprintOf !== null });
  }

  watch(
    () => hardware.jobs,
    (jobs) => {
      for (const job of Object.values(jobs).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) follow(job);
    },
    { deep: false },
  );

  /**
   * Prints a slip for each redemption the redeem store reports accepted (online or offline), once.
   * Nothing is tried without a printer set up; a host that is unreachable shows as a failed print.
   */
  function printAfterRedemptions(): () => void {
    const redeem = useRedeemStore();
    const seen = new Set<string>();
    const printOnce = (facts: SlipFacts | null): void => {
      if (!facts || seen.has(facts.redemptionId)) return;
      seen.add(facts.redemptionId);
      if (hardware.absent || hardware.printerView === 'none' || hardware.config?.printSlipAfterRedemption === false) return;
      void printSlip(facts);
    };
    const stops = [
      watch(
        () => redeem.result,
        // Only a redemption that took a use gets a slip, naming who just redeemed it.
        (record) => printOnce(record && record.outcome === 'accepted' ? slipFactsFromRecord(record, counterCashier()?.name ?? null) : null),
      ),
      // An offline redemption is a local row until the server hears of it; its slip says so.
      watch(
        () => redeem.offlineResult,
        (entry) => printOnce(entry ? slipFactsFromHistory(entry) : null),
      ),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  return { prints, printSlip, reprint, retry, printAfterRedemptions };
});
