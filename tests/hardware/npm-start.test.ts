import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BRIDGE_TOKEN_PARAM, BridgeServerMessage } from '../../core/hardware/bridge-protocol';
import { LAUNCH_PARAM } from '../../core/pos-api';
import { redemptionSlip } from '../../core/receipt/templates/redemption-slip';
import { REPO_DIR } from '../../build/launcher/app-build';
import { choosePort } from '../../build/launcher/free-port';
import { decodeEscPos, printedText } from '../support/escpos/escpos-decoder';
import { sampleRedemptionSlip } from '../support/escpos/sample-receipts';
import { TcpTestPrinter } from '../support/escpos/tcp-test-printer';
import { descendantsOf, isAlive, portIsFree } from './support/process-tree';

// `npm start` itself, as a person runs it (no display, so the POS is served for a browser with
// the hardware bridge): it must print to the printer the environment names, and stop as a whole.

const printer = new TcpTestPrinter();
const dataDir = mkdtempSync(join(tmpdir(), 'hexiao-npm-start-'));
const output: string[] = [];
let npm: ChildProcess;
let ports: { server: number; pos: number; bridge: number };
let posUrl: URL;
let tree: number[] = [];

function lineMatching(pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      const found = output.find((line) => pattern.test(line));
      if (found) return resolve(found);
      if (npm.exitCode !== null || npm.signalCode !== null) return reject(new Error(`npm start ended:\n${output.join('\n')}`));
      if (Date.now() - started > timeoutMs) return reject(new Error(`no line matching ${pattern}:\n${output.join('\n')}`));
      setTimeout(check, 100);
    };
    check();
  });
}

beforeAll(async () => {
  const printerPort = await printer.start();
  ports = { server: await choosePort(0), pos: await choosePort(0), bridge: await choosePort(0) };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.server),
    HEXIAO_POS_PORT: String(ports.pos),
    HEXIAO_BRIDGE_PORT: String(ports.bridge),
    HEXIAO_DATA_DIR: dataDir,
    HEXIAO_PRINTER_TCP: `127.0.0.1:${printerPort}`,
  };
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'DATABASE_URL', 'DATABASE_SCHEMA', 'HEXIAO_BRIDGE_CONFIG', 'HEXIAO_PRINTER_PROFILE', 'HEXIAO_SCANNER_PATH']) delete env[name];
  npm = spawn('npm', ['start'], { cwd: REPO_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [npm.stdout!, npm.stderr!]) createInterface({ input: stream }).on('line', (line) => output.push(line));
  // The first start may build the POS renderer: minutes on a busy machine.
  posUrl = new URL((await lineMatching(/^POS: http/, 280_000)).slice('POS: '.length));
}, 300_000);

afterAll(async () => {
  for (const pid of [npm?.pid, ...tree]) {
    if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  await printer.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', { timeout: 60_000 }, () => {
  it('serves the printer HEXIAO_PRINTER_TCP names through its hardware bridge', async () => {
    expect(output.join('\n')).toMatch(/1 printer\(s\)/);
    // The demo codes come with the PINs to sign in at the counter.
    expect(output.join('\n')).toMatch(/counter PINs[\s\S]*小王 PIN 1234 \(收银员 cashier\) · 李店长 PIN 8888 \(店长 manager\)/);
    const bridgeUrl = new URL(posUrl.searchParams.get(LAUNCH_PARAM.bridgeUrl)!);
    expect(bridgeUrl.port).toBe(String(ports.bridge));
    bridgeUrl.searchParams.set(BRIDGE_TOKEN_PARAM, posUrl.searchParams.get(LAUNCH_PARAM.bridgeToken)!);
    const ws = new WebSocket(bridgeUrl, { origin: posUrl.origin });
    const answers = new Map<string, Record<string, unknown>>();
    ws.on('message', (data) => {
      const message = BridgeServerMessage.parse(JSON.parse(data.toString()));
      if (message.type === 'response') answers.set(String(message.id), message.result as Record<string, unknown>);
    });
    await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
    const ask = async (id: string, body: object): Promise<Record<string, unknown>> => {
      ws.send(JSON.stringify({ type: 'request', id, ...body }));
      await expect.poll(() => answers.has(id), { timeout: 30_000 }).toBe(true);
      return answers.get(id)!;
    };
    const slip = redemptionSlip(sampleRedemptionSlip('zh-CN'));
    const queued = await ask('print', { method: 'printer.print', printerId: 'receipt', document: slip, label: 'npm start' });
    expect(queued).toMatchObject({ ok: true });
    const done = await ask('wait', { method: 'printer.waitForJob', printerId: 'receipt', jobId: queued.jobId });
    expect(done).toMatchObject({ ok: true, job: { state: 'sent', label: 'npm start' } });
    ws.close();
    const [job] = await printer.waitForJobs(1);
    expect(printedText(decodeEscPos(job!)).map((l) => l.trim())).toContain('核销单号');
  });

  it('stops the server, the bridge and every other child on SIGTERM, freeing their ports', async () => {
    tree = descendantsOf(npm.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(3);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(false);
    const exited = new Promise((resolve) => npm.once('exit', resolve));
    npm.kill('SIGTERM');
    await exited;
    await expect.poll(() => tree.filter(isAlive), { timeout: 30_000 }).toEqual([]);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);
  });
});
