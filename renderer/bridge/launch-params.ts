import { LAUNCH_PARAM, type PosLaunchConfig } from '../../core/pos-api';
import type { BridgeLaunch } from './browser-hardware';

/** Reads `?server=…&pair=…`; blank values count as absent. */
export function launchConfigFromQuery(search: string): PosLaunchConfig {
  const params = new URLSearchParams(search);
  const read = (name: string): string | null => params.get(name)?.trim() || null;
  return { serverUrl: read(LAUNCH_PARAM.server), pairingCode: read(LAUNCH_PARAM.pairingCode) };
}

/** Reads `?bridge=ws://…&bridgeToken=…&hardwareConfig=http://…`; null without a bridge and its token. */
export function bridgeLaunchFromQuery(search: string): BridgeLaunch | null {
  const params = new URLSearchParams(search);
  const read = (name: string): string | null => params.get(name)?.trim() || null;
  const url = read(LAUNCH_PARAM.bridgeUrl);
  const token = read(LAUNCH_PARAM.bridgeToken);
  if (!url || !token || !/^wss?:\/\//i.test(url)) return null;
  const configUrl = read(LAUNCH_PARAM.hardwareConfigUrl);
  return { url, token, configUrl: configUrl && /^https?:\/\//i.test(configUrl) ? configUrl : null };
}

/**
 * The same address without the launch parameters, so neither a pairing code nor the bridge's
 * token lingers in the address bar, the history or a bookmark.
 */
export function withoutLaunchParams(href: string): string {
  const url = new URL(href);
  for (const name of Object.values(LAUNCH_PARAM)) url.searchParams.delete(name);
  return url.toString();
}
