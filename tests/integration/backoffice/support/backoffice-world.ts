import type { Db } from '../../../../server/db/database';
import { addMerchantUser } from '../../../../server/repositories/backoffice/merchant-user-setup';
import { createMerchant, createStore, createTerminal } from '../../../../server/repositories/merchant-setup';
import { startServer, type RunningServer } from '../../../../server/server';
import { ApiClient } from '../../../support/server/api-client';
import { loginBody } from '../../../support/server/login-body';
import { createBackend, type BackendKind, type TestBackend } from '../../../support/server/backends';

/** A clock the test moves forward, for expiries and lockouts. */
export class TestClock {
  private offsetMs = 0;
  readonly now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface BackofficeServer {
  backend: TestBackend;
  server: RunningServer;
  clock: TestClock;
  stop(): Promise<void>;
}

export async function startBackofficeServer(kind: BackendKind): Promise<BackofficeServer> {
  const backend = createBackend(kind);
  const clock = new TestClock();
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent', now: clock.now });
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

export const PASSWORDS = { owner: 'owner-secret-1', manager: 'manager-secret-1', other: 'other-secret-1' } as const;

let serial = 0;

/**
 * Merchant "main" with two stores, an owner and a manager; merchant "other" with a store, a
 * terminal and an owner. Logins are unique per call so several worlds share one database.
 */
export async function buildBackofficeWorld(db: Db) {
  const n = `${process.pid}x${++serial}`;
  const merchant = await createMerchant(db, { name: '后台商户' });
  const storeA = await createStore(db, merchant.id, 'A 店');
  const storeB = await createStore(db, merchant.id, 'B 店');
  const terminal = await createTerminal(db, merchant.id, storeA.id, 'A1');
  const terminalB = await createTerminal(db, merchant.id, storeB.id, 'B1');
  const owner = await addMerchantUser(db, merchant.id, { login: `owner${n}@main.test`, name: '店主', role: 'owner', password: PASSWORDS.owner });
  const manager = await addMerchantUser(db, merchant.id, {
    login: `manager${n}@main.test`,
    name: '经理',
    role: 'manager',
    password: PASSWORDS.manager,
  });
  const other = await createMerchant(db, { name: '别家商户' });
  const otherStore = await createStore(db, other.id, '别家店');
  const otherOwner = await addMerchantUser(db, other.id, { login: `owner${n}@other.test`, name: '别家店主', role: 'owner', password: PASSWORDS.other });
  return {
    merchant,
    stores: { a: storeA, b: storeB },
    terminal,
    terminalB,
    owner,
    manager,
    other: { merchant: other, store: otherStore, owner: otherOwner },
  };
}

export type BackofficeWorld = Awaited<ReturnType<typeof buildBackofficeWorld>>;

/** Signs in over HTTP and returns a client holding the session token. */
export async function signIn(server: RunningServer, login: string, password: string): Promise<ApiClient> {
  const res = await new ApiClient(server).post<{ token: string }>('/merchant/login', await loginBody(server.db, login, password));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(server, res.body.token);
}

/** Audit rows of one merchant, oldest first, details parsed. */
export async function auditRows(db: Db, merchantId: string) {
  const rows = await db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

/** Everything a refused back-office request must leave untouched. */
export async function backofficeSnapshot(db: Db) {
  const k = db.kysely;
  return {
    users: await k.selectFrom('merchant_users').selectAll().orderBy('id').execute(),
    campaigns: await k.selectFrom('campaigns').selectAll().orderBy('id').execute(),
    campaignStores: await k.selectFrom('campaign_stores').selectAll().orderBy('campaign_id').orderBy('store_id').execute(),
    settlements: await k.selectFrom('group_price_settlements').selectAll().orderBy('campaign_id').execute(),
    refunds: await k.selectFrom('group_price_refunds').selectAll().orderBy('order_id').execute(),
    audit: await k.selectFrom('audit_log').selectAll().orderBy('id').execute(),
  };
}

/** A back-office server with the world built and its owner, manager and the other merchant's owner signed in. */
export async function startSignedInBackoffice(kind: BackendKind) {
  const running = await startBackofficeServer(kind);
  const world = await buildBackofficeWorld(running.server.db);
  return {
    running,
    world,
    owner: await signIn(running.server, world.owner.login, PASSWORDS.owner),
    manager: await signIn(running.server, world.manager.login, PASSWORDS.manager),
    otherOwner: await signIn(running.server, world.other.owner.login, PASSWORDS.other),
  };
}
