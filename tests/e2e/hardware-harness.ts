import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { SerialPort } from 'serialport';
import { buildRenderer, REPO_DIR } from '../../build/launcher/app-build';
import { startBrowserHardware, type BrowserHardware } from '../../build/launcher/browser-hardware';
import { choosePort } from '../../build/launcher/free-port';
import { posBrowserUrl, withBridgeParams } from '../../build/launcher/pos-url';
import { serveStatic, type StaticServer } from '../../build/launcher/static-server';
import { startServer, type RunningServer } from '../../server';
import { PtyPair } from '../hardware/support/pty-pair';
import { TcpTestPrinter } from '../support/escpos/tcp-test-printer';
import { CHROMIUM_ARGS, findChromium } from './chromium';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'e2e');

/**
 * What `npm start` runs in browser mode, with test devices: the real server (temp SQLite, demo
 * data), the built POS on a static server, the launcher's hardware side (the bridge process from
 * drivers/bridge/main.ts and its config endpoint), a TCP listener on 127.0.0.1 as the printer, a
 * socat pty pair as the serial scanner, and Chromium.
 */
export interface HardwareHarness {
  server: RunningServer;
  pos: StaticServer;
  hardware: BrowserHardware;
  printer: TcpTestPrinter;
  printerPort: number;
  scanner: PtyPair;
  browser: Browser;
  bridgeLog: string[];
  launchUrl(): string;
  /** Types a scan into the scanner's end of the pty, as a serial scanner sends it. */
  scan(value: string): Promise<void>;
  close(): Promise<void>;
}

export interface HardwareHarnessOptions {
  chromiumArgs?: string[];
  /** Runs once the server has its demo data and before Chromium starts (e.g. to write a camera clip). */
  beforeBrowser?: (server: RunningServer) => void | Promise<void>;
}

export async function startHardwareHarness(options: HardwareHarnessOptions = {}): Promise<HardwareHarness> {
  const executablePath = findChromium();
  const dir = await mkdtemp(join(tmpdir(), 'hexiao-hw-e2e-'));
  const server = await startServer({ port: 0, dataDir: join(dir, 'server'), demo: true, logLevel: 'silent' });
  await buildRenderer(join(dir, 'renderer'));
  const pos = await serveStatic(join(dir, 'renderer'));
  const printer = new TcpTestPrinter();
  const printerPort = await printer.start();
  const scanner = new PtyPair(join(dir, 'pty'));
  mkdirSync(scanner.dir, { recursive: true });
  await scanner.start();
  const bridgeLog: string[] = [];
  const hardware = await startBrowserHardware({
    repoDir: REPO_DIR,
    dataDir: join(dir, 'launcher'),
    bridgePort: await choosePort(0),
    posOrigin: new URL(pos.url).origin,
    log: (line) => bridgeLog.push(line),
  });
  await options.beforeBrowser?.(server);
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])] });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  let peer: SerialPort | null = null;
  return {
    server,
    pos,
    hardware,
    printer,
    printerPort,
    scanner,
    browser,
    bridgeLog,
    launchUrl: () => withBridgeParams(posBrowserUrl(pos.url, server.url, server.demo!.pairingCode), hardware),
    scan: async (value) => {
      if (!peer) {
        const port = new SerialPort({ path: scanner.peer, baudRate: 9600, autoOpen: false });
        await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
        peer = port;
      }
      const port = peer;
      await new Promise<void>((resolve, reject) => port.write(`${value}\r\n`, (error) => (error ? reject(error) : port.drain(() => resolve()))));
    },
    close: async () => {
      await browser.close();
      const port = peer;
      if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      await hardware.stop();
      await scanner.stop();
      await printer.stop();
      await pos.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Types `text` then Enter the way a keyboard-wedge scanner does: the keystrokes carry their own
 * time stamps `gapMs` apart, as an OS reports a device's keys, however busy this machine is.
 */
export async function typeAsKeyboard(page: Page, text: string, gapMs: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let at = Date.now() / 1000;
  for (const ch of text) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch, timestamp: at });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: at + 0.001 });
    at += gapMs / 1000;
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...enter, text: '\r', timestamp: at });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, timestamp: at + 0.001 });
  await cdp.detach();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * A YUV4MPEG2 clip that Chromium plays as its fake camera (`--use-file-for-fake-video-capture`):
 * `text` as a QR code, dark on white, in the middle of a 640 × 480 frame.
 */
export function writeQrCameraClip(path: string, text: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const [width, height, scale, quiet] = [640, 480, 7, 4];
  const n = qr.modules.size;
  const side = (n + 2 * quiet) * scale;
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx);
      luma[(y0 + y) * width + x0 + x] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frames: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < 5; f++) frames.push(Buffer.from('FRAME\n'), luma, chroma, chroma);
  writeFileSync(path, Buffer.concat(frames));
}
