import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scan, ScannerStatus } from '../../core/hardware/devices';
import { gs1CheckDigit } from '../../core/hardware/product-barcode';
import { dammCheckDigit } from '../../core/damm';
import type { IgnoredInput } from '../../drivers/scanner/line-splitter';
import type { PortInfo } from '../../drivers/scanner/port-match';
import { SerialScanner } from '../../drivers/scanner/serial-scanner';
import { PtyPair } from './support/pty-pair';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const VOUCHER = `12345678901${dammCheckDigit('12345678901')}`;
const EAN = `690123456789${gs1CheckDigit('690123456789')}`;

async function pty(): Promise<PtyPair> {
  const pair = new PtyPair();
  await pair.start();
  cleanups.push(() => pair.dispose());
  return pair;
}

/** The scanner's end of the cable: bytes written here arrive at the driver's port. */
async function scannerEnd(pair: PtyPair): Promise<(text: string | Buffer) => Promise<void>> {
  const port = new SerialPort({ path: pair.peer, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('error', () => undefined);
  cleanups.push(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  return (data) => new Promise((resolve, reject) => port.write(data, (e) => (e ? reject(e) : port.drain(() => resolve()))));
}

function collect(scanner: SerialScanner) {
  const scans: Scan[] = [];
  const ignored: IgnoredInput[] = [];
  const waiters: (() => void)[] = [];
  const notify = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  scanner.onScan((s) => {
    scans.push(s);
    notify();
  });
  scanner.onIgnored((i) => {
    ignored.push(i);
    notify();
  });
  const until = (done: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => (done() ? resolve() : void waiters.push(check));
      check();
    });
  return { scans, ignored, until };
}

function statusReaches(scanner: SerialScanner, state: ScannerStatus['state']): Promise<ScannerStatus> {
  if (scanner.status().state === state) return Promise.resolve(scanner.status());
  return new Promise((resolve) => {
    const off = scanner.onStatus((s) => {
      if (s.state === state) {
        off();
        resolve(s);
      }
    });
  });
}

function startScanner(options: ConstructorParameters<typeof SerialScanner>[0]): SerialScanner {
  const scanner = new SerialScanner({ reconnect: { initialMs: 20, maxMs: 200 }, ...options });
  cleanups.push(() => scanner.stop());
  scanner.start();
  return scanner;
}

describe('a serial scanner on a pty pair', () => {
  it('splits CR, LF and CRLF (even across reads), trims, validates and classifies', async () => {
    const pair = await pty();
    const scanner = startScanner({ id: 'counter', path: pair.device });
    await statusReaches(scanner, 'connected');
    const write = await scannerEnd(pair);
    const seen = collect(scanner);
    await write(`  ${VOUCHER}\r`);
    await write(`\n${EAN}\n13812341234\r\n1234 5678 9013\r\n`);
    await seen.until(() => seen.scans.length === 4);
    expect(seen.scans.map((s) => s.kind)).toEqual([
      { kind: 'voucherCode', code: VOUCHER },
      { kind: 'product', symbology: 'EAN13', gtin: EAN },
      { kind: 'memberPhone', phone: '13812341234' },
      { kind: 'rejected', reason: 'the code has a typo: its check digit does not match' },
    ]);
    expect(seen.ignored).toEqual([]);
  });

  it('ignores garbage bytes, over-long lines and a repeat within the debounce window', async () => {
    const pair = await pty();
    const scanner = startScanner({ id: 'counter', path: pair.device, maxLineLength: 64 });
    await statusReaches(scanner, 'connected');
    const write = await scannerEnd(pair);
    const seen = collect(scanner);
    await write(Buffer.from([0x00, 0xff, 0x1b, 0x41, 0x0d]));
    await write('9'.repeat(500) + '\r\n');
    await write(`${EAN}\r${EAN}\r`);
    await write(`${VOUCHER}\r`);
    await seen.until(() => seen.scans.length === 2);
    expect(seen.scans.map((s) => s.value)).toEqual([EAN, VOUCHER]);
    expect(seen.ignored.map((i) => i.reason)).toEqual(['non-printable bytes', 'over-long line', 'repeat within debounce window']);
  });

  it('reconnects after the device is unplugged and plugged back, and the next scan arrives', async () => {
    const pair = await pty();
    const scanner = startScanner({ id: 'counter', path: pair.device, listPollMs: 50 });
    await statusReaches(scanner, 'connected');
    const unplugged = statusReaches(scanner, 'disconnected');
    await pair.stop();
    expect((await unplugged).lastError).toMatch(/unplugged/);

    const back = new PtyPair(pair.dir);
    await back.start();
    cleanups.push(() => back.stop());
    await statusReaches(scanner, 'connected');
    const write = await scannerEnd(back);
    const seen = collect(scanner);
    await write(`${VOUCHER}\r\n`);
    await seen.until(() => seen.scans.length === 1);
    expect(seen.scans[0]!.kind.kind).toBe('voucherCode');
  });

  it('finds the device by vendor and product id when it comes back at another path', async () => {
    const first = await pty();
    let listed: PortInfo[] = [{ path: first.device, vendorId: '0C2E', productId: '0b61' }];
    const scanner = startScanner({
      id: 'usb-scanner',
      match: { vendorId: '0c2e', productId: '0b61' },
      listPorts: async () => listed,
      listPollMs: 50,
    });
    expect((await statusReaches(scanner, 'connected')).path).toBe(first.device);
    const unplugged = statusReaches(scanner, 'disconnected');
    listed = [];
    await first.stop();
    await unplugged;

    const second = await pty();
    const reconnected = statusReaches(scanner, 'connected');
    listed = [{ path: '/dev/ttyS0' }, { path: second.device, vendorId: '0c2e', productId: '0B61' }];
    expect((await reconnected).path).toBe(second.device);
    const write = await scannerEnd(second);
    const seen = collect(scanner);
    await write(`${EAN}\n`);
    await seen.until(() => seen.scans.length === 1);
    expect(seen.scans[0]!.kind).toEqual({ kind: 'product', symbology: 'EAN13', gtin: EAN });
  });
});
