import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { dammCheckDigit } from '../../../../core/damm';
import type { PosHardwareEvent } from '../../../../core/pos-api';
import { redemptionSlip } from '../../../../core/receipt/templates/redemption-slip';
import type { SocketFactory } from '../../../../renderer/bridge/bridge-client';
import { createBridgeHardware } from '../../../../renderer/bridge/browser-hardware';
import { decodeEscPos, printedText } from '../../../support/escpos/escpos-decoder';
import { sampleRedemptionSlip } from '../../../support/escpos/sample-receipts';
import { RealBridge, TOKEN, until, wsSocket } from './real-bridge';

const VOUCHER = `12345678901${dammCheckDigit('12345678901')}`;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function bridgeAndClient(options: Parameters<RealBridge['start']>[0] = {}, token = TOKEN, socket: SocketFactory = wsSocket) {
  const real = new RealBridge();
  cleanups.push(() => real.dispose());
  const url = await real.start(options);
  const hardware = createBridgeHardware({ url, token, configUrl: null }, socket);
  cleanups.push(() => hardware.stop());
  const events: PosHardwareEvent[] = [];
  const listeners = new Set<() => void>();
  hardware.onHardwareEvent((event) => {
    events.push(event);
    for (const l of [...listeners]) l();
  });
  const subscribe = (notify: () => void) => {
    listeners.add(notify);
    return () => listeners.delete(notify);
  };
  const lastLink = () => events.filter((e): e is Extract<PosHardwareEvent, { type: 'link' }> => e.type === 'link').at(-1)?.state;
  const linkIs = (state: 'connected' | 'disconnected') => until(() => lastLink() === state, subscribe);
  return { real, hardware, events, subscribe, linkIs };
}

async function scannerWrites(real: RealBridge, text: string): Promise<void> {
  const port = new SerialPort({ path: real.scanner.peer, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  cleanups.push(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  await new Promise<void>((resolve, reject) => port.write(text, (e) => (e ? reject(e) : port.drain(() => resolve()))));
}

describe('window.pos hardware in a browser, over the bridge WebSocket', () => {
  it('prints, follows the job, reprints, opens the drawer and reports status', async () => {
    const { real, hardware, events, subscribe, linkIs } = await bridgeAndClient();
    await linkIs('connected');
    await until(() => events.some((e) => e.type === 'printerStatus'), subscribe);

    const status = await hardware.printerStatus();
    expect(status).toMatchObject({ ok: true, status: { state: 'online', known: true } });
    const printed = await hardware.print(redemptionSlip(sampleRedemptionSlip('zh-CN')), 'slip:r-1');
    if (!printed.ok) throw new Error(printed.message);
    expect(await hardware.waitForJob(printed.jobId)).toMatchObject({ ok: true, job: { id: printed.jobId, state: 'sent', label: 'slip:r-1' } });
    expect(printedText(decodeEscPos((await real.printer.waitForJobs(1))[0]!)).map((l) => l.trim())).toContain('核销凭证');
    await until(() => events.some((e) => e.type === 'job' && e.job.id === printed.jobId && e.job.state === 'sent'), subscribe);

    const again = await hardware.reprint(printed.jobId);
    expect(again.ok).toBe(true);
    await real.printer.waitForJobs(2);
    const jobs = await hardware.printJobs();
    expect(jobs.ok && jobs.jobs.map((j) => j.reprintOf)).toEqual([null, printed.jobId]);
    expect(await hardware.openDrawer()).toEqual({ ok: true });
    expect(await hardware.reprint('no-such-job')).toMatchObject({ ok: false, reason: 'job_not_found' });
    expect(await hardware.getHardwareConfig()).toMatchObject({ ok: false, reason: 'unsupported', canRetry: false });
  });

  it('pushes a scan written into the pty as a classified event', async () => {
    const { real, hardware, events, subscribe, linkIs } = await bridgeAndClient();
    await linkIs('connected');
    await until(() => events.some((e) => e.type === 'scannerStatus' && e.status.state === 'connected'), subscribe);
    expect(await hardware.scannerStatus()).toMatchObject({ ok: true, status: { state: 'connected', path: real.scanner.device } });
    await scannerWrites(real, `${VOUCHER}\r\n`);
    await until(() => events.some((e) => e.type === 'scan'), subscribe);
    expect(events.find((e) => e.type === 'scan')).toMatchObject({ type: 'scan', scan: { scannerId: 'scanner', value: VOUCHER, kind: { kind: 'voucherCode', code: VOUCHER } } });
  });

  it('says a device is not set up when the bridge has none', async () => {
    const { hardware, linkIs } = await bridgeAndClient({ printer: false, scanner: false });
    await linkIs('connected');
    expect(await hardware.printerStatus()).toMatchObject({ ok: false, reason: 'unknown_device', canRetry: false });
    expect(await hardware.print({ blocks: [] }, 'x')).toMatchObject({ ok: false, reason: 'unknown_device' });
    expect(await hardware.scannerStatus()).toMatchObject({ ok: false, reason: 'unknown_device' });
  });

  it('answers not_connected while the bridge is down and reconnects when it is back', async () => {
    const { real, hardware, linkIs } = await bridgeAndClient();
    await linkIs('connected');
    const port = real.port;
    await real.stopBridge();
    await linkIs('disconnected');
    expect(await hardware.printerStatus()).toMatchObject({ ok: false, reason: 'not_connected', canRetry: true });
    await real.start({ port });
    await linkIs('connected');
    expect(await hardware.printerStatus()).toMatchObject({ ok: true });
  });

  it('never connects with a wrong token, however often it tries', async () => {
    let attempts = 0;
    let retried: () => void = () => undefined;
    const twice = new Promise<void>((resolve) => (retried = resolve));
    const counting: SocketFactory = (url) => {
      if (++attempts === 3) retried();
      return wsSocket(url);
    };
    const { hardware, events } = await bridgeAndClient({}, 'wrong-token-0123456789abcd', counting);
    await twice;
    expect(await hardware.printerStatus()).toMatchObject({ ok: false, reason: 'not_connected' });
    expect(events.some((e) => e.type === 'link' && e.state === 'connected')).toBe(false);
  });
});
