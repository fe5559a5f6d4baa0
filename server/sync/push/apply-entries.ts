import { VoucherRedeemV1, type OutboxEntry } from '../../../core/sync';
import type { Steps } from '../sql/steps';
import { applyEntry } from './apply-entry';
import { BULK_SIZE, bulkAcceptOffline } from './bulk-redeem-sql';
import type { EntryContext, EntryOutcome } from './entry-outcome';
import type { OfflineRedeemParams } from './offline-redeem-sql';
import { acceptedOutcome, prepareRedeem, redeemEntry } from './redeem-entry';

type Shared = Omit<EntryContext, 'entry'>;

interface RunItem {
  index: number;
  ctx: EntryContext;
  args: VoucherRedeemV1;
  p: OfflineRedeemParams;
}

/**
 * Applies entries in sequence order. On PostgreSQL a run of consecutive redemptions of different
 * vouchers is first tried as one bulk update (their order cannot matter: they touch different rows);
 * whatever it did not apply is then handled entry by entry, in order, like any other entry.
 */
export function* applyEntries(shared: Shared, entries: OutboxEntry[]): Steps<EntryOutcome[]> {
  const outcomes: EntryOutcome[] = [];
  let i = 0;
  while (i < entries.length) {
    const run = shared.kind === 'postgres' ? collectRun(shared, entries, i, outcomes) : { items: [], next: i };
    if (run.items.length < 2) {
      for (let k = i; k < Math.max(run.next, i + 1); k++) outcomes[k] ??= yield* applyEntry({ ...shared, entry: entries[k]! });
      i = Math.max(run.next, i + 1);
      continue;
    }
    const accepted = yield* bulkAcceptOffline(run.items.map((item) => item.p));
    for (const item of run.items) {
      const hit = accepted.get(item.p.redemptionId);
      outcomes[item.index] = hit ? acceptedOutcome(item.ctx, item.p, hit) : yield* redeemEntry(item.ctx, item.args, true);
    }
    i = run.next;
  }
  return outcomes;
}

/**
 * The longest run from `start` of redemptions inside a lease that can go together: distinct codes
 * and redemption ids, none in the ledger yet. Entries refused before touching the database (a bad code, bad args)
 * are answered here and do not end the run.
 */
function collectRun(shared: Shared, entries: OutboxEntry[], start: number, outcomes: EntryOutcome[]): { items: RunItem[]; next: number } {
  const items: RunItem[] = [];
  const codes = new Set<string>();
  const ids = new Set<string>();
  let k = start;
  for (; k < entries.length && items.length < BULK_SIZE; k++) {
    const entry = entries[k]!;
    if (entry.intent !== 'voucher.redeem@1') break;
    const args = VoucherRedeemV1.safeParse(entry.args);
    // A provisional redemption is judged against the ones before it (the terminal's caps): in order.
    if (!args.success || args.data.basis !== 'lease') break;
    const ctx: EntryContext = { ...shared, entry };
    const prepared = prepareRedeem(ctx, args.data);
    if (!prepared.ok) {
      outcomes[k] = prepared.outcome;
      continue;
    }
    const { p } = prepared;
    if (codes.has(p.code) || ids.has(p.redemptionId) || shared.ledgerIds.has(p.redemptionId)) break;
    codes.add(p.code);
    ids.add(p.redemptionId);
    items.push({ index: k, ctx, args: args.data, p });
  }
  return { items, next: k };
}
