import { LAUNCH_PARAM } from '../../core/pos-api';

/** The POS address for a browser, carrying the pairing parameters the POS consumes on load. */
export function posBrowserUrl(staticBaseUrl: string, serverUrl: string, pairingCode: string): string {
  const url = new URL(staticBaseUrl);
  url.pathname = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  url.searchParams.set(LAUNCH_PARAM.server, serverUrl);
  url.searchParams.set(LAUNCH_PARAM.pairingCode, pairingCode);
  return url.toString();
}

/** Electron takes the same parameters as switches (see electron/main/launch-config.ts). */
export function electronLaunchArgs(appDir: string, serverUrl: string, pairingCode: string): string[] {
  return [appDir, `--${LAUNCH_PARAM.server}=${serverUrl}`, `--${LAUNCH_PARAM.pairingCode}=${pairingCode}`];
}

/** The hardware bridge, its token and the config endpoint, as the POS reads them from its address. */
export function withBridgeParams(posUrl: string, bridge: { bridgeUrl: string; token: string; configUrl: string }): string {
  const url = new URL(posUrl);
  url.searchParams.set(LAUNCH_PARAM.bridgeUrl, bridge.bridgeUrl);
  url.searchParams.set(LAUNCH_PARAM.bridgeToken, bridge.token);
  url.searchParams.set(LAUNCH_PARAM.hardwareConfigUrl, bridge.configUrl);
  return url.toString();
}
