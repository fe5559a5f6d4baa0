import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoucherRow } from '../../../core/sync';
import { buildSyncWorld, startSyncServer, type SyncServer, type SyncWorld } from './support/sync-world';

/**
 * The pull's commit-safe watermark on PostgreSQL: a change written by a transaction that began
 * earlier but commits later (its row id is lower than one already committed) is neither served
 * before it commits nor skipped after: the cursor follows (transaction id, row id), and only rows
 * older than every open transaction are served.
 */
describe.runIf(process.env.TEST_PG_URL)('sync pull: commit-safe watermark (postgres, two connections)', () => {
  let s: SyncServer;
  let w: SyncWorld;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    s = await startSyncServer('postgres');
    w = await buildSyncWorld(s.server);
    for (let i = 0; i < 2; i++) {
      const client = new pg.Client({ connectionString: process.env.TEST_PG_URL, options: `-c search_path=${s.backend.options.pgSchema}` });
      await client.connect();
      clients.push(client);
    }
  });
  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await s?.stop();
  });

  it('holds back a later commit while an earlier transaction is open, then serves both in commit-safe order', async () => {
    const [slow, fast] = clients as [pg.Client, pg.Client];
    const early = await w.issue(w.campaigns.bothStores);
    const late = await w.issue(w.campaigns.bothStores);
    const start = await w.a1.pullAll();

    // The slow transaction writes first (lower log id) and stays open…
    await slow.query('BEGIN');
    await slow.query(`UPDATE vouchers SET buyer_phone = '13800000001', updated_at = now() WHERE id = $1`, [early.id]);
    // …while the fast one writes after it (higher log id) and commits at once.
    await fast.query(`UPDATE vouchers SET buyer_phone = '13800000002', updated_at = now() WHERE id = $1`, [late.id]);
    // A reader ordering by id alone sees only the later change now, and would move past it.
    const visible = await fast.query<{ entity_id: string }>(`SELECT entity_id FROM change_log WHERE entity_id = ANY($1) AND at > now() - interval '1 minute' AND kind = 'voucher' ORDER BY id DESC LIMIT 1`, [[early.id, late.id]]);
    expect(visible.rows[0]?.entity_id).toBe(late.id);

    const held = await w.a1.pull(start.cursor);
    expect(held.status).toBe(200);
    expect(held.body.changes.filter((c) => c.kind === 'voucher')).toEqual([]);
    expect(held.body.hasMore).toBe(true);

    await slow.query('COMMIT');
    const last = await fast.query<{ entity_id: string; id: string }>(
      `SELECT DISTINCT ON (entity_id) entity_id, id FROM change_log WHERE entity_id = ANY($1) ORDER BY entity_id, id DESC`,
      [[early.id, late.id]],
    );
    const logId = (voucherId: string) => Number(last.rows.find((r) => r.entity_id === voucherId)!.id);
    expect(logId(early.id)).toBeLessThan(logId(late.id));
    const served = await w.a1.pullAll(held.body.cursor);
    const vouchers = served.changes.filter((c) => c.kind === 'voucher').map((c) => VoucherRow.parse(c.data));
    expect(vouchers.map((v) => [v.voucherId, v.buyerPhoneMasked])).toEqual([
      [early.id, '138****0001'],
      [late.id, '138****0002'],
    ]);
    expect((await w.a1.pull(served.cursor)).body.changes).toEqual([]);
  });

  it('starts a snapshot’s tail below any transaction still open, so the snapshot cannot miss it', async () => {
    const [slow] = clients as [pg.Client];
    const voucher = await w.issue(w.campaigns.bothStores);
    await slow.query('BEGIN');
    await slow.query(`UPDATE vouchers SET redeemed = 1, updated_at = now() WHERE id = $1`, [voucher.id]);
    const first = await w.a2.pull(undefined, 5000);
    expect(first.body.snapshot).toBe(true);
    await slow.query('COMMIT');
    const rest = await w.a2.pullAll(first.body.cursor);
    const seen = [...first.body.changes, ...rest.changes].filter((c) => c.kind === 'voucher' && c.id === voucher.id).map((c) => VoucherRow.parse(c.data));
    expect(seen.at(-1)).toMatchObject({ redeemed: 1 });
  });
});
