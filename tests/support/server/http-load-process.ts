import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * A redeem load generator, forked as its own process so it does not share the server's event loop.
 * Receives a `LoadPlan` over IPC, answers with a `LoadResult`, then exits. Loopback only.
 */

export interface LoadPlan {
  url: string;
  token: string;
  codes: string[];
  concurrency: number;
  maxRequests: number;
  maxMs: number;
  /** Load sent first and not counted: JIT, connections, prepared statements. */
  warmupMs: number;
}

export interface LoadResult {
  ok: number;
  failed: number;
  failures: Record<string, number>;
  elapsedMs: number;
  latenciesMs: number[];
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  if (plan.warmupMs > 0) await measure({ ...plan, maxMs: plan.warmupMs });
  return measure(plan);
}

async function measure(plan: LoadPlan): Promise<LoadResult> {
  const target = new URL('/api/v1/vouchers/redeem', plan.url);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') throw new Error('load only against loopback');
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  const started = performance.now();
  const deadline = started + plan.maxMs;

  const post = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        target,
        {
          agent,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${plan.token}`,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const worker = async () => {
    while (issued < plan.maxRequests && performance.now() < deadline) {
      const code = plan.codes[issued++ % plan.codes.length]!;
      const body = JSON.stringify({ cashierId: 'cashier-1', redemptionId: randomUUID(), code, count: 1, deviceTime: new Date().toISOString() });
      const t0 = performance.now();
      const res = await post(body);
      latenciesMs.push(performance.now() - t0);
      if (res.status === 200) ok++;
      else {
        const key = `${res.status} ${res.text.slice(0, 80)}`;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { ok, failed: latenciesMs.length - ok, failures, elapsedMs, latenciesMs };
}

process.once('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
