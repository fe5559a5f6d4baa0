import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * CPU, memory, event-loop lag, GC and handles: one set per process, shared by every server the
 * process starts (tests start several), so each scrape shows them once and no collector is
 * started twice.
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'hexiao_' });
  }
  return processRegistry;
}
