import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForHealth } from '../../../build/launcher/wait-for-health';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

async function healthAfter(failures: number): Promise<{ url: string; calls: () => number }> {
  let calls = 0;
  server = createServer((_req, res) => {
    calls += 1;
    res.writeHead(calls > failures ? 200 : 503).end();
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`, calls: () => calls };
}

describe('waitForHealth', () => {
  it('keeps asking until the server answers 2xx', async () => {
    const health = await healthAfter(3);
    expect(await waitForHealth(health.url, { timeoutMs: 10_000, intervalMs: 10 })).toBeNull();
    expect(health.calls()).toBe(4);
  });

  it('gives up when told to, with the reason', async () => {
    const health = await healthAfter(Number.POSITIVE_INFINITY);
    let asked = 0;
    const reason = await waitForHealth(health.url, { timeoutMs: 10_000, intervalMs: 10, gaveUp: () => (++asked > 2 ? 'the server exited (1)' : null) });
    expect(reason).toBe('the server exited (1)');
  });

  it('reports the last problem when time runs out', async () => {
    const health = await healthAfter(Number.POSITIVE_INFINITY);
    const reason = await waitForHealth(health.url, { timeoutMs: 200, intervalMs: 20 });
    expect(reason).toMatch(/did not become healthy within 200 ms \(HTTP 503\)/);
  });
});
