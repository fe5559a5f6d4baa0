import { createServer } from 'node:net';
import { runServerCli, type CliRun } from '../../support/server/cli';

/** A port free right now (the OS picks it); the caller binds it soon after. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * One server node as a real process (`tsx server/main.ts`, as `npm run server`) on a fixed port,
 * so it can be killed and started again where the proxy expects it.
 */
export class ServerNode {
  private run: CliRun | undefined;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.run !== undefined && this.run.child.exitCode === null && this.run.child.signalCode === null;
  }

  /** Resolves once the node answers its health check (whatever LOG_LEVEL says); the bound only stops a broken start. */
  async start(boundMs = 120_000): Promise<void> {
    const run = runServerCli({ ...this.env, PORT: String(this.port) });
    this.run = run;
    const deadline = Date.now() + boundMs;
    while (Date.now() < deadline && run.child.exitCode === null) {
      const res = await fetch(`${this.url}/api/v1/health`).catch(() => undefined);
      if (res?.ok) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`node on port ${this.port} did not start:\n${this.output()}`);
  }

  /** The first JSON log line with this message, waited for while the process runs. */
  async logged(msg: string): Promise<Record<string, unknown>> {
    const run = this.current();
    for (;;) {
      for (const line of run.stdout().split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (entry['msg'] === msg) return entry;
      }
      if (run.child.exitCode !== null) throw new Error(`node exited without logging "${msg}":\n${run.stdout()}\n${run.stderr()}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  signal(signal: 'SIGTERM' | 'SIGKILL'): void {
    this.current().child.kill(signal);
  }

  /** Exit code (null when killed by a signal). */
  exited(): Promise<number | null> {
    return this.current().exited;
  }

  async kill(): Promise<void> {
    if (!this.running) return;
    this.signal('SIGKILL');
    await this.exited();
  }

  output(): string {
    return this.run ? `${this.run.stdout()}\n${this.run.stderr()}` : '';
  }

  private current(): CliRun {
    if (!this.run) throw new Error('node not started');
    return this.run;
  }
}
