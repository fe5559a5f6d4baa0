import { expect } from 'vitest';
import type { RunningServer } from '../../../server';
import type { SimTerminal } from './sim-terminal';
import type { SyncWorld } from './sync-world';

/**
 * What must hold once every terminal is back and synced: the server's ledger never spends a
 * voucher beyond its uses; every redemption a terminal made has the server's verdict, and one
 * inside a lease never loses to another store; every outbox entry has exactly one stored result;
 * the terminals' mirrors equal the server.
 */
export async function checkSyncInvariants(server: RunningServer, world: SyncWorld, terminals: SimTerminal[]): Promise<void> {
  const k = server.db.kysely;
  const m = world.merchantId;
  const vouchers = await k.selectFrom('vouchers').selectAll().where('merchant_id', '=', m).execute();
  const ledger = await k.selectFrom('redemptions').selectAll().where('merchant_id', '=', m).execute();
  const reversals = await k.selectFrom('redemption_reversals').selectAll().where('merchant_id', '=', m).execute();
  const conflicts = await k.selectFrom('redemption_conflicts').selectAll().where('merchant_id', '=', m).execute();

  for (const v of vouchers) {
    const accepted = ledger.filter((r) => r.voucher_id === v.id && r.outcome === 'accepted').reduce((n, r) => n + r.count, 0);
    const freed = reversals.filter((r) => r.voucher_id === v.id).reduce((n, r) => n + r.uses_freed, 0);
    expect(accepted - freed, `voucher ${v.id}: accepted minus reversed equals redeemed`).toBe(v.redeemed);
    expect(v.redeemed, `voucher ${v.id}: within its uses`).toBeLessThanOrEqual(v.uses);
  }

  const byId = new Map(ledger.map((r) => [r.redemption_id, r]));
  for (const t of terminals) {
    const name = `terminal ${t.identity.terminalId}`;
    for (const r of await t.db.redemptions.toArray()) {
      expect(r.status, `${name} ${r.redemptionId} settled`).not.toBe('pending');
      const server = byId.get(r.redemptionId);
      if (r.status === 'accepted' || r.status === 'conflict') expect(server?.outcome, `${name} ${r.redemptionId} as the server has it`).toBe(r.status);
      else expect(server?.outcome ?? 'rejected', `${name} ${r.redemptionId} refused`).not.toBe('accepted');
      if (r.status === 'conflict') expect(conflicts.some((c) => c.redemption_id === r.redemptionId), `${name} conflict recorded`).toBe(true);
      // A lease keeps other stores away; two terminals of the holding store can still collide.
      const conflict = conflicts.find((c) => c.redemption_id === r.redemptionId);
      if (r.basis === 'lease' && conflict) {
        expect(conflict.first_store_id, `${name} ${r.redemptionId} inside a lease conflicts only within its store`).toBe(t.identity.storeId);
      }
      if (r.reversal) {
        expect(r.reversal.status, `${name} reversal settled`).not.toBe('pending');
        const reversed = reversals.some((x) => x.reversal_id === r.reversal!.reversalId);
        expect(reversed, `${name} reversal ${r.reversal.status} as the server has it`).toBe(r.reversal.status === 'accepted');
      }
    }

    const outbox = await t.db.outbox.orderBy('seq').toArray();
    expect(outbox.every((e) => e.state === 'done' && e.result !== null), `${name} every entry answered`).toBe(true);
    const stored = await k
      .selectFrom('push_results')
      .select(['client_id', 'seq'])
      .where('merchant_id', '=', m)
      .where('terminal_id', '=', t.identity.terminalId)
      .execute();
    expect(stored.map((s) => s.client_id).sort(), `${name} one stored result per entry`).toEqual(outbox.map((e) => e.clientId).sort());
    expect(new Set(stored.map((s) => Number(s.seq))).size, `${name} one result per seq`).toBe(stored.length);

    const visible = vouchers.filter((v) => world.vouchersAt(t.identity.storeId).includes(v.id));
    const mirrored = await t.db.vouchers.bulkGet(visible.map((v) => v.id));
    expect(
      mirrored.map((row) => row && { id: row.voucherId, redeemed: row.redeemed, status: row.status }),
      `${name} mirror equals the server`,
    ).toEqual(visible.map((v) => ({ id: v.id, redeemed: v.redeemed, status: v.status })));
    const leases = await k
      .selectFrom('leases')
      .select('id')
      .where('merchant_id', '=', m)
      .where('store_id', '=', t.identity.storeId)
      .where('revoked_at', 'is', null)
      .execute();
    const mirroredLeases = (await t.db.leases.toArray()).filter((l) => !l.revoked).map((l) => l.leaseId);
    expect(mirroredLeases.sort(), `${name} leases mirrored`).toEqual(leases.map((l) => l.id).sort());
  }
}
