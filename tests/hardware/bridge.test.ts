import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BridgeServerMessage, type BridgeRequestInput, type BridgeServerMessage as Message } from '../../core/hardware/bridge-protocol';
import { dammCheckDigit } from '../../core/damm';
import { redemptionSlip } from '../../core/receipt/templates/redemption-slip';
import { BridgeConfig } from '../../drivers/bridge/bridge-config';
import { startBridge } from '../../drivers/bridge/bridge-server';
import { createHardwareSet } from '../../drivers/bridge/hardware-set';
import { decodeEscPos } from '../support/escpos/escpos-decoder';
import { sampleRedemptionSlip } from '../support/escpos/sample-receipts';
import { TcpTestPrinter } from '../support/escpos/tcp-test-printer';
import { PtyPair } from './support/pty-pair';
import { tempDir } from './support/queue-helpers';

const TOKEN = 'test-token-0123456789abcdef';
const VOUCHER = `12345678901${dammCheckDigit('12345678901')}`;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type RequestBody = BridgeRequestInput extends infer R ? (R extends unknown ? Omit<R, 'type' | 'id'> : never) : never;

/** A browser-like client: sends requests by id, collects pushed events. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  cleanups.push(() => ws.close());
  const messages: Message[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(BridgeServerMessage.parse(JSON.parse(data.toString())));
    for (const w of waiters.splice(0)) w();
  });
  const until = <T extends Message>(match: (m: Message) => m is T): Promise<T> =>
    new Promise((resolve) => {
      const check = (): void => {
        const found = messages.find(match);
        if (found) resolve(found);
        else waiters.push(check);
      };
      check();
    });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 0;
  const request = async (body: RequestBody) => {
    const id = `r${++next}`;
    ws.send(JSON.stringify({ type: 'request', id, ...body }));
    const response = await until((m): m is Extract<Message, { type: 'response' }> => m.type === 'response' && m.id === id);
    return response.result as Record<string, unknown> & { ok: boolean };
  };
  return { ws, messages, until, request };
}

async function setupBridge() {
  const printer = new TcpTestPrinter();
  const printerPort = await printer.start();
  cleanups.push(() => printer.stop());
  const scannerPty = new PtyPair();
  await scannerPty.start();
  cleanups.push(() => scannerPty.dispose());
  const dataDir = tempDir('bridge');
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = BridgeConfig.parse({
    token: TOKEN,
    dataDir,
    printers: [{ id: 'front', profile: '80mm', transport: { kind: 'tcp', host: '127.0.0.1', port: printerPort }, drawerId: 'till' }],
    scanners: [{ id: 'counter', path: scannerPty.device }],
  });
  const hardware = createHardwareSet(config);
  hardware.start();
  cleanups.push(() => hardware.stop());
  const bridge = await startBridge({ hardware, token: TOKEN, port: 0 });
  cleanups.push(() => bridge.close());
  return { printer, scannerPty, bridge, hardware };
}

describe('hardware bridge over WebSocket', () => {
  it('prints through the bridge to a TCP printer and pushes a scan written into a pty', async () => {
    const { printer, scannerPty, bridge, hardware } = await setupBridge();
    const client = await connect(`${bridge.url}?token=${TOKEN}`);
    await client.until((m): m is Extract<Message, { event: 'hello' }> => m.type === 'event' && m.event === 'hello');

    const list = await client.request({ method: 'hardware.list' });
    expect(list).toMatchObject({ ok: true, printers: [{ id: 'front' }], scanners: [{ id: 'counter' }], drawers: [{ id: 'till' }] });

    const document = redemptionSlip(sampleRedemptionSlip('zh-CN'));
    const printed = await client.request({ method: 'printer.print', printerId: 'front', document, label: 'slip' });
    expect(printed.ok).toBe(true);
    const done = await client.request({ method: 'printer.waitForJob', printerId: 'front', jobId: String(printed.jobId) });
    expect(done).toMatchObject({ ok: true, job: { state: 'sent', label: 'slip' } });
    const decoded = decodeEscPos((await printer.waitForJobs(1))[0]!);
    expect(decoded.lines.map((l) => l.text.trim())).toContain('核销凭证');
    await client.until((m): m is Extract<Message, { event: 'job' }> => m.type === 'event' && m.event === 'job' && m.job.state === 'sent');

    await new Promise<void>((resolve) => {
      if (hardware.scanners[0]!.status().state === 'connected') resolve();
      else hardware.scanners[0]!.onStatus((s) => s.state === 'connected' && resolve());
    });
    const scanner = new SerialPort({ path: scannerPty.peer, baudRate: 9600 });
    cleanups.push(() => new Promise<void>((resolve) => (scanner.isOpen ? scanner.close(() => resolve()) : resolve())));
    scanner.write(`${VOUCHER}\r\n`);
    const scan = await client.until((m): m is Extract<Message, { event: 'scan' }> => m.type === 'event' && m.event === 'scan');
    expect(scan.scan).toMatchObject({ scannerId: 'counter', value: VOUCHER, kind: { kind: 'voucherCode', code: VOUCHER } });

    expect(await client.request({ method: 'drawer.open', drawerId: 'till' })).toEqual({ ok: true });
    expect(await client.request({ method: 'printer.status', printerId: 'nope' })).toMatchObject({ ok: false, reason: 'unknown_device' });
    expect(await client.request({ method: 'printer.print', printerId: 'front', document: { blocks: [{ type: 'qr' }] } } as never)).toMatchObject({
      ok: false,
      reason: 'bad_request',
    });
  });

  it('refuses a wrong or missing token before the upgrade', async () => {
    const { bridge } = await setupBridge();
    for (const url of [`${bridge.url}?token=wrong-token-0123456789ab`, bridge.url]) {
      const ws = new WebSocket(url);
      ws.on('error', () => undefined);
      const status = await new Promise<number>((resolve) => {
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
      });
      expect(status).toBe(401);
      ws.terminate();
    }
  });

  it('runs as a process from drivers/bridge/main.ts configured by env', async () => {
    const dataDir = tempDir('bridge-main');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'drivers/bridge/main.ts'], {
      env: { ...process.env, HEXIAO_BRIDGE_TOKEN: TOKEN, HEXIAO_BRIDGE_PORT: '0', HEXIAO_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /hardware bridge on (ws:\/\/[\d.]+:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`bridge exited with ${code}`)));
    });
    const client = await connect(`${url}/?token=${TOKEN}`);
    expect(await client.request({ method: 'hardware.list' })).toEqual({ ok: true, printers: [], scanners: [], drawers: [] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
