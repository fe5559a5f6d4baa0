import { rmSync } from 'node:fs';
import { WebSocket } from 'ws';
import { HardwareConfig, bridgeDevicesOf } from '../../../../core/pos-hardware-config';
import { BridgeConfig } from '../../../../drivers/bridge/bridge-config';
import { startBridge, type RunningBridge } from '../../../../drivers/bridge/bridge-server';
import { createHardwareSet, type HardwareSet } from '../../../../drivers/bridge/hardware-set';
import type { SocketFactory, SocketLike } from '../../../../renderer/bridge/bridge-client';
import { PtyPair } from '../../../hardware/support/pty-pair';
import { tempDir } from '../../../hardware/support/queue-helpers';
import { TcpTestPrinter } from '../../../support/escpos/tcp-test-printer';

export const TOKEN = 'renderer-test-token-0123456789';

/** Node has no WebSocket before v22; `ws` has the same onopen/onmessage/onclose surface. */
export const wsSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

/**
 * A real hardware bridge in this process (the drivers' server and devices) with a TCP test
 * printer and a pty scanner, built from a hardware config the way the launcher builds it.
 */
export class RealBridge {
  readonly printer = new TcpTestPrinter();
  readonly scanner = new PtyPair();
  readonly dataDir = tempDir('renderer-bridge');
  printerPort = 0;
  private hardware: HardwareSet | null = null;
  private bridge: RunningBridge | null = null;

  async start(options: { printer?: boolean; scanner?: boolean; port?: number } = {}): Promise<string> {
    if (!this.printerPort) {
      this.printerPort = await this.printer.start();
      await this.scanner.start();
    }
    const config = HardwareConfig.parse({
      printer: options.printer === false ? { kind: 'none' } : { kind: 'tcp', host: '127.0.0.1', port: this.printerPort },
      scanner: options.scanner === false ? { kind: 'wedge' } : { kind: 'serial', path: this.scanner.device },
    });
    const bridgeConfig = BridgeConfig.parse({ token: TOKEN, dataDir: this.dataDir, ...bridgeDevicesOf(config) });
    this.hardware = createHardwareSet(bridgeConfig);
    this.hardware.start();
    this.bridge = await startBridge({ hardware: this.hardware, token: TOKEN, port: options.port ?? 0 });
    return this.bridge.url;
  }

  get port(): number {
    return this.bridge?.port ?? 0;
  }

  /** Stops the bridge (its clients see the connection drop), keeping the test devices. */
  async stopBridge(): Promise<void> {
    await this.bridge?.close();
    await this.hardware?.stop();
    this.bridge = null;
    this.hardware = null;
  }

  async dispose(): Promise<void> {
    await this.stopBridge();
    await this.printer.stop();
    await this.scanner.dispose();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Resolves once `check` holds, re-checking whenever `subscribe` reports a change. */
export function until(check: () => boolean, subscribe: (notify: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = subscribe(() => {
      if (!check()) return;
      off();
      resolve();
    });
  });
}
