import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureAdminBuilt } from './launcher/admin-build';
import { OUT_DIR, REPO_DIR, buildElectronApp, buildRenderer, electronAppIsStale, rendererIsStale } from './launcher/app-build';
import { startBrowserHardware, type BrowserHardware } from './launcher/browser-hardware';
import { startChild, stopChild, type Child } from './launcher/child-processes';
import { readFreshDemoFile, type DemoFile } from './launcher/demo-file';
import { electronAvailability, locateElectronBinary } from './launcher/electron-availability';
import { fallbackParagraph, type FallbackReason } from './launcher/fallback-message';
import { choosePort } from './launcher/free-port';
import { electronLaunchArgs, posBrowserUrl, withBridgeParams } from './launcher/pos-url';
import { serveStatic, type StaticServer } from './launcher/static-server';
import { waitForHealth } from './launcher/wait-for-health';

// `npm start`: the server with demo data, then the POS in Electron, or in a browser when Electron cannot run.
const env = process.env;
const dataDir = resolve(REPO_DIR, env.HEXIAO_DATA_DIR ?? 'data');
const demoOn = !['0', 'false', 'no', 'off'].includes((env.HEXIAO_DEMO ?? '1').trim().toLowerCase());
const children: Child[] = [];
let staticServer: StaticServer | null = null;
let hardware: BrowserHardware | null = null;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await hardware?.stop();
  await Promise.all(children.map((child) => stopChild(child)));
  await staticServer?.close();
  process.exit(code);
}

function abort(message: string): Promise<never> {
  console.error(`\nnpm start: ${message}`);
  return shutdown(1);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function serveForBrowser(cause: FallbackReason, serverUrl: string, demo: DemoFile | null): Promise<void> {
  if (rendererIsStale()) {
    console.log('Building the POS renderer…');
    await buildRenderer();
  }
  staticServer = await serveStatic(resolve(OUT_DIR, 'renderer'), await choosePort(Number(env.HEXIAO_POS_PORT ?? 4173)));
  const pageUrl = demo ? posBrowserUrl(staticServer.url, serverUrl, demo.pairingCode) : staticServer.url;
  const url = await withHardware(pageUrl, new URL(staticServer.url).origin);
  console.log(`\n${fallbackParagraph(cause, url)}\n\nPOS: ${url}\n`);
}

/** A browser reaches printers and scanners through the hardware bridge; without one it still redeems. */
async function withHardware(pageUrl: string, posOrigin: string): Promise<string> {
  try {
    hardware = await startBrowserHardware({
      repoDir: REPO_DIR,
      dataDir,
      bridgePort: await choosePort(Number(env.HEXIAO_BRIDGE_PORT ?? 17800)),
      posOrigin,
      log: (line) => console.log(`[bridge] ${line}`),
    });
    console.log(`Hardware bridge: ${hardware.bridgeUrl} (printer and scanner settings: the POS's settings screen)`);
    return withBridgeParams(pageUrl, hardware);
  } catch (error) {
    console.error(`npm start: the hardware bridge did not start, so the POS runs without printer and scanner: ${error instanceof Error ? error.message : String(error)}`);
    return pageUrl;
  }
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const port = await choosePort(Number(env.PORT ?? 8787));
  const serverUrl = `http://127.0.0.1:${port}`;
  const startedAt = Date.now();
  const server = startChild('server', process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_DIR,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', HEXIAO_DATA_DIR: dataDir, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
  });
  children.push(server);
  // The server reads the back office's folder on each request, so it builds while the server starts.
  const adminBuilt = ensureAdminBuilt();
  void server.exited.then((outcome) => {
    if (!stopping) void abort(`the server stopped (${outcome}).`);
  });

  const unhealthy = await waitForHealth(`${serverUrl}/api/v1/health`, {
    timeoutMs: 90_000,
    gaveUp: () => (server.exitedWith() === null ? null : `the server exited (${server.exitedWith()})`),
  });
  if (unhealthy) return void (await abort(unhealthy));
  console.log(`Server: ${serverUrl} (data in ${dataDir})`);
  if (await adminBuilt) console.log(`Back office: ${serverUrl}/admin`);

  const demo = demoOn ? await readFreshDemoFile(dataDir, startedAt) : null;

  const electron = electronAvailability(locateElectronBinary(REPO_DIR), process.platform, env);
  if (!electron.ok) return serveForBrowser({ reason: electron.reason, detail: electron.detail }, serverUrl, demo);

  if (electronAppIsStale()) {
    console.log('Building the Electron app…');
    await buildElectronApp();
  }
  const args = demo ? electronLaunchArgs(REPO_DIR, serverUrl, demo.pairingCode) : [REPO_DIR];
  const app = startChild('electron', electron.binary, args, { cwd: REPO_DIR, env });
  children.push(app);
  const early = await Promise.race([app.exited, delay(5000).then(() => null)]);
  if (early !== null && early !== 0) {
    return serveForBrowser({ reason: 'electron-exited', detail: `exit ${early}` }, serverUrl, demo);
  }
  console.log('The POS is open in Electron. Close its window or press Ctrl+C to stop.');
  await app.exited;
  if (!stopping) await shutdown(0);
}

main().catch((error: unknown) => abort(error instanceof Error ? (error.stack ?? error.message) : String(error)));
