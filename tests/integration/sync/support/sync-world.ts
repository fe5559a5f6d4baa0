import type { Db } from '../../../../server/db/database';
import { addMerchantUser } from '../../../../server/repositories/backoffice/merchant-user-setup';
import { startServer, type RunningServer, type StartServerOptions } from '../../../../server/server';
import { ApiClient } from '../../../support/server/api-client';
import { loginBody } from '../../../support/server/login-body';
import { createBackend, type BackendKind, type TestBackend } from '../../../support/server/backends';
import { buildWorld } from '../../../support/server/world';
import { SyncTerminal } from './sync-terminal';

/** A clock the test moves, for lease expiry, reversal windows and clock skew. */
export class TestClock {
  private offsetMs = 0;
  readonly now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface SyncServer {
  backend: TestBackend;
  server: RunningServer;
  clock: TestClock;
  stop(): Promise<void>;
}

export async function startSyncServer(kind: BackendKind, options: Partial<StartServerOptions> = {}): Promise<SyncServer> {
  const backend = createBackend(kind);
  const clock = new TestClock();
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', now: clock.now, ...options });
  return {
    backend,
    server,
    clock,
    stop: async () => {
      await server.stop();
      await backend.cleanup();
    },
  };
}

let serial = 0;
export const OWNER_PASSWORD = 'owner-secret-1';
export const MANAGER_PIN = '2468';

/**
 * The server tests' world (merchant with stores A and B, a two-store and an A-only campaign, and
 * another merchant) plus an owner who signs in, a manager who approves at store A, and paired
 * sync terminals A1, A2 and B1.
 */
export async function buildSyncWorld(server: RunningServer) {
  const world = await buildWorld(server.db);
  const n = `${process.pid}x${++serial}`;
  const owner = await addMerchantUser(server.db, world.merchant.id, { login: `sync-owner${n}@main.test`, name: '店主', role: 'owner', password: OWNER_PASSWORD });
  const manager = await addMerchantUser(server.db, world.merchant.id, { login: `sync-manager${n}@main.test`, name: '店长', role: 'manager', password: OWNER_PASSWORD });
  const merchantClient = await signIn(server, owner.login, OWNER_PASSWORD);
  const pin = await merchantClient.request('PUT', `/merchant/stores/${world.stores.a.id}/managers/${manager.id}`, JSON.stringify({ pin: MANAGER_PIN }), 'application/json');
  if (pin.status !== 200) throw new Error(`manager PIN: ${pin.status} ${JSON.stringify(pin.body)}`);
  return {
    ...world,
    owner,
    manager,
    merchantClient,
    a1: await SyncTerminal.pair(server, world.terminals.a1.id),
    a2: await SyncTerminal.pair(server, world.terminals.a2.id),
    b1: await SyncTerminal.pair(server, world.terminals.b1.id),
  };
}

export type SyncWorld = Awaited<ReturnType<typeof buildSyncWorld>>;

export async function signIn(server: RunningServer, login: string, password: string): Promise<ApiClient> {
  const res = await new ApiClient(server).post<{ token: string }>('/merchant/login', await loginBody(server.db, login, password));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(server, res.body.token);
}

export async function voucherState(db: Db, voucherId: string) {
  return db.kysely.selectFrom('vouchers').select(['redeemed', 'status', 'uses', 'lease_store_id']).where('id', '=', voucherId).executeTakeFirstOrThrow();
}
