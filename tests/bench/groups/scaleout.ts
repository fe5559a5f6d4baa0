import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openDatabase, type Db } from '../../../server/db/database';
import { mintPairingCode } from '../../../server/repositories/pairing-repository';
import { NGINX, NginxProcess } from '../../scaleout/support/nginx';
import { retrying } from '../../scaleout/support/retrying';
import { freePort, ServerNode } from '../../scaleout/support/server-node';
import { runBounded } from '../../integration/sales/support/bounded';
import { ApiClient } from '../../support/server/api-client';
import { createBackend } from '../../support/server/backends';
import { runHttpLoad, type LoadResult } from '../../support/server/http-load';
import { redeemBenchWorld } from '../support/redeem-bench-world';
import { percentile, round, type BenchContext, type BenchGroup, type Figure } from '../figures';

const NODES = 3;
const CONCURRENCY = 50;
const VOUCHERS = 2_000;
const PHASE = { maxRequests: 40_000, maxMs: 5_000, warmupMs: 1_000 };
/** The kill run: redeems sent through nginx while one node is killed and started again. */
const KILL_RUN = { requests: 3_000, concurrency: 20 };

const load = () => loadavg().map((l) => round(l, 2)).join(' ');

/**
 * Redeems through nginx to three nodes against one node direct, same PostgreSQL, same run; then
 * redeems through nginx while one node is SIGKILLed and started again, each retried with its ids
 * until a node answers: an error is a redeem whose final answer is not its success, or that the
 * ledger holds other than once.
 */
async function measure(ctx: BenchContext, pgUrl: string): Promise<Figure[]> {
  const backend = createBackend('postgres', pgUrl);
  const db = await openDatabase({ ...backend.options, dataDir: backend.dataDir });
  const env: Record<string, string> = {
    DATABASE_URL: pgUrl,
    DATABASE_SCHEMA: backend.options.pgSchema!,
    HEXIAO_DATA_DIR: backend.dataDir,
    HEXIAO_DEMO: '0',
    HEXIAO_TRUSTED_PROXIES: '127.0.0.1',
    HEXIAO_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  const nodes: ServerNode[] = [];
  for (let i = 0; i < NODES; i++) nodes.push(new ServerNode(await freePort(), env));
  const nginx = new NginxProcess(await freePort(), nodes.map((n) => n.port));
  try {
    const world = await redeemBenchWorld(db, 'scaleout bench', VOUCHERS);
    await Promise.all([...nodes.map((n) => n.start()), nginx.start()]);
    const { code } = await mintPairingCode(db, world.terminal.id);
    const paired = await new ApiClient(nodes[0]!).post<{ token: string }>('/terminals/pair', { pairingCode: code });
    if (paired.status !== 200) throw new Error(`pairing failed: ${paired.status}`);
    const token = paired.body.token;
    const plan = { token, codes: world.codes, concurrency: CONCURRENCY, ...PHASE };

    const direct = await runHttpLoad({ ...plan, url: nodes[0]!.url });
    const proxied = await runHttpLoad({ ...plan, url: nginx.url });
    report(ctx, 'one node direct', direct);
    report(ctx, `nginx → ${NODES} nodes`, proxied);
    const directRps = direct.ok / (direct.elapsedMs / 1000);
    const proxiedRps = proxied.ok / (proxied.elapsedMs / 1000);

    const errors = await redeemThroughKill(ctx, db, nginx, nodes[1]!, token, world.codes);
    ctx.log(`box load (1/5/15 min): ${load()}, ${NODES} nodes + nginx (1 worker) + the load process on this box`);
    return [
      { name: 'scaleout_redeem_direct_rps', value: round(directRps, 0), unit: 'req/s' },
      { name: 'scaleout_redeem_nginx_rps', value: round(proxiedRps, 0), unit: 'req/s' },
      { name: 'scaleout_redeem_ratio', value: round(proxiedRps / directRps, 2), unit: 'ratio' },
      { name: 'scaleout_redeem_p99_ms', value: round(percentile(proxied.latenciesMs, 99), 1), unit: 'ms' },
      { name: 'scaleout_errors_during_kill', value: errors, unit: 'errors' },
    ];
  } finally {
    for (const node of nodes) await node.kill();
    await nginx.stop();
    await db.close();
    await backend.cleanup();
  }
}

function report(ctx: BenchContext, label: string, result: LoadResult): void {
  const rps = result.ok / (result.elapsedMs / 1000);
  ctx.log(
    `${label}: ${round(rps, 0)} req/s over ${result.ok} redeems, p50 ${round(percentile(result.latenciesMs, 50), 1)} ms, ` +
      `p99 ${round(percentile(result.latenciesMs, 99), 1)} ms, ${CONCURRENCY} keep-alive clients; ${result.failed} failed${result.failed ? ` ${JSON.stringify(result.failures)}` : ''}; load ${load()}`,
  );
}

async function redeemThroughKill(ctx: BenchContext, db: Db, nginx: NginxProcess, victim: ServerNode, token: string, codes: string[]): Promise<number> {
  const client = new ApiClient(nginx, token);
  const deviceTime = new Date().toISOString();
  const ids = Array.from({ length: KILL_RUN.requests }, () => randomUUID());
  let done = 0;
  let retried = 0;
  let refused = 0;
  let restarted: Promise<void> | undefined;
  await runBounded(KILL_RUN.requests, KILL_RUN.concurrency, async (i) => {
    const body = { redemptionId: ids[i], code: codes[i % codes.length], count: 1, cashierId: 'cashier-1', deviceTime };
    const answer = await retrying(() => client.post<{ redemptionId: string }>('/vouchers/redeem', body)).catch(() => undefined);
    if (answer && answer.tries > 1) retried++;
    if (answer?.res.status !== 200 || answer.res.body.redemptionId !== ids[i]) refused++;
    if (++done === Math.floor(KILL_RUN.requests / 4)) {
      victim.signal('SIGKILL');
      restarted = victim.exited().then(() => victim.start());
    }
  });
  await restarted;
  const ledger = await db.kysely.selectFrom('redemptions').select('redemption_id').where('redemption_id', 'in', ids).execute();
  const counts = new Map<string, number>();
  for (const r of ledger) counts.set(r.redemption_id, (counts.get(r.redemption_id) ?? 0) + 1);
  const notOnce = ids.filter((id) => counts.get(id) !== 1).length;
  ctx.log(
    `kill run: ${KILL_RUN.requests} redeems through nginx, ${KILL_RUN.concurrency} clients, node :${victim.port} SIGKILLed after ${KILL_RUN.requests / 4} and started again; ` +
      `${retried} needed a retry with the same id, ${refused} ended without their success, ${notOnce} not in the ledger exactly once`,
  );
  return refused + notOnce;
}

/** Scale-out behind nginx (issue #12); needs PostgreSQL and Debian's nginx. */
export const scaleoutGroup: BenchGroup = {
  name: 'scaleout',
  run: async (ctx) => {
    if (!ctx.pgUrl) {
      ctx.log('no PostgreSQL URL (TEST_PG_URL / DATABASE_URL): scale-out figures skipped');
      return [];
    }
    if (!existsSync(NGINX)) {
      ctx.log(`no nginx at ${NGINX} (apt-get install nginx): scale-out figures skipped`);
      return [];
    }
    return measure(ctx, ctx.pgUrl);
  },
};
