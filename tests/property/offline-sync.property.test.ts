import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { startCuttableProxy, type CuttableProxy, type ProxyMode } from './support/cuttable-proxy';
import { SimTerminal } from './support/sim-terminal';
import { buildSyncWorld, type SyncWorld } from './support/sync-world';
import { checkSyncInvariants } from './support/sync-invariants';

// N terminals (engines in Node) against one real server, through proxies that can be cut, through
// random interleavings of outages, redemptions, reversals, restarts and lost answers.
let server: RunningServer;
let dir: string;
let run = 0;
/** What the runs exercised, printed at the end: a property that never met a conflict proves little. */
const tally = new Map<string, number>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hexiao-sync-property-'));
  server = await startServer({ port: 0, dataDir: dir, demo: false, logLevel: 'silent' });
});

afterAll(async () => {
  console.log(`offline sync property: ${run} runs; local outcomes ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const VOUCHERS = { aOnly: 2, ab: 2, bc: 2 };
const VOUCHER_COUNT = VOUCHERS.aOnly + VOUCHERS.ab + VOUCHERS.bc;
const terminalIx = fc.integer({ min: 0, max: 3 });

const action = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('redeem' as const), t: terminalIx, v: fc.nat(VOUCHER_COUNT - 1), count: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), t: terminalIx, pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('net' as const), t: terminalIx, mode: fc.constantFrom<ProxyMode>('open', 'cut', 'cut', 'cut', 'dropAnswers') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), t: terminalIx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), t: terminalIx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const), t: terminalIx, last: fc.integer({ min: 1, max: 4 }) }) },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

async function play(world: SyncWorld, terminals: SimTerminal[], actions: Action[], log: string[]): Promise<void> {
  for (const a of actions) {
    const t = terminals[a.t]!;
    if (a.kind === 'redeem') {
      log.push(`${a.t} redeem v${a.v}×${a.count}: ${await t.redeem(world.vouchers[a.v]!.code, a.count)}`);
    } else if (a.kind === 'reverse') {
      log.push(`${a.t} reverse #${a.pick}: ${await t.reverse(a.pick)}`);
    } else if (a.kind === 'net') {
      t.proxy.set(a.mode);
      log.push(`${a.t} net ${a.mode}`);
    } else if (a.kind === 'sync') {
      log.push(`${a.t} sync: ${JSON.stringify(await t.engine.syncOnce())}`);
    } else if (a.kind === 'restart') {
      await t.restart();
      log.push(`${a.t} restart`);
    } else {
      await t.forgetAnswers(a.last);
      log.push(`${a.t} forget ${a.last}`);
    }
  }
}

/** Everyone back online; each terminal settles what it sent online and syncs until all agree. */
async function settleAll(terminals: SimTerminal[]): Promise<void> {
  for (const t of terminals) t.proxy.set('open');
  for (let round = 0; round < 2; round++) {
    for (const t of terminals) {
      await t.settleUncertain();
      const synced = await t.engine.syncOnce();
      expect(synced, `terminal ${t.identity.terminalId} final sync`).toEqual({ ok: true });
    }
  }
}

describe('offline sync across terminals (property)', () => {
  it('never spends a voucher twice, turns every overrun into a conflict, answers every entry once, converges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 40 }), async (actions) => {
        run += 1;
        const world = await buildSyncWorld(server, VOUCHERS);
        const proxies: CuttableProxy[] = [];
        const terminals: SimTerminal[] = [];
        for (const [i, identity] of world.terminals.entries()) {
          const proxy = await startCuttableProxy({ host: '127.0.0.1', port: server.port });
          proxies.push(proxy);
          terminals.push(new SimTerminal(identity, proxy, `prop-${process.pid}-${run}-${i}`, `mgr-${identity.storeId}`));
        }
        const log: string[] = [];
        try {
          // Every terminal starts with a downloaded mirror, as a store does before an outage.
          for (const t of terminals) expect(await t.engine.syncOnce()).toEqual({ ok: true });
          await play(world, terminals, actions, log);
          await settleAll(terminals);
          await checkSyncInvariants(server, world, terminals);
          for (const t of terminals) {
            for (const r of await t.db.redemptions.toArray()) {
              const key = `${r.mode}${r.basis ? `/${r.basis}` : ''}:${r.status}${r.reversal ? `+reversal:${r.reversal.status}` : ''}`;
              tally.set(key, (tally.get(key) ?? 0) + 1);
            }
          }
        } catch (error) {
          throw new Error(`${(error as Error).message}\nactions:\n${log.join('\n')}`, { cause: error });
        } finally {
          for (const t of terminals) await t.close();
          for (const p of proxies) await p.close();
        }
      }),
      { numRuns: Number(process.env.HEXIAO_PROPERTY_RUNS ?? 60), endOnFailure: true },
    );
  }, 240_000);
});
