import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../support/server/api-client';
import { BACKENDS } from '../../support/server/backends';
import { OWNER_PASSWORD, seedBusyMerchant } from '../../bench/support/admin-seed';
import { signIn, startBackofficeServer, type BackofficeServer } from './support/backoffice-world';

const SIZES = { members: 100, vouchers: 1_000, redemptions: 60_000, orders: 2_000, salesToday: 100, days: 30 };

describe.each(BACKENDS)('ledger export as a stream (%s)', (kind) => {
  let running: BackofficeServer;
  let owner: ApiClient;
  const range = () => {
    const now = running.clock.now().getTime();
    return `from=${new Date(now - 32 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(now + 86_400_000).toISOString().slice(0, 10)}`;
  };

  beforeAll(async () => {
    running = await startBackofficeServer(kind);
    const busy = await seedBusyMerchant(running.server.db, running.clock.now(), SIZES);
    owner = await signIn(running.server, busy.owner.login, OWNER_PASSWORD);
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('sends every ledger row once, in chunks as they are read', async () => {
    const res = await fetch(`${running.server.url}/api/v1/merchant/settlement/export.csv?${range()}`, { headers: { authorization: `Bearer ${owner.token}` } });
    let chunks = 0;
    let lines = 0;
    const refs = new Set<string>();
    let tail = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      chunks++;
      const text = tail + Buffer.from(chunk).toString('utf8');
      const parts = text.split('\r\n');
      tail = parts.pop() ?? '';
      for (const line of parts) {
        lines++;
        refs.add(`${line.split(',')[0]}:${line.split(',')[7]}`);
      }
    }
    expect(lines - 1).toBe(SIZES.redemptions + SIZES.orders);
    expect(refs.size).toBe(SIZES.redemptions + SIZES.orders + 1);
    expect(chunks).toBeGreaterThan(10);
  });

  it('lets go of its cursor and connection when the client walks away mid-file', async () => {
    const abort = new AbortController();
    const res = await fetch(`${running.server.url}/api/v1/merchant/settlement/export.csv?${range()}`, { headers: { authorization: `Bearer ${owner.token}` }, signal: abort.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    abort.abort();
    await reader.read().catch(() => undefined);
    const db = running.server.db;
    if (db.kind === 'postgres') {
      await expect.poll(() => db.pool.totalCount - db.pool.idleCount, { timeout: 10_000 }).toBe(0);
    }
    // The server goes on answering, writes included.
    const again = await owner.post<{ ticket: string }>('/merchant/live/ticket', {});
    expect(again.status).toBe(200);
  });
});
