import { POS_API_VERSION, type PosApi, type PosLaunchConfig } from '../../core/pos-api';
import { rememberBridgeLaunch } from './bridge-launch-store';
import { createAbsentHardware, createBridgeHardware } from './browser-hardware';
import { bridgeLaunchFromQuery, launchConfigFromQuery } from './launch-params';

declare const __APP_VERSION__: string | undefined;

/**
 * `window.pos` for a plain browser (tablets, development, end-to-end tests): hardware through the
 * hardware bridge's WebSocket. The launch parameters are read once, when the bridge is made,
 * before the app strips them from the address.
 */
export function createBrowserPos(location: Pick<Location, 'search'> = window.location, storage?: Storage): PosApi {
  const launch: PosLaunchConfig = launchConfigFromQuery(location.search);
  const bridge = rememberBridgeLaunch(bridgeLaunchFromQuery(location.search), storage ?? globalThis.localStorage);
  const { stop: _stop, ...hardware } = bridge ? createBridgeHardware(bridge) : createAbsentHardware();
  return {
    apiVersion: POS_API_VERSION,
    getRuntimeInfo: async () => ({
      shell: 'browser',
      appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
      platform: globalThis.navigator?.platform ?? 'unknown',
      versions: {},
    }),
    getLaunchConfig: async () => launch,
    ...hardware,
  };
}
