import { LAUNCH_PARAM, type PosLaunchConfig } from '../../core/pos-api';

/** Reads `?server=…&pair=…`; blank values count as absent. */
export function launchConfigFromQuery(search: string): PosLaunchConfig {
  const params = new URLSearchParams(search);
  const read = (name: string): string | null => params.get(name)?.trim() || null;
  return { serverUrl: read(LAUNCH_PARAM.server), pairingCode: read(LAUNCH_PARAM.pairingCode) };
}

/** The same address without the launch parameters, so a pairing code does not linger in history. */
export function withoutLaunchParams(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(LAUNCH_PARAM.server);
  url.searchParams.delete(LAUNCH_PARAM.pairingCode);
  return url.toString();
}
