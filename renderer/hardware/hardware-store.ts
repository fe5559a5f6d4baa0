import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { PrintJobSummary, Scan, ScannerStatus } from '../../core/hardware/devices';
import type { HardwareFailure, HardwareResult } from '../../core/hardware/hardware-result';
import type { PrinterStatus } from '../../core/hardware/printer-status';
import type { HardwareLinkState, PosHardwareApi } from '../../core/pos-api';
import { PAPER_COLUMNS, type HardwareConfig, type HardwareConfigInput, type SerialPortInfo } from '../../core/pos-hardware-config';
import type { ReceiptDocument } from '../../core/receipt/document';
import { pos } from '../bridge';

/** The printer as the header and the settings screen show it: a device state, or why there is none. */
export type PrinterView = PrinterStatus['state'] | 'none' | 'disconnected';

/** What the host says about the counter's devices, kept current by its events. */
export const useHardwareStore = defineStore('hardware', () => {
  const api = shallowRef<PosHardwareApi | null>(null);
  const link = ref<HardwareLinkState>('disconnected');
  const printer = ref<PrinterStatus | null>(null);
  const printerProblem = ref<HardwareFailure | null>(null);
  const scanner = ref<ScannerStatus | null>(null);
  const config = ref<HardwareConfig | null>(null);
  const editable = ref(false);
  const configProblem = ref<HardwareFailure | null>(null);
  const jobs = ref<Record<string, PrintJobSummary>>({});
  const scanListeners = new Set<(scan: Scan) => void>();
  let stop: (() => void) | null = null;

  const printerView = computed<PrinterView>(() => {
    if (link.value === 'disconnected' || printerProblem.value?.reason === 'not_connected') return 'disconnected';
    if (config.value?.printer.kind === 'none' || printerProblem.value?.reason === 'unknown_device') return 'none';
    return printer.value?.state ?? 'unknown';
  });
  const columns = computed(() => PAPER_COLUMNS[config.value?.paper ?? '80mm']);
  /** The page was opened without any hardware host (a plain browser, no bridge). */
  const absent = computed(() => configProblem.value?.reason === 'not_connected' && !configProblem.value.canRetry);

  /** Noting each answer: any answer at all means the host is reachable. */
  function noteAnswer(result: HardwareResult): void {
    if (result.ok || result.reason !== 'not_connected') link.value = 'connected';
  }

  function start(host: PosHardwareApi = pos()): void {
    stop?.();
    api.value = host;
    stop = host.onHardwareEvent((event) => {
      switch (event.type) {
        case 'link':
          link.value = event.state;
          if (event.state === 'connected') void refresh();
          break;
        case 'printerStatus':
          printer.value = event.status;
          printerProblem.value = null;
          break;
        case 'job':
          jobs.value = { ...jobs.value, [event.job.id]: event.job };
          break;
        case 'scannerStatus':
          scanner.value = event.status;
          break;
        case 'scan':
          for (const listener of scanListeners) listener(event.scan);
          break;
        case 'config':
          config.value = event.config;
          break;
      }
    });
    void refresh();
  }

  function dispose(): void {
    stop?.();
    stop = null;
  }

  async function refresh(): Promise<void> {
    const host = api.value;
    if (!host) return;
    const [configAnswer, printerAnswer, scannerAnswer, jobsAnswer] = await Promise.all([
      host.getHardwareConfig(),
      host.printerStatus(),
      host.scannerStatus(),
      host.printJobs(),
    ]);
    for (const answer of [configAnswer, printerAnswer, scannerAnswer, jobsAnswer]) noteAnswer(answer);
    if (configAnswer.ok) {
      config.value = configAnswer.config;
      editable.value = configAnswer.editable;
      configProblem.value = null;
    } else {
      editable.value = false;
      configProblem.value = configAnswer;
    }
    if (printerAnswer.ok) {
      printer.value = printerAnswer.status;
      printerProblem.value = null;
    } else {
      printer.value = null;
      printerProblem.value = printerAnswer;
    }
    scanner.value = scannerAnswer.ok ? scannerAnswer.status : null;
    if (jobsAnswer.ok) jobs.value = Object.fromEntries(jobsAnswer.jobs.map((job) => [job.id, job]));
  }

  async function saveConfig(next: HardwareConfigInput): Promise<HardwareResult<{ config: HardwareConfig }>> {
    const host = api.value ?? pos();
    const result = await host.setHardwareConfig(next);
    noteAnswer(result);
    if (result.ok) {
      config.value = result.config;
      await refresh();
    }
    return result;
  }

  async function print(document: ReceiptDocument, label: string): Promise<HardwareResult<{ jobId: string }>> {
    const result = await (api.value ?? pos()).print(document, label);
    noteAnswer(result);
    return result;
  }

  async function reprintJob(jobId: string): Promise<HardwareResult<{ jobId: string }>> {
    const result = await (api.value ?? pos()).reprint(jobId);
    noteAnswer(result);
    return result;
  }

  async function openDrawer(): Promise<HardwareResult> {
    const result = await (api.value ?? pos()).openDrawer();
    noteAnswer(result);
    return result;
  }

  async function serialPorts(): Promise<HardwareResult<{ ports: SerialPortInfo[] }>> {
    return (api.value ?? pos()).listSerialPorts();
  }

  function onScan(listener: (scan: Scan) => void): () => void {
    scanListeners.add(listener);
    return () => scanListeners.delete(listener);
  }

  return {
    link,
    printer,
    printerProblem,
    scanner,
    config,
    editable,
    configProblem,
    jobs,
    printerView,
    columns,
    absent,
    start,
    dispose,
    refresh,
    saveConfig,
    print,
    reprintJob,
    openDrawer,
    serialPorts,
    onScan,
  };
});
