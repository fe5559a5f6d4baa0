import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ScanKind } from '../../core/hardware/scan-kind';
import { ScanRoutes, type ClassifiedScan, type RoutedScan, type ScanRoute, type ScanSource } from './scan-routes';
import { scanDisplay } from './scan-display';

export interface ScanNotice {
  id: number;
  /** An i18n key under `hardware.scan`, and its parameters. */
  key: string;
  params: Record<string, string | number>;
  tone: 'info' | 'warn';
}

export interface LastScan {
  kind: ScanKind['kind'];
  display: string;
  source: ScanSource;
  at: string;
}

const NOTICE_MS = 6000;
const MAX_NOTICES = 3;

/**
 * Every scan, whatever it came from (serial scanner, keyboard wedge, camera), arrives classified
 * once where it was read (the serial driver with its own options) and is sent, as that value, to
 * the screen registered for its kind. While the settings screen is open scans are
 * only shown there, so a manager can try the scanner without redeeming anything.
 */
export const useScanStore = defineStore('scan', () => {
  const routes = new ScanRoutes();
  const notices = ref<ScanNotice[]>([]);
  const lastScan = ref<LastScan | null>(null);
  const showOnly = ref(false);
  const cameraOpen = ref(false);
  let nextNotice = 0;

  function handle(read: ClassifiedScan, source: ScanSource): RoutedScan {
    const { value } = read;
    const scan: RoutedScan = { value, kind: read.kind, source };
    lastScan.value = { kind: scan.kind.kind, display: scanDisplay(scan.kind, value), source, at: new Date().toISOString() };
    if (showOnly.value) return scan;
    if (!routes.dispatch(scan)) notify('rejected', { length: value.length }, 'warn');
    return scan;
  }

  function on(route: ScanRoute, handler: (scan: RoutedScan) => void): () => void {
    return routes.on(route, handler);
  }

  function notify(key: string, params: Record<string, string | number> = {}, tone: ScanNotice['tone'] = 'info'): void {
    const id = ++nextNotice;
    notices.value = [...notices.value, { id, key, params, tone }].slice(-MAX_NOTICES);
    setTimeout(() => dismiss(id), NOTICE_MS);
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  return { notices, lastScan, showOnly, cameraOpen, handle, on, notify, dismiss };
});
