import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bridgeDevicesOf, type HardwareConfig } from '../../core/pos-hardware-config';
import { startChild, stopChild, type Child } from './child-processes';

export interface BridgeProcessOptions {
  repoDir: string;
  /** Holds `bridge.json` (it carries the token: owner-only) and the print-job journals. */
  hardwareDir: string;
  /** Fixed for the launcher's lifetime, so the POS reconnects to the same address after a restart. */
  port: number;
  token: string;
  /** The POS page's origin; the bridge refuses WebSockets from any other page. */
  allowedOrigins: readonly string[];
  log: (line: string) => void;
  startTimeoutMs?: number;
}

const LISTENING = /hardware bridge on (ws:\/\/\S+)/;

/**
 * `drivers/bridge/main.ts` as a child process, configured by a generated `bridge.json`. A new
 * hardware config restarts it (its job journals survive: same folder, same printer id); an
 * unexpected exit restarts it after a pause that grows while it keeps failing.
 */
export class BridgeProcess {
  private child: Child | null = null;
  private config: HardwareConfig | null = null;
  private stopping = false;
  private crashDelayMs = 1000;
  private crashTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: BridgeProcessOptions) {}

  get url(): string {
    return `ws://127.0.0.1:${this.options.port}/`;
  }

  get configFile(): string {
    return join(this.options.hardwareDir, 'bridge.json');
  }

  /** Starts (or restarts) the bridge with `config`; resolves once it listens. */
  async run(config: HardwareConfig): Promise<void> {
    this.config = config;
    await this.halt();
    this.stopping = false;
    await this.spawn();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.halt();
  }

  private async halt(): Promise<void> {
    if (this.crashTimer) clearTimeout(this.crashTimer);
    this.crashTimer = null;
    const child = this.child;
    this.child = null;
    if (child) await stopChild(child);
  }

  private async spawn(): Promise<void> {
    const { repoDir, hardwareDir, port, token, allowedOrigins, log } = this.options;
    const bridgeConfig = { host: '127.0.0.1', port, token, allowedOrigins, dataDir: hardwareDir, ...bridgeDevicesOf(this.config!) };
    await writeFile(this.configFile, JSON.stringify(bridgeConfig, null, 2), { mode: 0o600 });
    let listening: (url: string) => void = () => undefined;
    const ready = new Promise<string>((resolve) => (listening = resolve));
    const child = startChild(
      'bridge',
      process.execPath,
      ['--import', 'tsx', 'drivers/bridge/main.ts'],
      { cwd: repoDir, env: { ...process.env, HEXIAO_BRIDGE_CONFIG: this.configFile } },
      (line) => {
        log(line);
        const match = LISTENING.exec(line);
        if (match) listening(match[1]!);
      },
    );
    this.child = child;
    const timeoutMs = this.options.startTimeoutMs ?? 30_000;
    const outcome = await Promise.race([
      ready.then(() => 'listening' as const),
      child.exited.then((code) => `exited (${code})`),
      new Promise<string>((resolve) => setTimeout(() => resolve(`did not listen within ${timeoutMs} ms`), timeoutMs).unref()),
    ]);
    if (outcome !== 'listening') {
      await this.halt();
      throw new Error(`the hardware bridge ${outcome}`);
    }
    this.crashDelayMs = 1000;
    log(`hardware bridge running (pid ${child.process.pid})`);
    void child.exited.then((code) => this.onExit(child, code));
  }

  private onExit(child: Child, code: number | string): void {
    if (this.stopping || this.child !== child) return;
    this.child = null;
    this.scheduleRestart(`the hardware bridge stopped (${code})`);
  }

  private scheduleRestart(why: string): void {
    if (this.stopping) return;
    this.options.log(`${why}; starting it again in ${this.crashDelayMs} ms`);
    this.crashTimer = setTimeout(() => {
      this.crashTimer = null;
      this.spawn().catch((error: unknown) => this.scheduleRestart(error instanceof Error ? error.message : String(error)));
    }, this.crashDelayMs);
    this.crashDelayMs = Math.min(30_000, this.crashDelayMs * 2);
  }
}
