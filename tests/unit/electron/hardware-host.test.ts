import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dammCheckDigit } from '../../../core/damm';
import type { PosHardwareEvent } from '../../../core/pos-api';
import { DEFAULT_HARDWARE_CONFIG } from '../../../core/pos-hardware-config';
import { redemptionSlip } from '../../../core/receipt/templates/redemption-slip';
import { HardwareHost } from '../../../electron/main/hardware/hardware-host';
import { hardwareInvokers } from '../../../electron/main/hardware/hardware-invokers';
import { PtyPair } from '../../hardware/support/pty-pair';
import { tempDir } from '../../hardware/support/queue-helpers';
import { decodeEscPos, printedText } from '../../support/escpos/escpos-decoder';
import { sampleRedemptionSlip } from '../../support/escpos/sample-receipts';
import { TcpTestPrinter } from '../../support/escpos/tcp-test-printer';

const VOUCHER = `12345678901${dammCheckDigit('12345678901')}`;
const WAIT = { timeout: 15_000, interval: 20 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const printer = new TcpTestPrinter();
  const printerPort = await printer.start();
  cleanups.push(() => printer.stop());
  const scanner = new PtyPair();
  await scanner.start();
  cleanups.push(() => scanner.dispose());
  const dir = tempDir('electron-host');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const configFile = join(dir, 'hardware.json');
  const makeHost = (env: Record<string, string> = {}) => {
    const host = new HardwareHost({
      configFile,
      dataDir: join(dir, 'jobs'),
      env,
      listPorts: async () => [
        { path: scanner.device, vendorId: '0C2E', productId: '0B61', serialNumber: 'S1' },
        { path: '/dev/ttyS0' },
      ],
    });
    cleanups.push(() => host.stop());
    const events: PosHardwareEvent[] = [];
    host.onEvent((event) => events.push(event));
    return { host, events };
  };
  return { printer, printerPort, scanner, configFile, makeHost };
}

describe("Electron's main-process hardware host", () => {
  it('prints to the printer HEXIAO_PRINTER_TCP names, over the stored choice, without asking it when HEXIAO_PRINTER_STATUS=off', async () => {
    const { printer, printerPort, makeHost } = await setup();
    const { host } = makeHost({ HEXIAO_PRINTER_TCP: `127.0.0.1:${printerPort}`, HEXIAO_PRINTER_PROFILE: '58mm', HEXIAO_PRINTER_STATUS: 'off' });
    await host.start();
    expect(await host.getHardwareConfig()).toMatchObject({ ok: true, config: { printer: { kind: 'tcp', host: '127.0.0.1', port: printerPort }, paper: '58mm', printerStatusQueries: false } });
    const printed = await host.print(redemptionSlip(sampleRedemptionSlip('zh-CN')), 'from env');
    if (!printed.ok) throw new Error(printed.message);
    expect(await host.waitForJob(printed.jobId)).toMatchObject({ ok: true, job: { state: 'sent' } });
    const [job] = await printer.waitForJobs(1);
    expect(decodeEscPos(job!).statusRequests).toEqual([]);
    expect(await host.printerStatus()).toMatchObject({ ok: true, status: { queries: 'off' } });
  });

  it('starts with nothing set up, then builds the devices the manager chooses and keeps the choice', async () => {
    const { printer, printerPort, scanner, configFile, makeHost } = await setup();
    const { host, events } = makeHost();
    await host.start();
    expect(await host.getHardwareConfig()).toEqual({ ok: true, config: DEFAULT_HARDWARE_CONFIG, editable: true });
    expect(await host.printerStatus()).toMatchObject({ ok: false, reason: 'unknown_device', canRetry: false });

    const chosen = { printer: { kind: 'tcp', host: '127.0.0.1', port: printerPort }, scanner: { kind: 'serial', path: scanner.device } };
    const saved = await host.setHardwareConfig(chosen);
    expect(saved).toMatchObject({ ok: true, config: { printer: { kind: 'tcp', port: printerPort }, paper: '80mm' } });
    expect(events).toContainEqual(expect.objectContaining({ type: 'config' }));
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toMatchObject(chosen);
    expect(await host.printerStatus()).toMatchObject({ ok: true, status: { state: 'online' } });

    const printed = await host.print(redemptionSlip(sampleRedemptionSlip('zh-CN')), 'slip:r-1');
    if (!printed.ok) throw new Error(printed.message);
    expect(await host.waitForJob(printed.jobId)).toMatchObject({ ok: true, job: { state: 'sent' } });
    expect(printedText(decodeEscPos((await printer.waitForJobs(1))[0]!)).map((l) => l.trim())).toContain('核销凭证');
    expect(events).toContainEqual(expect.objectContaining({ type: 'job', job: expect.objectContaining({ id: printed.jobId, state: 'sent' }) }));

    await vi.waitFor(async () => expect(await host.scannerStatus()).toMatchObject({ ok: true, status: { state: 'connected' } }), WAIT);
    const peer = new SerialPort({ path: scanner.peer, baudRate: 9600 });
    cleanups.push(() => new Promise<void>((resolve) => (peer.isOpen ? peer.close(() => resolve()) : resolve())));
    peer.write(`${VOUCHER}\r\n`);
    await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ type: 'scan', scan: expect.objectContaining({ value: VOUCHER }) })), WAIT);

    await host.stop();
    const restarted = makeHost().host;
    await restarted.start();
    expect(await restarted.getHardwareConfig()).toMatchObject({ ok: true, config: { printer: { kind: 'tcp', port: printerPort } } });
    expect(await restarted.printJobs()).toMatchObject({ ok: true, jobs: [{ id: printed.jobId, label: 'slip:r-1' }] });
  });

  it('refuses a config that does not parse and keeps the devices it has', async () => {
    const { makeHost } = await setup();
    const { host } = makeHost();
    await host.start();
    expect(await host.setHardwareConfig({ printer: { kind: 'tcp', host: '', port: 70000 } })).toMatchObject({ ok: false, reason: 'bad_request', canRetry: false });
    expect(await host.getHardwareConfig()).toMatchObject({ ok: true, config: DEFAULT_HARDWARE_CONFIG });
  });

  it('ends a wait on a job when the printer is reconfigured, instead of hanging', async () => {
    const { printer, printerPort, makeHost } = await setup();
    const { host } = makeHost();
    await host.start();
    await host.setHardwareConfig({ printer: { kind: 'tcp', host: '127.0.0.1', port: printerPort } });
    printer.simulator.set({ coverOpen: true });
    const printed = await host.print({ blocks: [{ type: 'text', text: 'x' }] } as never, 'test');
    if (!printed.ok) throw new Error(printed.message);
    const waiting = host.waitForJob(printed.jobId);
    await host.setHardwareConfig({ printer: { kind: 'none' } });
    expect(await waiting).toMatchObject({ ok: false, reason: 'not_connected' });
  });

  it('lists serial ports with known scanner makers named', async () => {
    const { scanner, makeHost } = await setup();
    const { host } = makeHost();
    await host.start();
    expect(await host.listSerialPorts()).toEqual({
      ok: true,
      ports: [
        { path: scanner.device, vendorId: '0c2e', productId: '0b61', serialNumber: 'S1', manufacturer: null, scannerMaker: 'Honeywell (Metrologic)' },
        { path: '/dev/ttyS0', vendorId: null, productId: null, serialNumber: null, manufacturer: null, scannerMaker: null },
      ],
    });
  });

  it('checks what a renderer sends before any device sees it', async () => {
    const { makeHost } = await setup();
    const { host } = makeHost();
    await host.start();
    const invoke = hardwareInvokers(host);
    expect(await invoke.print([{ blocks: [{ type: 'qr' }] }, 'x'])).toMatchObject({ ok: false, reason: 'invalid_document' });
    expect(await invoke.print([{ blocks: [] }, ''])).toMatchObject({ ok: false, reason: 'bad_request' });
    expect(await invoke.reprint([42])).toMatchObject({ ok: false, reason: 'bad_request' });
    expect(await invoke.waitForJob(['x'.repeat(101)])).toMatchObject({ ok: false, reason: 'bad_request' });
    expect(await invoke.print([{ blocks: [] }, 'fine'])).toMatchObject({ ok: false, reason: 'unknown_device' });
    expect(await invoke.setHardwareConfig([{ paper: '110mm' }])).toMatchObject({ ok: false, reason: 'bad_request' });
  });
});
