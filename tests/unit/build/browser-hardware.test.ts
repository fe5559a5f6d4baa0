import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REPO_DIR } from '../../../build/launcher/app-build';
import { startBrowserHardware, type BrowserHardware } from '../../../build/launcher/browser-hardware';
import { choosePort } from '../../../build/launcher/free-port';
import { withBridgeParams } from '../../../build/launcher/pos-url';
import { BridgeServerMessage } from '../../../core/hardware/bridge-protocol';
import { createHardwareConfigClient } from '../../../renderer/bridge/hardware-config-client';
import { bridgeLaunchFromQuery } from '../../../renderer/bridge/launch-params';
import { TcpTestPrinter } from '../../support/escpos/tcp-test-printer';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir('browser-hardware');
const POS_ORIGIN = 'http://127.0.0.1:4173';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(dataDir = tempDir(), env: Record<string, string> = {}): Promise<{ hardware: BrowserHardware; dataDir: string; log: string[] }> {
  const log: string[] = [];
  const hardware = await startBrowserHardware({ repoDir: REPO_DIR, dataDir, bridgePort: await choosePort(0), posOrigin: POS_ORIGIN, log: (l) => log.push(l), env });
  cleanups.push(() => hardware.stop());
  return { hardware, dataDir, log };
}

/** `hardware.list` over the bridge's WebSocket, as the POS page (its Origin) asks it. */
async function listDevices(hardware: BrowserHardware, origin = POS_ORIGIN): Promise<unknown> {
  const url = new URL(hardware.bridgeUrl);
  url.searchParams.set('token', hardware.token);
  const ws = new WebSocket(url, { origin });
  cleanups.push(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode }));
    ws.once('error', reject);
    ws.on('message', (data) => {
      const message = BridgeServerMessage.parse(JSON.parse(String(data)));
      if (message.type === 'event' && message.event === 'hello') ws.send(JSON.stringify({ type: 'request', id: 1, method: 'hardware.list' }));
      if (message.type === 'response') resolve(message.result);
    });
  });
}

describe('the hardware side of npm start in browser mode', () => {
  it('runs drivers/bridge/main.ts with a random token, for the POS page only', async () => {
    const { hardware, dataDir } = await start();
    expect(hardware.token.length).toBeGreaterThanOrEqual(32);
    expect(await listDevices(hardware)).toEqual({ ok: true, printers: [], scanners: [], drawers: [] });
    expect(await listDevices(hardware, 'http://evil.example')).toEqual({ refused: 403 });
    const bridgeFile = join(dataDir, 'hardware', 'bridge.json');
    expect(statSync(bridgeFile).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(bridgeFile, 'utf8'))).toMatchObject({ host: '127.0.0.1', token: hardware.token, allowedOrigins: [POS_ORIGIN] });

    const posUrl = withBridgeParams('http://127.0.0.1:4173/?server=s&pair=p', hardware);
    expect(bridgeLaunchFromQuery(new URL(posUrl).search)).toEqual({ url: hardware.bridgeUrl, token: hardware.token, configUrl: hardware.configUrl });
  });

  it('changes the devices through the config endpoint: the bridge restarts with them, and they stay chosen', async () => {
    const printer = new TcpTestPrinter();
    const printerPort = await printer.start();
    cleanups.push(() => printer.stop());
    const { hardware, dataDir } = await start();
    const client = createHardwareConfigClient(hardware.configUrl, hardware.token);
    expect(await client.get()).toMatchObject({ ok: true, editable: true, config: { printer: { kind: 'none' } } });

    const saved = await client.set({ printer: { kind: 'tcp', host: '127.0.0.1', port: printerPort }, paper: '58mm' });
    expect(saved).toMatchObject({ ok: true, config: { printer: { kind: 'tcp', port: printerPort }, paper: '58mm', drawer: true } });
    expect(await listDevices(hardware)).toMatchObject({ ok: true, printers: [{ id: 'receipt', profile: { columns: 32 } }], drawers: [{ id: 'drawer' }] });
    expect(await client.get()).toMatchObject({ ok: true, config: { paper: '58mm' } });
    expect(await client.set({ printer: { kind: 'tcp', host: 'a b', port: 0 } })).toMatchObject({ ok: false, reason: 'bad_request', canRetry: false });
    const ports = await client.serialPorts();
    expect(ports.ok).toBe(true);

    await hardware.stop();
    cleanups.pop();
    const again = await start(dataDir);
    expect(await createHardwareConfigClient(again.hardware.configUrl, again.hardware.token).get()).toMatchObject({ ok: true, config: { printer: { port: printerPort } } });
  });

  it('takes the token and the devices from HEXIAO_BRIDGE_TOKEN and HEXIAO_PRINTER_*, and refuses a wrong value by name', async () => {
    const { hardware, log } = await start(tempDir(), {
      HEXIAO_BRIDGE_TOKEN: 'a-token-of-the-operators-own',
      HEXIAO_PRINTER_TCP: '127.0.0.1:9123',
      HEXIAO_PRINTER_STATUS: 'off',
      HEXIAO_BRIDGE_CONFIG: '/etc/hexiao/bridge.json',
    });
    expect(hardware.token).toBe('a-token-of-the-operators-own');
    expect(log.join('\n')).toContain('devices from the environment: HEXIAO_PRINTER_TCP=127.0.0.1:9123 HEXIAO_PRINTER_STATUS=off');
    expect(log.join('\n')).toContain('HEXIAO_BRIDGE_CONFIG is not read by npm start');
    expect(await listDevices(hardware)).toMatchObject({ ok: true, printers: [{ id: 'receipt', profile: { statusQueries: false }, status: { queries: 'off' } }] });
    await expect(start(tempDir(), { HEXIAO_PRINTER_TCP: '127.0.0.1:port' })).rejects.toThrow(/HEXIAO_PRINTER_TCP="127.0.0.1:port" is not host:port/);
    await expect(start(tempDir(), { HEXIAO_BRIDGE_TOKEN: 'short' })).rejects.toThrow(/at least 16/);
  });

  it('answers only the token holder, and lets the POS page call it across origins', async () => {
    const { hardware } = await start();
    expect(await createHardwareConfigClient(hardware.configUrl, 'not-the-token').get()).toMatchObject({ ok: false, reason: 'bad_request' });
    const preflight = await fetch(new URL('config', hardware.configUrl), {
      method: 'OPTIONS',
      headers: { origin: POS_ORIGIN, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(POS_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const elsewhere = await fetch(new URL('config', hardware.configUrl), { headers: { origin: 'http://evil.example', authorization: `Bearer ${hardware.token}` } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('starts the bridge again when it dies', async () => {
    const { hardware, log } = await start();
    const pid = Number(/pid (\d+)/.exec(log.join('\n'))?.[1] ?? NaN);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => log.filter((l) => /hardware bridge on ws:/.test(l)).length, { timeout: 30_000 }).toBe(2);
    expect(await listDevices(hardware)).toMatchObject({ ok: true });
  });
});
