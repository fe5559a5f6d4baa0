import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_58MM } from '../../core/hardware/printer-profile';
import { saleReceipt } from '../../core/receipt/templates/sale-receipt';
import { encodeReceipt } from '../../drivers/escpos/escpos-encoder';
import { QueuedReceiptPrinter } from '../../drivers/printer/queued-receipt-printer';
import { PrintQueue } from '../../drivers/queue/print-queue';
import { DeviceFileTransport } from '../../drivers/transport/device-file-transport';
import { SerialTransport } from '../../drivers/transport/serial-transport';
import { decodeEscPos } from '../support/escpos/escpos-decoder';
import { PrinterSimulator } from '../support/escpos/printer-simulator';
import { sampleSaleReceipt } from '../support/escpos/sample-receipts';
import { PtyPair } from './support/pty-pair';
import { FAST_RETRY, FAST_TIMEOUTS, jobReaches, statusReaches, tempDir } from './support/queue-helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sale = saleReceipt(sampleSaleReceipt('zh-CN'));

/** The printer end of a pty pair: captures bytes and answers like firmware. */
async function serialPrinter(pty: PtyPair) {
  const port = new SerialPort({ path: pty.peer, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  cleanups.push(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  const received: Buffer[] = [];
  const waiters: (() => void)[] = [];
  const simulator = new PrinterSimulator((bytes) => port.write(bytes));
  port.on('data', (chunk: Buffer) => {
    received.push(chunk);
    simulator.receive(chunk);
    for (const w of waiters.splice(0)) w();
  });
  const all = (): Buffer => Buffer.concat(received);
  /** Resolves once the received bytes end with `tail` (the pty may still hold some after drain). */
  const endsWith = (tail: Buffer): Promise<Buffer> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (all().subarray(-tail.length).equals(tail)) resolve(all());
        else waiters.push(check);
      };
      check();
    });
  return { simulator, received: all, endsWith };
}

describe('a serial printer on a pty pair', () => {
  it('answers DLE EOT over the wire: paper out holds the job, paper back prints it', async () => {
    const pty = new PtyPair();
    await pty.start();
    cleanups.push(() => pty.dispose());
    const printer = await serialPrinter(pty);
    printer.simulator.set({ paper: 'end' });
    const dataDir = tempDir('serial-queue');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const queue = new PrintQueue({
      printerId: 'kitchen',
      transport: new SerialTransport(pty.device, { baudRate: 115200, flowControl: 'none' }),
      profile: PROFILE_58MM,
      dataDir,
      backoff: FAST_RETRY,
      idlePollMs: 0,
      timeouts: FAST_TIMEOUTS,
    });
    cleanups.push(() => queue.stop());
    const receiptPrinter = new QueuedReceiptPrinter(queue);
    const paperOut = statusReaches(queue, 'paperEnd');
    queue.start();
    const queued = await receiptPrinter.print(sale, 'sale');
    if (!queued.ok) throw new Error(queued.message);
    await paperOut;
    expect((await jobReaches(queue, queued.jobId, 'waiting')).lastError).toMatch(/out of paper/);
    expect(decodeEscPos(printer.received()).initCount).toBe(0);

    printer.simulator.set({ paper: 'nearEnd' });
    queue.retryNow();
    const done = await receiptPrinter.waitForJob(queued.jobId);
    expect(done.ok && done.job.state).toBe('sent');
    expect(queue.lastStatus()).toMatchObject({ state: 'paperNearEnd', flags: { paperNearEnd: true, paperEnd: false } });
    const expected = encodeReceipt(sale, PROFILE_58MM);
    const received = await printer.endsWith(expected);
    expect(received.subarray(-expected.length)).toEqual(expected);
    const decoded = decodeEscPos(received);
    expect(decoded.lines.every((l) => l.width <= 32)).toBe(true);
  });
});

describe('a USB printer device file', () => {
  it('is write-only: the job is sent, the status stays unknown', async () => {
    const dir = tempDir('usb');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const device = join(dir, 'lp0');
    writeFileSync(device, '');
    const queue = new PrintQueue({
      printerId: 'usb',
      transport: new DeviceFileTransport(device),
      profile: PROFILE_58MM,
      dataDir: dir,
      backoff: FAST_RETRY,
      idlePollMs: 0,
    });
    cleanups.push(() => queue.stop());
    const receiptPrinter = new QueuedReceiptPrinter(queue);
    queue.start();
    const queued = await receiptPrinter.print(sale);
    if (!queued.ok) throw new Error(queued.message);
    const done = await receiptPrinter.waitForJob(queued.jobId);
    expect(done.ok && done.job.state).toBe('sent');
    expect(readFileSync(device)).toEqual(encodeReceipt(sale, PROFILE_58MM));
    expect((await receiptPrinter.status()).known).toBe(false);
  });

  it('keeps the job waiting while the device is missing', async () => {
    const dir = tempDir('usb-missing');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const queue = new PrintQueue({
      printerId: 'usb',
      transport: new DeviceFileTransport(join(dir, 'no-such-dir', 'lp0')),
      profile: PROFILE_58MM,
      dataDir: dir,
      backoff: FAST_RETRY,
      idlePollMs: 0,
    });
    cleanups.push(() => queue.stop());
    const job = queue.enqueue(encodeReceipt(sale, PROFILE_58MM), 'sale');
    const waits = jobReaches(queue, job.id, 'waiting');
    queue.start();
    expect((await waits).lastError).toMatch(/cannot reach/);
  });
});
