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
