import { hardwareFail, type HardwareResult } from '../../core/hardware/hardware-result';
import type { PosHardwareConfigView } from '../../core/pos-api';
import type { HardwareConfig, HardwareConfigInput, SerialPortInfo } from '../../core/pos-hardware-config';

/**
 * The launcher's hardware-config endpoint beside the bridge (build/launcher/hardware-config-service.ts):
 * it stores the config and restarts the bridge with it. Answers are hardware results as JSON.
 */
export interface HardwareConfigClient {
  get(): Promise<HardwareResult<PosHardwareConfigView>>;
  set(config: HardwareConfigInput): Promise<HardwareResult<{ config: HardwareConfig }>>;
  serialPorts(): Promise<HardwareResult<{ ports: SerialPortInfo[] }>>;
}

export const HARDWARE_CONFIG_PATHS = { config: 'config', serialPorts: 'serial-ports' } as const;

/** Long enough for the bridge to stop, reopen its devices and listen again. */
const TIMEOUT_MS = 60_000;

export function createHardwareConfigClient(baseUrl: string, token: string): HardwareConfigClient {
  const call = async <T extends object>(path: string, init: RequestInit = {}): Promise<HardwareResult<T>> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`), {
        ...init,
        headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        signal: controller.signal,
      });
      const body = (await response.json().catch(() => null)) as HardwareResult<T> | null;
      if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body;
      return hardwareFail('io_error', `the hardware config service answered HTTP ${response.status}`);
    } catch (error) {
      if (controller.signal.aborted) return hardwareFail('timeout', `the hardware config service did not answer within ${TIMEOUT_MS} ms`);
      return hardwareFail('not_connected', `the hardware config service is not reachable: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    get: () => call<PosHardwareConfigView>(HARDWARE_CONFIG_PATHS.config),
    set: (config) => call<{ config: HardwareConfig }>(HARDWARE_CONFIG_PATHS.config, { method: 'PUT', body: JSON.stringify(config) }),
    serialPorts: () => call<{ ports: SerialPortInfo[] }>(HARDWARE_CONFIG_PATHS.serialPorts),
  };
}
